/**
 * `vars:` resolution, run once at the top level over the accumulated vars of every layer.
 * Minimal placeholder until the vars engine lands.
 */
import { UserError } from '../errors.js';
import type { Value } from '../model/provenance.js';
import type { FieldSpec } from './fieldspec.js';
import type { KContext, KResource } from './types.js';

export interface VarEntry {
  /** The `vars:` item as written. */
  value: Value;
  /** Context of the kustomization that declared it. */
  ctx: KContext;
}

export function resolveVars(resources: KResource[], vars: VarEntry[], _varReference: FieldSpec[]): KResource[] {
  const first = vars[0];
  if (first) throw new UserError(`'vars' is not supported yet`, { location: first.ctx.fieldLocation('vars') });
  return resources;
}
