import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod, restricted } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { containerScPath, isWindowsPod, podContainers, stringList } from '../../shared/pod.js';
import { hardeningParts } from './hardening.js';

export const rule = defineRule({
  id: 'drop-all-capabilities',
  ...hardeningParts(
    {
      title: 'Containers drop all capabilities',
      severity: 'warning',
      rationale:
        'Dropping ALL capabilities removes kernel privileges the application never uses (raw sockets, chown, setuid…). This is the drop half of the restricted "Capabilities" control, enforced for every Kubernetes version and whatever level the cluster runs. Overlaps with `pss-restricted-capabilities`.',
      remediation: [
        'Drop ALL and add back only what the process needs.',
        '',
        yamlBlock(['securityContext:', '  capabilities:', '    drop: [ALL]']),
      ].join('\n'),
      disabledIn: ['dev'],
    },
    ({ ctx, t, report }) => {
      if (isWindowsPod(t)) return;
      for (const c of podContainers(ctx.estate, t)) {
        const drop = stringList(getPath(c.container, ['securityContext', 'capabilities', 'drop']));
        if (drop.some((cap) => cap.toUpperCase() === 'ALL')) continue;
        report(c, containerScPath(c, 'capabilities', 'drop'), 'does not drop ALL capabilities.');
      }
    },
  ),
  examples: {
    bad: [
      { description: 'The runtime\'s default capabilities are kept.', yaml: pod(), message: 'does not drop ALL capabilities' },
      { description: 'Only NET_RAW is dropped.', yaml: pod({ container: { securityContext: { capabilities: { drop: ['NET_RAW'] } } } }) },
    ],
    good: [
      { description: '`drop: [ALL]`.', yaml: restricted() },
      {
        description: '`drop: [ALL]`, adding back the one capability the process needs.',
        yaml: pod({ container: { securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } } }),
      },
    ],
  },
});
