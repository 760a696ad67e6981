import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod, restricted } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { asNumber, containerScPath, podContainers } from '../../shared/pod.js';
import { hardeningParts } from './hardening.js';

export const rule = defineRule({
  id: 'run-as-non-root',
  ...hardeningParts(
    {
      title: 'Containers run as a non-root user',
      severity: 'warning',
      rationale:
        'A process running as root in the container is root on the node the moment it escapes. Unlike the restricted "Running as Non-root" control, this rule also accepts a non-zero `runAsUser` as proof, so it can be enforced on clusters that run the baseline level. Overlaps with `pss-restricted-running-as-non-root`.',
      remediation: [
        'Set `runAsNonRoot: true` and a non-zero `runAsUser` in the pod security context (containers inherit both).',
        '',
        yamlBlock(['spec:', '  securityContext:', '    runAsNonRoot: true', '    runAsUser: 10001', '    runAsGroup: 10001']),
      ].join('\n'),
      disabledIn: ['dev'],
    },
    ({ ctx, t, report }) => {
      const podNonRoot = getPath(t.spec, ['securityContext', 'runAsNonRoot']);
      const podUser = asNumber(getPath(t.spec, ['securityContext', 'runAsUser']));
      for (const c of podContainers(ctx.estate, t)) {
        const ownNonRoot = getPath(c.container, ['securityContext', 'runAsNonRoot']);
        const ownUser = asNumber(getPath(c.container, ['securityContext', 'runAsUser']));
        const nonRoot = ownNonRoot ?? podNonRoot;
        const user = ownUser ?? podUser;
        if (user === 0) {
          const path = ownUser !== undefined ? containerScPath(c, 'runAsUser') : [...t.specPath, 'securityContext', 'runAsUser'];
          report(c, path, 'runs as root (runAsUser: 0).');
        } else if (nonRoot !== true && (user === undefined || user < 0)) {
          report(c, containerScPath(c, 'runAsNonRoot'), 'may run as root: neither runAsNonRoot: true nor a non-zero runAsUser applies to it.');
        }
      }
    },
  ),
  examples: {
    bad: [
      { description: 'Nothing prevents the container from running as root.', yaml: pod(), message: 'neither runAsNonRoot: true nor a non-zero runAsUser' },
      {
        description: 'An explicit UID 0 on the container overrides the pod\'s non-root user.',
        yaml: pod({ pod: { securityContext: { runAsUser: 10001 } }, container: { securityContext: { runAsUser: 0 } } }),
        message: 'runs as root (runAsUser: 0)',
      },
    ],
    good: [
      { description: '`runAsNonRoot` with a numeric user.', yaml: restricted() },
      { description: 'A non-zero `runAsUser` alone is accepted as well.', yaml: pod({ pod: { securityContext: { runAsUser: 10001, runAsGroup: 10001 } } }) },
    ],
  },
});
