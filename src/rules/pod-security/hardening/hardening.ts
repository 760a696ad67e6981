/**
 * Frame of the hardening rules: production hardening beyond (or independent of) the Pod Security
 * Standards level a cluster enforces. They judge each container's effective setting, including
 * what it inherits from the pod security context, and carry no `pss` reference.
 */
import type { ContainerRef, PodTemplate } from '../../../engine/estate.js';
import type { ValuePath } from '../../../core/provenance.js';
import type { RuleContext, RuleMeta } from '../../../engine/types.js';
import { capitalize, describeContainer, judgedTemplates } from '../../shared/pod.js';

export interface HardeningScope {
  ctx: RuleContext;
  t: PodTemplate;
  report(c: ContainerRef, path: ValuePath, message: string): void;
}

/** Everything of a hardening rule but its id and examples, which each rule file states. */
export function hardeningParts(meta: Omit<RuleMeta, 'concern' | 'id'>, evaluate: (s: HardeningScope) => void) {
  return {
    ...meta,
    concern: 'pod-security' as const,
    check(ctx: RuleContext) {
      for (const t of judgedTemplates(ctx.estate)) {
        evaluate({
          ctx,
          t,
          report: (c, path, message) =>
            ctx.report({ resource: t.workload, path, container: c.name, message: `${capitalize(describeContainer(c))} ${message}` }),
        });
      }
    },
  };
}

