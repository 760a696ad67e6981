/**
 * `buildMetadata:` (managedByLabel, originAnnotations, transformerAnnotations). Minimal
 * placeholder until the provenance annotations land.
 */
import { UserError } from '../errors.js';
import type { KContext, KResource } from './types.js';

export function applyBuildMetadata(resources: KResource[], options: string[], ctx: KContext): KResource[] {
  if (options.length > 0) {
    throw new UserError(`'buildMetadata' is not supported yet`, { location: ctx.fieldLocation('buildMetadata') });
  }
  return resources;
}
