/** Liveness and readiness presence share one check over long-running containers. */
import type { Rule, Severity } from '../../engine/types.js';
import { capitalize, containerSnippet, describeContainer, longRunningAppContainers } from '../shared/pod.js';

export function probePresenceRule(options: {
  id: string;
  probe: 'livenessProbe' | 'readinessProbe';
  title: string;
  severity: Severity;
  rationale: string;
  consequence: string;
  snippet: string[];
}): Rule {
  return {
    meta: {
      id: options.id,
      title: options.title,
      concern: 'health',
      severity: options.severity,
      rationale: options.rationale,
      remediation: [
        `Give every long-running container a \`${options.probe}\`. Jobs, CronJobs and run-to-completion Pods are exempt.`,
        '',
        ...containerSnippet(options.snippet),
      ].join('\n'),
      disabledIn: ['dev'],
    },
    check(ctx) {
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
