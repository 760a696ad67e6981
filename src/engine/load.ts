/**
 * Targets → estates: a kustomization target is rendered by the kustomize layer, a manifest or
 * stdin target is read by the input layer; either way the objects become one `Estate`.
 * Helm test hooks are left out: they are not production workloads.
 */
import path from 'node:path';
import type { Location } from '../core/location.js';
import { isHelmTestHook, refOf, type ObjectRef, type Resource } from '../core/resource.js';
import { kustomizeSourceFiles, readManifestTarget, targetEnvFiles, type InputError, type ReadOptions, type SkippedFile, type Target } from '../input/load.js';
import type { SourceFileInfo } from '../input/types.js';
import { build, type LoadRestrictor } from '../kustomize/index.js';
import type { KustomizationInfo } from '../kustomize/types.js';
import { Estate, type ExternalObject, type PodTemplatePath } from './estate.js';

export interface LoadOptions extends ReadOptions {
  defaultNamespace?: string;
  podTemplatePaths?: PodTemplatePath[];
  loadRestrictor?: LoadRestrictor;
  /** CustomResourceDefinitions from outside the estates (`--crd-schemas`). */
  externalCrds?: Resource[];
  /** Objects that exist in the cluster but not in the repository (`external:`). */
  external?: ExternalObject[];
}

export interface SkippedObject {
  object: ObjectRef;
  location: Location;
  reason: string;
}

export interface LoadedEstate {
  target: Target;
  estate: Estate;
  /** Objects not judged (Helm test hooks). */
  skipped: SkippedObject[];
  /** Renderer warnings (deprecated kustomize fields…). */
  warnings: string[];
  /** Files of a searched directory that held nothing to judge. */
  skippedFiles: SkippedFile[];
  /** Files of a searched directory that could not be read (the others were). */
  errors: InputError[];
}

/** Render or read one target into an estate. */
export function loadTarget(target: Target, options: LoadOptions = {}): LoadedEstate {
  const root = path.resolve(options.root ?? process.cwd());
  let resources: Resource[];
  let kustomizations: KustomizationInfo[] = [];
  let files: Map<string, SourceFileInfo>;
  let skippedFiles: SkippedFile[] = [];
  let errors: InputError[] = [];
  const warnings: string[] = [];
  if (target.input.type === 'kustomize') {
    const result = build(target.abs!, { root, loadRestrictor: options.loadRestrictor });
    resources = result.resources;
    kustomizations = result.kustomizations;
    warnings.push(...result.warnings);
    files = kustomizeSourceFiles(root, resources, kustomizations.map((k) => k.file));
  } else {
    ({ resources, files, skippedFiles, errors } = readManifestTarget(target, options));
  }
  const skipped: SkippedObject[] = [];
  const judged: Resource[] = [];
  for (const r of resources) {
    if (isHelmTestHook(r)) skipped.push({ object: refOf(r), location: r.origin, reason: 'Helm test hook' });
    else judged.push(r);
  }
  const estate = new Estate(judged, {
    envFiles: targetEnvFiles(root, target, kustomizations.map((k) => k.file)),
    defaultNamespace: options.defaultNamespace,
    podTemplatePaths: options.podTemplatePaths,
    inputs: [target.input],
    externalCrds: options.externalCrds,
    external: options.external,
    kustomizations,
    files,
    root,
  });
  return { target, estate, skipped, warnings, skippedFiles, errors };
}
