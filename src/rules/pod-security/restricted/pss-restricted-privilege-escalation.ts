import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { restricted } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { containerScPath, isWindowsPod } from '../../shared/pod.js';
import { pssParts } from '../pss.js';

export const rule = defineRule({
  id: 'pss-restricted-privilege-escalation',
  ...pssParts({
    level: 'restricted',
    control: 'Privilege Escalation',
    title: 'Privilege escalation is explicitly disallowed',
    since: 8,
    rationale:
      'Unless `allowPrivilegeEscalation` is false, a process can gain more privileges than its parent through set-user-ID or set-group-ID binaries (no_new_privs is not set).',
    remediation: [
      'Set `allowPrivilegeEscalation: false` on every container, init container and ephemeral container (Windows pods are exempt from 1.25).',
      '',
      yamlBlock(['securityContext:', '  allowPrivilegeEscalation: false']),
    ].join('\n'),
    evaluate(s) {
      if (s.minor >= 25 && isWindowsPod(s.t)) return;
      for (const c of s.containers) {
        const v = getPath(c.container, ['securityContext', 'allowPrivilegeEscalation']);
        if (v === false) continue;
        s.container(
          c,
          containerScPath(c, 'allowPrivilegeEscalation'),
          v === true ? 'sets allowPrivilegeEscalation: true.' : 'does not set allowPrivilegeEscalation: false.',
        );
      }
    },
  }),
  examples: {
    bad: [
      {
        description: '`allowPrivilegeEscalation: true`.',
        yaml: restricted({ container: { securityContext: { allowPrivilegeEscalation: true } } }),
        message: 'sets allowPrivilegeEscalation: true',
      },
      {
        description: '`allowPrivilegeEscalation` left out: it defaults to true.',
        yaml: restricted({ container: { securityContext: { allowPrivilegeEscalation: undefined } } }),
        message: 'does not set allowPrivilegeEscalation: false',
      },
    ],
    good: [
      { description: 'Privilege escalation disabled.', yaml: restricted() },
      {
        description: 'Windows pods are exempt from Kubernetes 1.25.',
        yaml: restricted({ pod: { os: { name: 'windows' } }, container: { securityContext: { allowPrivilegeEscalation: undefined } } }),
      },
    ],
  },
});
