import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { pssParts } from '../pss.js';

const HANDLERS: (string | number)[][] = [
  ['livenessProbe', 'httpGet'],
  ['livenessProbe', 'tcpSocket'],
  ['readinessProbe', 'httpGet'],
  ['readinessProbe', 'tcpSocket'],
  ['startupProbe', 'httpGet'],
  ['startupProbe', 'tcpSocket'],
  ['lifecycle', 'postStart', 'httpGet'],
  ['lifecycle', 'postStart', 'tcpSocket'],
  ['lifecycle', 'preStop', 'httpGet'],
  ['lifecycle', 'preStop', 'tcpSocket'],
];

export const rule = defineRule({
  id: 'pss-baseline-host-probes-lifecycle-hooks',
  ...pssParts({
    level: 'baseline',
    control: 'Host Probes / Lifecycle Hooks',
    title: 'Probes and lifecycle hooks do not target other hosts',
    since: 34,
    rationale:
      'A `host` in an httpGet or tcpSocket probe or lifecycle hook makes the kubelet connect to an arbitrary address from the node, which can be abused to reach services only the node can reach.',
    remediation: [
      'Remove the `host` field so the kubelet probes the pod\'s own IP.',
      '',
      yamlBlock(['readinessProbe:', '  httpGet:', '    path: /health/ready', '    port: http']),
    ].join('\n'),
    evaluate(s) {
      for (const c of s.containers) {
        for (const handler of HANDLERS) {
          const host = getPath(c.container, [...handler, 'host']);
          if (host === undefined || host === null || host === '') continue;
          s.container(c, [...c.path, ...handler, 'host'], `sets ${handler.join('.')}.host to "${String(host)}".`);
        }
      }
    },
  }),
  examples: {
    bad: [
      {
        description: 'A probe that calls another host.',
        yaml: pod({ container: { readinessProbe: { httpGet: { host: '10.0.0.1', path: '/ready', port: 8080 } } } }),
        message: 'readinessProbe.httpGet.host',
      },
      {
        description: 'A preStop hook that makes the kubelet call the cloud metadata endpoint.',
        yaml: pod({ container: { lifecycle: { preStop: { httpGet: { host: '169.254.169.254', path: '/latest/meta-data/', port: 80 } } } } }),
        message: 'lifecycle.preStop.httpGet.host',
      },
    ],
    good: [
      { description: 'A probe of the pod itself.', yaml: pod({ container: { readinessProbe: { httpGet: { path: '/ready', port: 8080 } } } }) },
      {
        description: 'A TCP liveness probe and an exec hook, neither naming a host.',
        yaml: pod({ container: { livenessProbe: { tcpSocket: { port: 8080 } }, lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } } }),
      },
    ],
  },
});
