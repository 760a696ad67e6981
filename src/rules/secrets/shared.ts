import type { SecretHit } from '../../analysis/secrets/scan.js';
import { formatPath } from '../../core/resource.js';
import type { RuleContext } from '../../engine/types.js';

/** Report a detected secret: where and what kind, never the value. */
export function reportHit(ctx: RuleContext, hit: SecretHit, where: string): void {
  ctx.report({
    resource: hit.resource,
    path: hit.path,
    message: `${where} \`${formatPath(hit.path, hit.resource.body)}\` holds a ${hit.description} (${hit.length} characters, value not shown)`,
  });
}
