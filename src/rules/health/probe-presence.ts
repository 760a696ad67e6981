/** Liveness and readiness presence share one check over long-running containers. */
import { containerSnippet } from '../shared/snippet.js';
import type { RuleContext, Severity } from '../../engine/types.js';
import { capitalize, describeContainer, longRunningAppContainers } from '../shared/pod.js';

/** Everything of a probe-presence rule but its id and examples, which each rule file states. */
export function probePresenceParts(options: {
  probe: 'livenessProbe' | 'readinessProbe';
  title: string;
  severity: Severity;
  rationale: string;
  consequence: string;
  snippet: string[];
}) {
  return {
    title: options.title,
    concern: 'health' as const,
    severity: options.severity,
    rationale: options.rationale,
    remediation: [
      `Give every long-running container a \`${options.probe}\`. Jobs, CronJobs and run-to-completion Pods are exempt.`,
      '',
      ...containerSnippet(options.snippet),
    ].join('\n'),
    disabledIn: ['dev' as const],
    check(ctx: RuleContext) {
      for (const { t, c } of longRunningAppContainers(ctx.estate)) {
        if (c.container[options.probe] !== undefined && c.container[options.probe] !== null) continue;
        ctx.report({
          resource: t.workload,
          path: [...c.path, options.probe],
          container: c.name,
          message: `${capitalize(describeContainer(c))} has no ${options.probe}; ${options.consequence}.`,
        });
      }
    },
  };
}
