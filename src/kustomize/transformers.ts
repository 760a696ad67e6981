/**
 * The builtin transformers as one table, in the order kustomize runs a kustomization's fields
 * (its `kusttarget_configplugin.go` list). Each entry says how it is configured by the
 * kustomization's fields and by a `transformers:` object of its kind (`apiVersion: builtin`),
 * and how it applies. The pipeline walks the table for the fields; a `transformers:` object is
 * looked up in the same table by kind, so there is one decoder per transformer.
 *
 * A kustomization field adds kustomize's default field specs (the `TransformerConfig`); an
 * object uses exactly the field specs it lists.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { isMap, newDict, newMap, setEntryOrigin, type Value, type ValueMap } from '../core/provenance.js';
import { str, stringMapOf } from '../core/resource.js';
import { recordTransformer } from './build-metadata.js';
import type { TransformerConfig } from './config.js';
import { mergeSpecs, type FieldSpec } from './fieldspec.js';
import { applyHashSuffixes } from './hash.js';
import { applyImage, type ImageRule } from './images.js';
import { type Kustomization, listOf, mapOf } from './kustomization.js';
import { applyAnnotations, applyLabels, syncSharedValues } from './labels.js';
import { applyNamespace, type NamespaceOptions } from './namespace.js';
import { valueAddStep } from './value-add.js';
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from './patches/index.js';
import { applyPrefixSuffix } from './prefix-suffix.js';
import { applyReplacements } from './replacements.js';
import { applyReplicas } from './replicas.js';
import type { KContext, KResource } from './types.js';

/** One configured application of a transformer. */
export interface TransformerStep {
  apply(resources: KResource[], ctx: KContext): KResource[];
  /** The kind recorded in `buildMetadata: [transformerAnnotations]` after this step, if any. */
  record?: string;
  /**
   * Patches, replacements and transformer objects may overwrite label and annotation values
   * that kustomize shares between fields; these steps carry such changes along afterwards.
   */
  sync?: boolean;
}

/** What a transformer reads a kustomization's fields with. */
export interface FieldsInput {
  k: Kustomization;
  tc: TransformerConfig;
  /** Location of a kustomization field (or of entry `i` of a list field). */
  at(field: string, index?: number): Location | undefined;
}

export interface Transformer {
  /** Kinds of `transformers:` objects this transformer reads. */
  kinds: readonly string[];
  /** The steps the kustomization's fields configure, in order (none when the fields are absent). */
  fromFields?(input: FieldsInput): TransformerStep[];
  /** The step a `transformers:` object of one of `kinds` configures. */
  fromObject?(config: ValueMap, where: Location, ctx: KContext): TransformerStep;
}

/** The field specs an object lists. */
function objectFieldSpecs(v: Value | undefined): FieldSpec[] {
  return Array.isArray(v) ? v.map(fieldSpecOf) : [];
}

function fieldSpecOf(v: Value): FieldSpec {
  const m = isMap(v) ? v : ({} as ValueMap);
  const s = (x: Value | undefined) => (typeof x === 'string' && x !== '' ? x : undefined);
  return { group: s(m.group), version: s(m.version), kind: s(m.kind), path: str(m.path), create: m.create === true };
}

/** A label or annotation map as kustomize decodes it: from a kustomization field, non-strings become empty. */
function fieldStringMap(v: Value | undefined): Record<string, string> {
  const out = newDict<string>();
  if (isMap(v)) for (const key of Object.keys(v)) out[key] = typeof v[key] === 'string' ? (v[key] as string) : '';
  return out;
}


/** A one-entry list whose entry carries the object's own location, for the patch and replacement steps. */
function single(entry: Value, where: Location): Value[] {
  const list = [entry];
  setEntryOrigin(list, 0, where);
  return list;
}

function count(v: Value | undefined): number | bigint {
  return typeof v === 'number' || typeof v === 'bigint' ? v : 0;
}

function imageRule(m: ValueMap): ImageRule {
  return { name: str(m.name), newName: str(m.newName), newTag: str(m.newTag), digest: str(m.digest), tagSuffix: str(m.tagSuffix) };
}

/** Objects record themselves (their kind and name) after the step, not inside it. */
const OBJECT = { record: false };

const patchesStrategicMerge: Transformer = {
  kinds: ['PatchStrategicMergeTransformer'],
  fromFields: ({ k }) => {
    const entries = listOf(k, 'patchesStrategicMerge');
    return [{ apply: (res, ctx) => applyPatchesStrategicMerge(res, entries, ctx), sync: true }];
  },
  fromObject(c, where) {
    const entries: Value[] = Array.isArray(c.paths) ? [...c.paths] : [];
    if (typeof c.patches === 'string' && c.patches.trim() !== '') entries.push(c.patches);
    if (entries.length === 0) throw new UserError('empty file path and empty patch content', { location: where });
    return { apply: (res, ctx) => applyPatchesStrategicMerge(res, entries, ctx, OBJECT) };
  },
};

const patches: Transformer = {
  kinds: ['PatchTransformer'],
  fromFields: ({ k }) => {
    const entries = listOf(k, 'patches');
    return [{ apply: (res, ctx) => applyPatches(res, entries, ctx), sync: true }];
  },
  fromObject(c, where) {
    const entry = newMap();
    for (const key of ['path', 'patch', 'target', 'options']) if (c[key] !== undefined) entry[key] = c[key]!;
    return { apply: (res, ctx) => applyPatches(res, single(entry, where), ctx, OBJECT) };
  },
};

const namespace: Transformer = {
  kinds: ['NamespaceTransformer'],
  fromFields: ({ k, tc, at }) => {
    const ns = k.fields.namespace;
    if (typeof ns !== 'string' || ns === '') return [];
    const options: NamespaceOptions = { namespace: ns, fieldSpecs: tc.namespace, setRoleBindingSubjects: 'defaultOnly', origin: at('namespace') };
    return [{ apply: (res) => applyNamespace(res, options), record: 'NamespaceTransformer' }];
  },
  fromObject(c, where) {
    const md = isMap(c.metadata) ? c.metadata : newMap();
    const mode = str(c.setRoleBindingSubjects);
    const options: NamespaceOptions = {
      namespace: str(md.namespace),
      fieldSpecs: objectFieldSpecs(c.fieldSpecs),
      unsetOnly: c.unsetOnly === true,
      setRoleBindingSubjects: mode === 'allServiceAccounts' ? 'allServiceAccounts' : mode === 'none' ? 'none' : 'defaultOnly',
      origin: where,
    };
    return { apply: (res) => applyNamespace(res, options) };
  },
};

const prefixSuffix: Transformer = {
  kinds: ['PrefixSuffixTransformer', 'PrefixTransformer', 'SuffixTransformer'],
  fromFields: ({ k, tc, at }) => {
    const steps: TransformerStep[] = [];
    const prefix = k.fields.namePrefix;
    if (typeof prefix === 'string' && prefix !== '') {
      steps.push({ apply: (res) => applyPrefixSuffix(res, { prefix, fieldSpecs: tc.namePrefix, origin: at('namePrefix') }), record: 'PrefixTransformer' });
    }
    const suffix = k.fields.nameSuffix;
    if (typeof suffix === 'string' && suffix !== '') {
      steps.push({ apply: (res) => applyPrefixSuffix(res, { suffix, fieldSpecs: tc.nameSuffix, origin: at('nameSuffix') }), record: 'SuffixTransformer' });
    }
    return steps;
  },
  fromObject(c, where) {
    const options = {
      prefix: c.kind === 'SuffixTransformer' ? '' : str(c.prefix),
      suffix: c.kind === 'PrefixTransformer' ? '' : str(c.suffix),
      fieldSpecs: objectFieldSpecs(c.fieldSpecs),
      origin: where,
    };
    return { apply: (res) => applyPrefixSuffix(res, options) };
  },
};

const labels: Transformer = {
  kinds: ['LabelTransformer'],
  fromFields: ({ k, tc, at }) => {
    const steps: TransformerStep[] = listOf(k, 'labels').map((l, index) => {
      const m = isMap(l) ? l : ({} as ValueMap);
      let specs = (Array.isArray(m.fields) ? m.fields : []).map(fieldSpecOf);
      if (m.includeSelectors === true) specs = mergeSpecs(specs, tc.commonLabels);
      else {
        specs = mergeSpecs(specs, [{ path: 'metadata/labels', create: true }]);
        if (m.includeTemplates === true) specs = mergeSpecs(specs, tc.templateLabels);
      }
      const pairs = fieldStringMap(m.pairs);
      return { apply: (res) => applyLabels(res, pairs, specs, at('labels', index)), record: 'LabelTransformer' };
    });
    const common = mapOf(k, 'commonLabels');
    // kustomize runs its commonLabels transformer (empty or not) whenever any labels are configured.
    if (common || steps.length > 0) {
      const pairs = fieldStringMap(common);
      steps.push({ apply: (res) => (common ? applyLabels(res, pairs, tc.commonLabels, at('commonLabels')) : res), record: 'LabelTransformer' });
    }
    return steps;
  },
  fromObject: (c, where) => ({ apply: (res) => applyLabels(res, stringMapOf(c.labels), objectFieldSpecs(c.fieldSpecs), where) }),
};

const annotations: Transformer = {
  kinds: ['AnnotationsTransformer'],
  fromFields: ({ k, tc, at }) => {
    const common = mapOf(k, 'commonAnnotations');
    if (!common) return [];
    const pairs = fieldStringMap(common);
    return [{ apply: (res) => applyAnnotations(res, pairs, tc.commonAnnotations, at('commonAnnotations')), record: 'AnnotationsTransformer' }];
  },
  fromObject: (c, where) => ({ apply: (res) => applyAnnotations(res, stringMapOf(c.annotations), objectFieldSpecs(c.fieldSpecs), where) }),
};

const patchesJson6902: Transformer = {
  kinds: ['PatchJson6902Transformer'],
  fromFields: ({ k }) => {
    const entries = listOf(k, 'patchesJson6902');
    return [{ apply: (res, ctx) => applyPatchesJson6902(res, entries, ctx), sync: true }];
  },
  fromObject(c, where) {
    const entry = newMap();
    if (c.target !== undefined) entry.target = c.target!;
    if (c.path !== undefined) entry.path = c.path!;
    if (c.jsonOp !== undefined) entry.patch = c.jsonOp!;
    return { apply: (res, ctx) => applyPatchesJson6902(res, single(entry, where), ctx, OBJECT) };
  },
};

const replicas: Transformer = {
  kinds: ['ReplicaCountTransformer'],
  fromFields: ({ k, tc, at }) =>
    listOf(k, 'replicas').map((r, i) => {
      const m = isMap(r) ? r : ({} as ValueMap);
      const rule = { name: typeof m.name === 'string' ? m.name : '', count: count(m.count) };
      return { apply: (res: KResource[]) => applyReplicas(res, rule, tc.replicas, at('replicas', i)), record: 'ReplicaCountTransformer' };
    }),
  fromObject(c, where) {
    const r = isMap(c.replica) ? c.replica : newMap();
    return { apply: (res) => applyReplicas(res, { name: str(r.name), count: count(r.count) }, objectFieldSpecs(c.fieldSpecs), where) };
  },
};

const images: Transformer = {
  kinds: ['ImageTagTransformer'],
  fromFields: ({ k, tc, at }) =>
    listOf(k, 'images').map((img, i) => {
      const rule = imageRule(isMap(img) ? img : ({} as ValueMap));
      return { apply: (res: KResource[]) => applyImage(res, rule, tc.images, at('images', i)), record: 'ImageTagTransformer' };
    }),
  fromObject(c, where) {
    const rule = imageRule(isMap(c.imageTag) ? c.imageTag : newMap());
    return { apply: (res) => applyImage(res, rule, objectFieldSpecs(c.fieldSpecs), where) };
  },
};

const replacements: Transformer = {
  kinds: ['ReplacementTransformer'],
  fromFields: ({ k }) => {
    const entries = listOf(k, 'replacements');
    return [{ apply: (res, ctx) => applyReplacements(res, entries, ctx), sync: true }];
  },
  fromObject(c) {
    const entries = Array.isArray(c.replacements) ? c.replacements : [];
    return { apply: (res, ctx) => applyReplacements(res, entries, ctx, OBJECT) };
  },
};

/** Only as `transformers:` objects. */
const valueAdd: Transformer = {
  kinds: ['ValueAddTransformer'],
  fromObject(c, where, ctx) {
    const apply = valueAddStep(c, where, ctx.loader);
    return { apply: (res) => apply(res) };
  },
};
const hash: Transformer = { kinds: ['HashTransformer'], fromObject: () => ({ apply: (res) => applyHashSuffixes(res) }) };
/**
 * kustomize does not load these as `transformers:` objects (output order is only the top-level
 * kustomization's `sortOptions`): it fails with "unable to load builtin".
 */
const legacyOrder: Transformer = {
  kinds: ['LegacyOrderTransformer', 'SortOrderTransformer'],
  fromObject(c, where) {
    throw new UserError(`unable to load builtin ${str(c.kind)}.builtin.[noGrp]`, {
      location: where,
      hint: 'order the output with the top-level kustomization\'s sortOptions field instead',
    });
  },
};

/** kustomize's order for a kustomization's own fields. */
export const TRANSFORMERS: readonly Transformer[] = [
  patchesStrategicMerge,
  patches,
  namespace,
  prefixSuffix,
  labels,
  annotations,
  patchesJson6902,
  replicas,
  images,
  replacements,
  hash,
  legacyOrder,
  valueAdd,
];

const byKind = new Map(TRANSFORMERS.flatMap((t) => t.kinds.map((kind) => [kind, t] as const)));

/** Run one step, then what kustomize does after it (recording, shared-value sync). */
export function runStep(resources: KResource[], step: TransformerStep, ctx: KContext): KResource[] {
  const res = step.apply(resources, ctx);
  if (step.record) recordTransformer(res, ctx, step.record);
  if (step.sync) syncSharedValues(res);
  return res;
}

/** The transformers a kustomization's fields configure, applied in kustomize's order. */
export function applyFieldTransformers(resources: KResource[], input: FieldsInput, ctx: KContext): KResource[] {
  let res = resources;
  for (const t of TRANSFORMERS) for (const step of t.fromFields?.(input) ?? []) res = runStep(res, step, ctx);
  return res;
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

/** The step a `transformers:` object configures, from the table entry of its kind. */
export function objectTransformerStep(c: ValueMap, where: Location, ctx: KContext): TransformerStep {
  checkFieldTypes(c, where);
  const t = byKind.get(str(c.kind));
  if (!t?.fromObject) throw new UserError(`builtin transformer kind '${str(c.kind)}' is not supported`, { location: where });
  return t.fromObject(c, where, ctx);
}
