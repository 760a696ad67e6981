/** `replacements:` step. Minimal placeholder until the replacement engine lands. */
import { UserError } from '../errors.js';
import type { Value } from '../model/provenance.js';
import type { KContext, KResource } from './types.js';

export function applyReplacements(resources: KResource[], entries: Value[], ctx: KContext): KResource[] {
  if (entries.length > 0) {
    throw new UserError(`'replacements' is not supported yet`, { location: ctx.fieldLocation('replacements') });
  }
  return resources;
}
