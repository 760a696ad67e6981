/**
 * Builtin transformer and generator objects listed under `transformers:` / `generators:`
 * (`apiVersion: builtin`, kind PrefixSuffixTransformer, LabelTransformer, PatchTransformer…).
 * Each object configures the same transformer the kustomization fields use, but with exactly
 * the field specs the object lists: kustomize adds no defaults for these objects.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { isMap, newDict, newMap, selfOrigin, setEntryOrigin, type Value, type ValueMap } from '../core/provenance.js';
import { str } from '../core/resource.js';
import type { FieldSpec } from './fieldspec.js';
import { absorbGenerated, argsFrom, generate, optionsFrom } from './generators.js';
import { applyHashSuffixes } from './hash.js';
import { applyImage, type ImageRule } from './images.js';
import { applyAnnotations, applyLabels } from './labels.js';
import type { RootFileLoader } from './loader.js';
import { applyNamespace } from './namespace.js';
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from './patches/index.js';
import { applyPrefixSuffix } from './prefix-suffix.js';
import { applyReplacements } from './replacements.js';
import { applyReplicas } from './replicas.js';
import { sortLegacy } from './sort.js';
import { markGeneratedByObject, recordTransformer } from './build-metadata.js';
import type { KContext, KResource } from './types.js';

export interface PluginEntry {
  /** The parsed transformer/generator object. */
  config: ValueMap;
  /** Field it was listed under. */
  field: 'transformers' | 'generators' | 'validators';
  index: number;
}

function fieldSpecs(v: Value | undefined): FieldSpec[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isMap).map((m) => {
    const s = (x: Value | undefined) => (typeof x === 'string' && x !== '' ? x : undefined);
    return { group: s(m.group), version: s(m.version), kind: s(m.kind), path: str(m.path), create: m.create === true };
  });
}

function stringMap(v: Value | undefined): Record<string, string> {
  const out = newDict<string>();
  if (isMap(v)) for (const k of Object.keys(v)) out[k] = str(v[k]);
  return out;
}

/** A one-entry list whose entry carries the object's own location, for the patch and replacement steps. */
function single(entry: Value, where: Location): Value[] {
  const list = [entry];
  setEntryOrigin(list, 0, where);
  return list;
}

function entryWhere(e: PluginEntry, ctx: KContext): Location {
  return ctx.fieldLocation(e.field, e.index);
}

/** kustomize decodes builtin objects strictly: wrongly typed fields fail the configuration. */
function checkFieldTypes(c: ValueMap, where: Location): void {
  const bad = (field: string, want: string) => {
    throw new UserError(`plugin ${str(c.kind)} fails configuration: '${field}' must be ${want}`, { location: where });
  };
  const isStringMap = (v: Value) => isMap(v) && Object.keys(v).every((k) => v[k] === null || typeof v[k] !== 'object');
  for (const f of ['labels', 'annotations']) if (c[f] !== undefined && c[f] !== null && !isStringMap(c[f]!)) bad(f, 'a mapping of strings');
  if (c.fieldSpecs !== undefined && c.fieldSpecs !== null && (!Array.isArray(c.fieldSpecs) || c.fieldSpecs.some((x) => !isMap(x)))) {
    bad('fieldSpecs', 'a list of field specs');
  }
  for (const f of ['prefix', 'suffix', 'path', 'jsonOp']) if (c[f] !== undefined && c[f] !== null && typeof c[f] === 'object') bad(f, 'a string');
  for (const f of ['imageTag', 'replica', 'target', 'options']) if (c[f] !== undefined && c[f] !== null && !isMap(c[f]!)) bad(f, 'a mapping');
  for (const f of ['replacements', 'paths']) if (c[f] !== undefined && c[f] !== null && !Array.isArray(c[f])) bad(f, 'a list');
}

function runTransformer(resources: KResource[], e: PluginEntry, ctx: KContext): KResource[] {
  const c = e.config;
  const where = entryWhere(e, ctx);
  checkFieldTypes(c, where);
  const md = isMap(c.metadata) ? c.metadata : newMap();
  switch (c.kind) {
    case 'PrefixSuffixTransformer':
    case 'PrefixTransformer':
    case 'SuffixTransformer':
      return applyPrefixSuffix(resources, {
        prefix: c.kind === 'SuffixTransformer' ? '' : str(c.prefix),
        suffix: c.kind === 'PrefixTransformer' ? '' : str(c.suffix),
        fieldSpecs: fieldSpecs(c.fieldSpecs),
        origin: where,
      });
    case 'LabelTransformer':
      return applyLabels(resources, stringMap(c.labels), fieldSpecs(c.fieldSpecs), where);
    case 'AnnotationsTransformer':
      return applyAnnotations(resources, stringMap(c.annotations), fieldSpecs(c.fieldSpecs), where);
    case 'NamespaceTransformer': {
      const mode = str(c.setRoleBindingSubjects);
      return applyNamespace(resources, {
        namespace: str(md.namespace),
        fieldSpecs: fieldSpecs(c.fieldSpecs),
        unsetOnly: c.unsetOnly === true,
        setRoleBindingSubjects: mode === 'allServiceAccounts' ? 'allServiceAccounts' : mode === 'none' ? 'none' : 'defaultOnly',
        origin: where,
      });
    }
    case 'ImageTagTransformer': {
      const t = isMap(c.imageTag) ? c.imageTag : newMap();
      const rule: ImageRule = {
        name: str(t.name),
        newName: str(t.newName),
        newTag: str(t.newTag),
        digest: str(t.digest),
        tagSuffix: str(t.tagSuffix),
      };
      return applyImage(resources, rule, fieldSpecs(c.fieldSpecs), where);
    }
    case 'ReplicaCountTransformer': {
      const r = isMap(c.replica) ? c.replica : newMap();
      const count = typeof r.count === 'number' || typeof r.count === 'bigint' ? r.count : 0;
      return applyReplicas(resources, { name: str(r.name), count }, fieldSpecs(c.fieldSpecs), where);
    }
    case 'PatchTransformer': {
      const entry = newMap();
      for (const k of ['path', 'patch', 'target', 'options']) if (c[k] !== undefined) entry[k] = c[k]!;
      return applyPatches(resources, single(entry, where), ctx, NO_RECORD);
    }
    case 'PatchStrategicMergeTransformer': {
      const entries: Value[] = Array.isArray(c.paths) ? [...c.paths] : [];
      if (typeof c.patches === 'string' && c.patches.trim() !== '') entries.push(c.patches);
      if (entries.length === 0) throw new UserError('empty file path and empty patch content', { location: where });
      return applyPatchesStrategicMerge(resources, entries, ctx, NO_RECORD);
    }
    case 'PatchJson6902Transformer': {
      const entry = newMap();
      if (c.target !== undefined) entry.target = c.target!;
      if (c.path !== undefined) entry.path = c.path!;
      if (c.jsonOp !== undefined) entry.patch = c.jsonOp!;
      return applyPatchesJson6902(resources, single(entry, where), ctx, NO_RECORD);
    }
    case 'ReplacementTransformer': {
      const reps = Array.isArray(c.replacements) ? c.replacements : [];
      return applyReplacements(resources, reps, ctx, NO_RECORD);
    }
    case 'HashTransformer':
      return applyHashSuffixes(resources);
    case 'LegacyOrderTransformer':
      return sortLegacy(resources);
    case 'SortOrderTransformer':
      return sortLegacy(resources);
    default:
      throw new UserError(`builtin transformer kind '${str(c.kind)}' is not supported`, { location: where });
  }
}

const NO_RECORD = { record: false };

export function applyBuiltinTransformers(resources: KResource[], entries: PluginEntry[], ctx: KContext): KResource[] {
  let res = resources;
  for (const e of entries) {
    res = runTransformer(res, e, ctx);
    const md = isMap(e.config.metadata) ? e.config.metadata : undefined;
    // The object's own file is where it was configured (the kustomization, for inline objects).
    recordTransformer(res, ctx, str(e.config.kind), typeof md?.name === 'string' ? md.name : undefined, selfOrigin(e.config)?.file);
  }
  return res;
}

export function applyBuiltinGenerators(resources: KResource[], entries: PluginEntry[], ctx: KContext): KResource[] {
  for (const e of entries) {
    const c = e.config;
    const where = entryWhere(e, ctx);
    if (c.kind !== 'ConfigMapGenerator' && c.kind !== 'SecretGenerator') {
      throw new UserError(`builtin generator kind '${str(c.kind)}' is not supported`, { location: where });
    }
    const md = isMap(c.metadata) ? c.metadata : newMap();
    const spec = newMap();
    spec.name = str(md.name);
    spec.namespace = str(md.namespace);
    for (const k of ['behavior', 'literals', 'files', 'envs', 'type']) if (c[k] !== undefined) spec[k] = c[k]!;
    if (typeof c.env === 'string' && c.env !== '') spec.envs = [...(Array.isArray(spec.envs) ? spec.envs : []), c.env];
    const kind = c.kind === 'ConfigMapGenerator' ? 'ConfigMap' : 'Secret';
    const args = argsFrom(kind, spec, selfOrigin(c) ?? where);
    const options = optionsFrom(c.options) ?? { disableNameSuffixHash: false, immutable: false };
    const gen = generate(args, options, ctx.loader as RootFileLoader);
    if (typeof md.name === 'string') markGeneratedByObject(gen, md.name);
    absorbGenerated(resources, gen);
  }
  return resources;
}
