import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import type { ValueMap } from '../../core/provenance.js';
import { getMap } from '../../core/resource.js';
import { asNumber, capitalize, deepEqual, describeContainer, longRunningAppContainers } from '../shared/pod.js';
import { deployment } from '../shared/examples.js';

const check = { httpGet: { path: '/health', port: 8080 } };

const HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'];

/** Seconds of consecutive failures before the probe gives up (Kubernetes defaults 10s × 3). */
function failureWindow(probe: ValueMap): number {
  return (asNumber(probe.periodSeconds) ?? 10) * (asNumber(probe.failureThreshold) ?? 3);
}

export const rule = defineRule({
  id: 'probes-not-identical',
  title: 'Liveness does not duplicate readiness',
  concern: 'health',
  severity: 'warning',
  rationale:
    'When liveness runs the same check as readiness with no more patience, a slow dependency or a load spike fails both at once: pods leave the Service and are then restarted, which adds load to the survivors and turns a slowdown into a restart storm.',
  remediation: [
    'Make liveness check only that the process is alive (a cheap endpoint that does not touch dependencies), or at least give it a much longer failure window than readiness.',
    '',
    yamlBlock([
      'readinessProbe:',
      '  httpGet:',
      '    path: /health/ready   # checks dependencies',
      '    port: http',
      '  periodSeconds: 5',
      'livenessProbe:',
      '  httpGet:',
      '    path: /health/live    # process only',
      '    port: http',
      '  periodSeconds: 10',
      '  failureThreshold: 6',
    ]),
  ].join('\n'),
  disabledIn: ['dev'],
  examples: {
    bad: [
      {
        description: 'Liveness runs the readiness check with the same patience.',
        yaml: deployment(undefined, { readinessProbe: { ...check, periodSeconds: 10 }, livenessProbe: { ...check, periodSeconds: 10 } }),
        message: '30s vs 30s',
      },
      {
        description: 'The same TCP check, and liveness gives up sooner than readiness.',
        yaml: deployment(undefined, {
          readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10, failureThreshold: 3 },
          livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10, failureThreshold: 1 },
        }),
        message: '10s vs 30s',
      },
    ],
    good: [
      {
        description: 'Liveness checks only the process, readiness the dependencies.',
        yaml: deployment(undefined, {
          readinessProbe: { httpGet: { path: '/health/ready', port: 8080 }, periodSeconds: 5 },
          livenessProbe: { httpGet: { path: '/health/live', port: 8080 }, periodSeconds: 10, failureThreshold: 6 },
        }),
      },
      {
        description: 'The same check, but liveness waits much longer (60s) than readiness (30s) before acting.',
        yaml: deployment(undefined, { readinessProbe: { ...check, periodSeconds: 10 }, livenessProbe: { ...check, periodSeconds: 10, failureThreshold: 6 } }),
      },
    ],
  },
  check(ctx) {
    for (const { t, c } of longRunningAppContainers(ctx.estate)) {
      const liveness = getMap(c.container, ['livenessProbe']);
      const readiness = getMap(c.container, ['readinessProbe']);
      if (!liveness || !readiness) continue;
      const sameHandler = HANDLERS.some((h) => liveness[h] !== undefined && deepEqual(liveness[h], readiness[h]));
      if (!sameHandler) continue;
      if (failureWindow(liveness) > failureWindow(readiness)) continue;
      ctx.report({
        resource: t.workload,
        path: [...c.path, 'livenessProbe'],
        container: c.name,
        message: `${capitalize(describeContainer(c))} uses the same check for liveness and readiness with no longer failure window (${failureWindow(liveness)}s vs ${failureWindow(readiness)}s); a slow dependency makes the kubelet restart healthy pods.`,
      });
    }
  },
});
