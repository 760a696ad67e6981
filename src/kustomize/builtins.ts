/**
 * Builtin transformer and generator objects listed under `transformers:` / `generators:`
 * (kind PrefixSuffixTransformer, LabelTransformer, PatchTransformer…). Minimal placeholder.
 */
import { UserError } from '../errors.js';
import type { ValueMap } from '../model/provenance.js';
import type { KContext, KResource } from './types.js';

export interface PluginEntry {
  /** The parsed transformer/generator object. */
  config: ValueMap;
  /** Field it was listed under. */
  field: 'transformers' | 'generators' | 'validators';
  index: number;
}

export function applyBuiltinGenerators(resources: KResource[], entries: PluginEntry[], ctx: KContext): KResource[] {
  const first = entries[0];
  if (first) throw new UserError(`builtin generators are not supported yet`, { location: ctx.fieldLocation(first.field, first.index) });
  return resources;
}

export function applyBuiltinTransformers(resources: KResource[], entries: PluginEntry[], ctx: KContext): KResource[] {
  const first = entries[0];
  if (first) throw new UserError(`builtin transformers are not supported yet`, { location: ctx.fieldLocation(first.field, first.index) });
  return resources;
}
