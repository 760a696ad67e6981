import { getPath } from '../../../core/resource.js';
import { asNumber } from '../../shared/pod.js';
import { pssRule, yamlBlock } from '../pss.js';

export const rule = pssRule({
  id: 'pss-baseline-host-ports',
  level: 'baseline',
  control: 'Host Ports',
  title: 'No host ports',
  rationale:
    'A hostPort binds the container to a port of the node itself, bypassing Services and NetworkPolicies and limiting the pod to one replica per node.',
  params: {
    allowedHostPorts: {
      description:
        'Host ports the cluster accepts (the standard allows "a known list"; the built-in admission controller allows none).',
      default: [] as number[],
    },
  },
  remediation: [
    'Remove `hostPort` (or set it to 0) and expose the port through a Service.',
    '',
    yamlBlock(['ports:', '  - name: http', '    containerPort: 8080']),
  ].join('\n'),
  evaluate(s) {
    const allowed = new Set(Array.isArray(s.ctx.params.allowedHostPorts) ? s.ctx.params.allowedHostPorts.map(Number) : []);
    for (const c of s.containers) {
      const ports = c.container.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p, i) => {
        const raw = getPath(p, ['hostPort']);
        if (raw === undefined || raw === null) return;
        const hostPort = asNumber(raw) ?? Number(raw);
        if (hostPort === 0 || allowed.has(hostPort)) return;
        s.container(c, [...c.path, 'ports', i, 'hostPort'], `binds host port ${String(raw)}.`);
      });
    }
  },
});
