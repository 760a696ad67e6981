import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import type { Value } from '../../core/provenance.js';
import { getMap, getPath } from '../../core/resource.js';
import { asNumber, capitalize, describeContainer, isSidecar, judgedTemplates, podContainers } from '../shared/pod.js';
import { deployment } from '../shared/examples.js';

const ports = { ports: [{ name: 'http', containerPort: 8080 }] };

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export const rule = defineRule({
  id: 'probe-port-declared',
  title: 'Probes target a port the container declares',
  concern: 'health',
  severity: 'error',
  rationale:
    'A probe that names a port the container does not declare can never succeed, so the pod never becomes ready (or is restarted forever). A numeric port that is not declared usually means the probe and the application drifted apart.',
  remediation: [
    'Point the probe at a port listed in the container\'s `ports` (preferably by name).',
    '',
    yamlBlock([
      'ports:',
      '  - name: http',
      '    containerPort: 8080',
      'readinessProbe:',
      '  httpGet:',
      '    path: /health/ready',
      '    port: http',
    ]),
  ].join('\n'),
  examples: {
    bad: [
      {
        description: 'The readiness probe targets a named port the container does not declare.',
        yaml: deployment(undefined, { ...ports, readinessProbe: { httpGet: { path: '/ready', port: 'web' } } }),
        message: 'named port "web"',
      },
      {
        description: 'The liveness probe targets a port number nobody declared.',
        yaml: deployment(undefined, { ...ports, livenessProbe: { tcpSocket: { port: 9090 } } }),
      },
    ],
    good: [
      {
        description: 'Both probes use the declared port, by name and by number.',
        yaml: deployment(undefined, { ...ports, readinessProbe: { httpGet: { path: '/ready', port: 'http' } }, livenessProbe: { tcpSocket: { port: 8080 } } }),
      },
      {
        description: 'An exec probe targets no port.',
        yaml: deployment(undefined, { ...ports, livenessProbe: { exec: { command: ['/bin/healthcheck'] } } }),
      },
    ],
  },
  check(ctx) {
    for (const t of judgedTemplates(ctx.estate)) {
      for (const c of podContainers(ctx.estate, t)) {
        if (c.list === 'initContainers' && !isSidecar(c)) continue;
        const declared = getPath(c.container, ['ports']);
        const names = new Set<string>();
        const numbers = new Set<number>();
        if (Array.isArray(declared)) {
          for (const p of declared) {
            const name = getPath(p, ['name']);
            if (typeof name === 'string') names.add(name);
            const num = asNumber(getPath(p, ['containerPort']));
            if (num !== undefined) numbers.add(num);
          }
        }
        for (const probe of PROBES) {
          for (const handler of HANDLERS) {
            const h = getMap(c.container, [probe, handler]);
            if (!h || !('port' in h)) continue;
            const port: Value = h.port!;
            const path = [...c.path, probe, handler, 'port'];
            const who = capitalize(describeContainer(c));
            const num = asNumber(port) ?? (typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : undefined);
            if (num !== undefined) {
              if (numbers.has(num)) continue;
              ctx.report({
                resource: t.workload,
                path,
                container: c.name,
                severity: 'warning',
                message: `${who}: ${probe} targets port ${num}, which is not among the container's declared ports; declare it (with a name) or fix the probe.`,
              });
            } else if (typeof port === 'string') {
              if (names.has(port)) continue;
              ctx.report({
                resource: t.workload,
                path,
                container: c.name,
                message: `${who}: ${probe} targets the named port "${port}", which the container does not declare; the probe can never succeed.`,
              });
            }
          }
        }
      }
    }
  },
});
