/**
 * Builtin transformer and generator objects listed under `transformers:` / `generators:`
 * (`apiVersion: builtin`, kind PrefixSuffixTransformer, LabelTransformer, PatchTransformer…).
 * Each object configures the same transformer the kustomization fields use, but with exactly
 * the field specs the object lists: kustomize adds no defaults for these objects.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { isMap, newMap, selfOrigin, type ValueMap } from '../core/provenance.js';
import { str } from '../core/resource.js';
import { absorbGenerated, argsFrom, generate, generateIamPolicy, optionsFrom } from './generators.js';
import type { RootFileLoader } from './loader.js';
import { markGeneratedByObject, recordTransformer } from './build-metadata.js';
import type { KContext, KResource } from './types.js';
import { objectTransformerStep } from './transformers.js';

export interface PluginEntry {
  /** The parsed transformer/generator object. */
  config: ValueMap;
  /** Field it was listed under. */
  field: 'transformers' | 'generators' | 'validators';
  index: number;
}

function entryWhere(e: PluginEntry, ctx: KContext): Location {
  return ctx.fieldLocation(e.field, e.index);
}

/** `transformers:` objects, each decoded and applied by its entry in the transformer table. */
export function applyBuiltinTransformers(resources: KResource[], entries: PluginEntry[], ctx: KContext): KResource[] {
  let res = resources;
  for (const e of entries) {
    res = objectTransformerStep(e.config, entryWhere(e, ctx), ctx).apply(res, ctx);
    const md = isMap(e.config.metadata) ? e.config.metadata : undefined;
    // The object's own file is where it was configured (the kustomization, for inline objects).
    recordTransformer(res, ctx, str(e.config.kind), typeof md?.name === 'string' ? md.name : undefined, selfOrigin(e.config)?.file, str(md?.namespace));
  }
  return res;
}

export function applyBuiltinGenerators(resources: KResource[], entries: PluginEntry[], ctx: KContext): KResource[] {
  for (const e of entries) {
    const c = e.config;
    const where = entryWhere(e, ctx);
    if (c.kind === 'IAMPolicyGenerator') {
      const sa = generateIamPolicy(c, selfOrigin(c) ?? where);
      if (isMap(c.metadata) && typeof c.metadata.name === 'string') markGeneratedByObject(sa, c.metadata.name, str(c.metadata.namespace));
      absorbGenerated(resources, sa);
      continue;
    }
    if (c.kind !== 'ConfigMapGenerator' && c.kind !== 'SecretGenerator') {
      throw new UserError(`builtin generator kind '${str(c.kind)}' is not supported`, { location: where });
    }
    const md = isMap(c.metadata) ? c.metadata : newMap();
    const spec = newMap();
    // kustomize reads the generator's own `name`/`namespace` fields first; metadata fills them only when empty.
    spec.name = str(c.name) || str(md.name);
    spec.namespace = str(c.namespace) || str(md.namespace);
    for (const k of ['behavior', 'literals', 'files', 'envs', 'type']) if (c[k] !== undefined) spec[k] = c[k]!;
    if (typeof c.env === 'string' && c.env !== '') spec.envs = [...(Array.isArray(spec.envs) ? spec.envs : []), c.env];
    const kind = c.kind === 'ConfigMapGenerator' ? 'ConfigMap' : 'Secret';
    const args = argsFrom(kind, spec, selfOrigin(c) ?? where);
    const options = optionsFrom(c.options) ?? { disableNameSuffixHash: false, immutable: false };
    const gen = generate(args, options, ctx.loader as RootFileLoader);
    if (typeof md.name === 'string') markGeneratedByObject(gen, md.name, str(md.namespace));
    absorbGenerated(resources, gen);
  }
  return resources;
}
