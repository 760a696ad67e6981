/** Shared check for "referenced but not defined" rules: one module per kind uses it. */
import { kindOf, nameOf } from '../../core/resource.js';
import { estateIndex, isDefined } from '../shared/estate-index.js';
import type { RuleContext, RuleParamSpec } from '../../engine/types.js';
import { podRefs, type RefKind } from './pod-refs.js';
import { wildcardMatch } from '../../core/glob.js';

export const assumeDefinedParam = {
  type: 'array',
  items: { type: 'string', minLength: 1 },
  description:
    'Names (a `*` matches any run of characters) of objects created outside the estate (by an operator, a controller or by hand) that references may use.',
  default: [],
} as const satisfies RuleParamSpec;

export function checkMissing(ctx: RuleContext<{ assumeDefined: readonly string[] }>, kind: RefKind, builtin: (name: string) => boolean = () => false): void {
  const idx = estateIndex(ctx.estate);
  for (const ref of podRefs(ctx.estate)) {
    if (ref.kind !== kind || ref.optional || builtin(ref.name)) continue;
    if (isDefined(idx, kind, ref.template.namespace, ref.name)) continue;
    if (ctx.params.assumeDefined.some((glob) => wildcardMatch(glob, ref.name))) continue;
    const w = ref.template.workload;
    ctx.report({
      resource: w,
      path: ref.path,
      container: ref.container,
      message: `${kindOf(w)} ${nameOf(w)} refers to ${kind} "${ref.name}" (${ref.via}), which is not defined in namespace ${ref.template.namespace}`,
    });
  }
}
