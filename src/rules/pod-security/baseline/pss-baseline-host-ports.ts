import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { asNumber } from '../../shared/pod.js';
import { pssParts } from '../pss.js';

export const rule = defineRule({
  id: 'pss-baseline-host-ports',
  ...pssParts({
    level: 'baseline',
    control: 'Host Ports',
    title: 'No host ports',
    rationale:
      'A hostPort binds the container to a port of the node itself, bypassing Services and NetworkPolicies and limiting the pod to one replica per node.',
    params: {
      allowedHostPorts: {
        type: 'array',
        items: { type: 'integer', minimum: 1, maximum: 65535 },
        description:
          'Host ports the cluster accepts (the standard allows "a known list"; the built-in admission controller allows none).',
        default: [],
      },
    },
    remediation: [
      'Remove `hostPort` (or set it to 0) and expose the port through a Service.',
      '',
      yamlBlock(['ports:', '  - name: http', '    containerPort: 8080']),
    ].join('\n'),
    evaluate(s) {
      const allowed = new Set(s.ctx.params.allowedHostPorts);
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
  }),
  examples: {
    bad: [
      { description: 'A hostPort binds a port of the node.', yaml: pod({ container: { ports: [{ containerPort: 8080, hostPort: 8080 }] } }), message: 'binds host port 8080' },
      {
        description: 'A host port outside the list the cluster allows.',
        yaml: pod({ container: { ports: [{ containerPort: 80, hostPort: 80 }] } }),
        params: { allowedHostPorts: [9100] },
        message: 'binds host port 80',
      },
    ],
    good: [
      { description: 'A container port, exposed through a Service.', yaml: pod({ container: { ports: [{ name: 'http', containerPort: 8080 }] } }) },
      { description: 'A host port the cluster allows, by parameter.', yaml: pod({ container: { ports: [{ containerPort: 9100, hostPort: 9100 }] } }), params: { allowedHostPorts: [9100] } },
    ],
  },
});
