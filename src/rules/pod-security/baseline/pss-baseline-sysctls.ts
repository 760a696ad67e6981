import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { podNoun, pssParts } from '../pss.js';

/** Safe sysctls and the Kubernetes minor version whose standard first allows each. */
const SAFE_SYSCTLS: [string, number][] = [
  ['kernel.shm_rmid_forced', 0],
  ['net.ipv4.ip_local_port_range', 0],
  ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0],
  ['net.ipv4.ip_unprivileged_port_start', 0],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29],
  ['net.ipv4.tcp_fin_timeout', 29],
  ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29],
  ['net.ipv4.tcp_rmem', 32],
  ['net.ipv4.tcp_wmem', 32],
  ['net.ipv4.tcp_slow_start_after_idle', 37],
  ['net.ipv4.tcp_notsent_lowat', 37],
];

export function safeSysctls(minor: number): Set<string> {
  return new Set(SAFE_SYSCTLS.filter(([, since]) => minor >= since).map(([name]) => name));
}

export const rule = defineRule({
  id: 'pss-baseline-sysctls',
  ...pssParts({
    level: 'baseline',
    control: 'Sysctls',
    title: 'Only safe sysctls',
    rationale:
      'Sysctls outside the safe, namespaced set can disable security mechanisms or change kernel behaviour for every pod on the node.',
    remediation: [
      'Remove unsafe sysctls from `spec.securityContext.sysctls`; tune the node instead if the setting is really needed.',
      '',
      yamlBlock(['securityContext:', '  sysctls:', '    - name: net.ipv4.ip_local_port_range', '      value: "1024 65535"']),
    ].join('\n'),
    evaluate(s) {
      const sysctls = getPath(s.t.spec, ['securityContext', 'sysctls']);
      if (!Array.isArray(sysctls)) return;
      const safe = safeSysctls(s.minor);
      sysctls.forEach((entry, i) => {
        const name = getPath(entry, ['name']);
        const n = name === undefined || name === null ? '' : String(name);
        if (safe.has(n)) return;
        s.pod([...s.t.specPath, 'securityContext', 'sysctls', i, 'name'], `${podNoun(s.t)} sets the unsafe sysctl "${n}".`);
      });
    },
  }),
  examples: {
    bad: [
      {
        description: 'A sysctl outside the safe set.',
        yaml: pod({ pod: { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '65536' }] } } }),
        message: 'kernel.msgmax',
      },
      {
        description: '`net.ipv4.tcp_notsent_lowat` is not yet safe for a Kubernetes 1.36 cluster.',
        yaml: pod({ pod: { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }] } } }),
        kubeVersion: '1.36',
        message: 'net.ipv4.tcp_notsent_lowat',
      },
    ],
    good: [
      { description: 'A safe, namespaced sysctl.', yaml: pod({ pod: { securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65000' }] } } }) },
      {
        description: '`net.ipv4.tcp_notsent_lowat`, safe since Kubernetes 1.37.',
        yaml: pod({ pod: { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }] } } }),
        kubeVersion: '1.37',
      },
    ],
  },
});
