/** Liveness and readiness presence share one check over long-running containers. */
import type { Rule, Severity } from '../types.js';
import { appContainers, capitalize, describeContainer, judgedTemplates, runsToCompletion } from '../shared/pod.js';

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
        '```yaml',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: api',
        ...options.snippet.map((l) => `          ${l}`),
        '```',
      ].join('\n'),
      disabledIn: ['dev'],
    },
    check(ctx) {
      for (const t of judgedTemplates(ctx.estate)) {
        if (runsToCompletion(t)) continue;
        for (const c of appContainers(ctx.estate, t)) {
          if (c.container[options.probe] !== undefined && c.container[options.probe] !== null) continue;
          ctx.report({
            resource: t.workload,
            path: [...c.path, options.probe],
            container: c.name,
            message: `${capitalize(describeContainer(c))} has no ${options.probe}; ${options.consequence}.`,
          });
        }
      }
    },
  };
}
