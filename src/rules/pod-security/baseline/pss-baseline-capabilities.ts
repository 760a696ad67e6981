import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { containerScPath, stringList } from '../../shared/pod.js';
import { pssParts } from '../pss.js';

/** The container runtime's default capability set; adding any of these is allowed. */
export const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export const rule = defineRule({
  id: 'pss-baseline-capabilities',
  ...pssParts({
    level: 'baseline',
    control: 'Capabilities',
    title: 'No capabilities beyond the default set',
    rationale:
      'Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE give a container kernel powers that break its isolation from the node and other pods.',
    remediation: [
      'Remove capabilities outside the default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT) from `capabilities.add`.',
      '',
      yamlBlock(['securityContext:', '  capabilities:', '    drop: [ALL]', '    add: [NET_BIND_SERVICE]']),
    ].join('\n'),
    evaluate(s) {
      for (const c of s.containers) {
        const added = stringList(getPath(c.container, ['securityContext', 'capabilities', 'add']));
        const badIndex = added.findIndex((cap) => !BASELINE_CAPABILITIES.has(cap));
        if (badIndex < 0) continue;
        const bad = added.filter((cap) => !BASELINE_CAPABILITIES.has(cap));
        s.container(
          c,
          containerScPath(c, 'capabilities', 'add', badIndex),
          `adds ${bad.length === 1 ? 'capability' : 'capabilities'} ${bad.join(', ')} beyond the default set.`,
        );
      }
    },
  }),
  examples: {
    bad: [
      { description: 'NET_ADMIN lets the container reconfigure the node\'s network.', yaml: pod({ container: { securityContext: { capabilities: { add: ['NET_ADMIN'] } } } }), message: 'NET_ADMIN' },
      {
        description: 'SYS_ADMIN next to a default capability: only the one beyond the default set is reported.',
        yaml: pod({ container: { securityContext: { capabilities: { add: ['CHOWN', 'SYS_ADMIN'] } } } }),
        message: 'adds capability SYS_ADMIN beyond the default set',
      },
    ],
    good: [
      { description: 'NET_BIND_SERVICE is in the baseline set.', yaml: pod({ container: { securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } } }) },
      { description: 'Everything dropped, CHOWN and SETUID added back.', yaml: pod({ container: { securityContext: { capabilities: { drop: ['ALL'], add: ['CHOWN', 'SETUID'] } } } }) },
    ],
  },
});
