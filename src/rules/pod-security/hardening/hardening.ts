/**
 * Frame of the hardening rules: production hardening beyond (or independent of) the Pod Security
 * Standards level a cluster enforces. They judge each container's effective setting, including
 * what it inherits from the pod security context, and carry no `pss` reference.
 */
import type { ContainerRef, PodTemplate } from '../../../engine/estate.js';
import type { ValuePath } from '../../../core/provenance.js';
import type { ParamSpec, ParamsOf } from '../../../engine/rule.js';
import type { RuleContext, RuleMeta } from '../../../engine/types.js';
import { capitalize, describeContainer, judgedTemplates } from '../../shared/pod.js';

/** What a hardening rule's evaluation sees of one pod template; `ctx.params` is typed by the rule's parameter schemas. */
export interface HardeningScope<Params = Record<string, unknown>> {
  ctx: RuleContext<Params>;
  t: PodTemplate;
  report(c: ContainerRef, path: ValuePath, message: string): void;
}

/** Everything of a hardening rule but its id and examples, which each rule file states. */
export function hardeningParts<const P extends Record<string, ParamSpec> = Record<never, ParamSpec>>(
  meta: Omit<RuleMeta, 'concern' | 'id' | 'params'> & { params?: P },
  evaluate: (s: HardeningScope<ParamsOf<P>>) => void,
) {
  return {
    ...meta,
    concern: 'pod-security' as const,
    check(ctx: RuleContext<ParamsOf<P>>) {
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

