import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod, restricted } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { containerScPath, isWindowsPod, podContainers } from '../../shared/pod.js';
import { hardeningParts } from './hardening.js';

export const rule = defineRule({
  id: 'no-privilege-escalation',
  ...hardeningParts(
    {
      title: 'Containers set allowPrivilegeEscalation: false',
      severity: 'warning',
      rationale:
        'Without `allowPrivilegeEscalation: false` a set-user-ID binary in the image can make a process root. Same field as the restricted "Privilege Escalation" control, enforced whatever level the cluster runs. Overlaps with `pss-restricted-privilege-escalation`.',
      remediation: [
        'Set `allowPrivilegeEscalation: false` on every container and init container.',
        '',
        yamlBlock(['securityContext:', '  allowPrivilegeEscalation: false']),
      ].join('\n'),
      disabledIn: ['dev'],
    },
    ({ ctx, t, report }) => {
      if (isWindowsPod(t)) return;
      for (const c of podContainers(ctx.estate, t)) {
        const v = getPath(c.container, ['securityContext', 'allowPrivilegeEscalation']);
        if (v === false) continue;
        report(
          c,
          containerScPath(c, 'allowPrivilegeEscalation'),
          v === true ? 'sets allowPrivilegeEscalation: true.' : 'does not set allowPrivilegeEscalation: false.',
        );
      }
    },
  ),
  examples: {
    bad: [
      { description: '`allowPrivilegeEscalation` left at its default (true).', yaml: pod(), message: 'does not set allowPrivilegeEscalation: false' },
      {
        description: 'An init container allows privilege escalation.',
        yaml: restricted({
          pod: { initContainers: [{ name: 'setup', image: 'registry.example.com/setup:1.0', securityContext: { allowPrivilegeEscalation: true } }] },
        }),
        message: 'sets allowPrivilegeEscalation: true',
      },
    ],
    good: [
      { description: 'Disabled.', yaml: restricted() },
      { description: 'Windows pods are not judged: the field has no effect there.', yaml: pod({ pod: { os: { name: 'windows' } } }) },
    ],
  },
});
