/**
 * Types shared by the kustomize loader, the pipeline and every transformer.
 *
 * A transformer is a small pure function over the resource list, as kustomize's filters are:
 * `(resources, config, ctx) => resources`. Bookkeeping kustomize keeps in internal
 * annotations (previous names, hash flag, generator behaviour) is kept in `KResource.meta`,
 * outside the body, so it never reaches the output.
 */
import type { Location } from '../core/location.js';
import type { ValueMap } from '../core/provenance.js';
import type { Resource } from '../core/resource.js';
import type { TransformerConfig } from './config.js';
import type { MergeSchemaState } from './patches/index.js';

/** Group/version/kind plus name and namespace: kustomize's ResId. */
export interface ResId {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

export interface ResMeta {
  /** Ids the object had before renames (prefix/suffix/namespace/hash/patch), oldest first. */
  previousIds: ResId[];
  /** Name prefixes and suffixes applied, innermost first (kustomize's prefixes/suffixes history). */
  prefixes: string[];
  suffixes: string[];
  /** Set by generators (unless disableNameSuffixHash) or the needsHashSuffix annotation. */
  needsHash: boolean;
  /** Generator behaviour for generated objects. */
  behavior?: 'create' | 'merge' | 'replace';
  /** Kind of generator that made it ('ConfigMapGenerator' | 'SecretGenerator'), for buildMetadata. */
  generatedBy?: string;
  /** Kustomization file that configured the generator or listed the resource (for originAnnotations). */
  configuredIn?: string;
  /** Resource file path relative to the kustomization root that listed it (for originAnnotations). */
  originPath?: string;
  /** Options from a patch that allowed name or kind changes. */
  allowNameChange?: boolean;
  allowKindChange?: boolean;
  /** Vars bound to this object by the kustomization that declared them (kustomize's refVarNames). */
  refVarNames?: string[];
  /** Transformations recorded for buildMetadata: transformerAnnotations. */
  transformations?: ValueMap[];
}

export interface KResource extends Resource {
  meta: ResMeta;
}

/** Reads files for one kustomization root, enforcing the load restrictor. */
export interface FileLoader {
  /** Absolute path of the kustomization root this loader serves. */
  readonly root: string;
  /** Read a file given relative to the root (or absolute); applies the load restrictor. */
  readFile(path: string, where?: Location): { text: string; absPath: string; displayPath: string };
  /** The same, as bytes (for files that need not be UTF-8). */
  readBytes(path: string, where?: Location): { bytes: Uint8Array; absPath: string; displayPath: string };
  /** Path as shown in locations: relative to the build's display root. */
  display(absPath: string): string;
}

/** Context handed to transformers of one kustomization. */
export interface KContext {
  loader: FileLoader;
  /** The kustomization file (display path) that configured this step. */
  kustomizationFile: string;
  /** Location of the field in the kustomization that configured the step. */
  fieldLocation(field: string, index?: number): Location;
  /** Warnings printed on stderr (kustomize prints deprecations there). */
  warn(message: string): void;
  /**
   * Field-spec tables in effect for this kustomization (kustomize's built-in tables merged with
   * `configurations:` and `crds:` of this layer and its bases).
   */
  config?: TransformerConfig;
  /** The build's merge-key schema (built in, or replaced by `openapi:`). */
  mergeSchema: MergeSchemaState;
}

/** A kustomization file that took part in the render, for kustomize-hygiene rules. */
export interface KustomizationInfo {
  /** Path of the kustomization file, relative to the root. */
  file: string;
  kind: 'Kustomization' | 'Component';
  /** Top-level fields with the line each is written on. */
  fields: Record<string, Location>;
  /** Raw value of the kustomization (after YAML 1.1 parsing). */
  value: ValueMap;
}
