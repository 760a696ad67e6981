import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod, restricted } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { containerScPath, isWindowsPod, podContainers } from '../../shared/pod.js';
import { hardeningParts } from './hardening.js';

export const rule = defineRule({
  id: 'seccomp-runtime-default',
  ...hardeningParts(
    {
      title: 'Containers run with the RuntimeDefault seccomp profile',
      severity: 'warning',
      rationale:
        'The runtime\'s default seccomp profile blocks system calls containers never need and that kernel exploits rely on. Like the restricted "Seccomp" control, but judged per container on the effective profile, and `Localhost` profiles can be refused (`allowLocalhost: false`). Overlaps with `pss-restricted-seccomp`.',
      remediation: [
        'Set the RuntimeDefault profile in the pod security context; containers inherit it.',
        '',
        yamlBlock(['spec:', '  securityContext:', '    seccompProfile:', '      type: RuntimeDefault']),
      ].join('\n'),
      params: {
        allowLocalhost: { type: 'boolean', description: 'Accept Localhost (node-provided) seccomp profiles as well.', default: true },
      },
      disabledIn: ['dev'],
    },
    ({ ctx, t, report }) => {
      if (isWindowsPod(t)) return;
      const accepted = new Set(ctx.params.allowLocalhost ? ['RuntimeDefault', 'Localhost'] : ['RuntimeDefault']);
      const podType = getPath(t.spec, ['securityContext', 'seccompProfile', 'type']);
      for (const c of podContainers(ctx.estate, t)) {
        const ownType = getPath(c.container, ['securityContext', 'seccompProfile', 'type']);
        const effective = ownType ?? podType;
        if (typeof effective === 'string' && accepted.has(effective)) continue;
        if (effective === undefined || effective === null) {
          report(c, containerScPath(c, 'seccompProfile', 'type'), 'runs without a seccomp profile (neither the container nor the pod sets one).');
        } else {
          const path = ownType !== undefined ? containerScPath(c, 'seccompProfile', 'type') : [...t.specPath, 'securityContext', 'seccompProfile', 'type'];
          report(c, path, `runs with the seccomp profile "${String(effective)}" instead of RuntimeDefault.`);
        }
      }
    },
  ),
  examples: {
    bad: [
      { description: 'No seccomp profile.', yaml: pod(), message: 'runs without a seccomp profile' },
      {
        description: 'With `allowLocalhost: false`, a node-provided profile.',
        yaml: restricted({ pod: { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/app.json' } } } }),
        params: { allowLocalhost: false },
        message: 'seccomp profile "Localhost" instead of RuntimeDefault',
      },
    ],
    good: [
      { description: 'RuntimeDefault on the pod.', yaml: restricted() },
      {
        description: 'A node-provided (Localhost) profile, accepted by default.',
        yaml: restricted({ pod: { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/app.json' } } } }),
      },
    ],
  },
});
