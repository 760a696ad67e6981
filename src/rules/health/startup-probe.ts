import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { asNumber, capitalize, describeContainer, longRunningAppContainers } from '../shared/pod.js';
import { getMap } from '../../core/resource.js';
import { deployment } from '../shared/examples.js';

export const rule = defineRule({
  id: 'startup-probe',
  title: 'Slow-starting containers use a startup probe',
  concern: 'health',
  severity: 'warning',
  rationale:
    'A long `initialDelaySeconds` on the liveness probe is a guess: too short and a slow start ends in a restart loop, too long and a hung container is detected late after every restart. A startup probe holds the liveness probe back exactly until the application has started.',
  remediation: [
    'Replace the long initial delay with a startup probe that allows the worst-case start time (`failureThreshold × periodSeconds`).',
    '',
    yamlBlock([
      'startupProbe:',
      '  httpGet:',
      '    path: /health/startup',
      '    port: http',
      '  periodSeconds: 5',
      '  failureThreshold: 24   # up to 2 minutes to start',
      'livenessProbe:',
      '  httpGet:',
      '    path: /health/live',
      '    port: http',
    ]),
  ].join('\n'),
  params: {
    slowStartSeconds: {
      type: 'number',
      minimum: 0,
      description:
        'A liveness `initialDelaySeconds` at or above this marks a slow starter that needs a startup probe. A delay of half a minute is a common, deliberate choice for services that warm up; a minute or more is a slow start.',
      default: 60,
    },
  },
  disabledIn: ['dev'],
  examples: {
    bad: [
      {
        description: 'A slow starter protected only by a long liveness delay.',
        yaml: deployment(undefined, { livenessProbe: { httpGet: { path: '/live', port: 8080 }, initialDelaySeconds: 120 } }),
        message: 'no startupProbe',
      },
      {
        description: 'With `slowStartSeconds: 30`, a 45-second liveness delay already marks a slow starter.',
        yaml: deployment(undefined, { livenessProbe: { httpGet: { path: '/live', port: 8080 }, initialDelaySeconds: 45 } }),
        params: { slowStartSeconds: 30 },
        message: 'by 45s',
      },
    ],
    good: [
      {
        description: 'A startup probe covers the slow start; liveness takes over once it succeeds.',
        yaml: deployment(undefined, {
          startupProbe: { httpGet: { path: '/live', port: 8080 }, periodSeconds: 10, failureThreshold: 30 },
          livenessProbe: { httpGet: { path: '/live', port: 8080 }, initialDelaySeconds: 120 },
        }),
      },
      {
        description: 'A 30-second liveness delay, below `slowStartSeconds` (60 by default).',
        yaml: deployment(undefined, { livenessProbe: { httpGet: { path: '/live', port: 8080 }, initialDelaySeconds: 30 } }),
      },
    ],
  },
  check(ctx) {
    const threshold = ctx.params.slowStartSeconds;
    for (const { t, c } of longRunningAppContainers(ctx.estate)) {
      const liveness = getMap(c.container, ['livenessProbe']);
      if (!liveness || c.container.startupProbe !== undefined) continue;
      const delay = asNumber(liveness.initialDelaySeconds);
      if (delay === undefined || delay < threshold) continue;
      ctx.report({
        resource: t.workload,
        path: [...c.path, 'livenessProbe', 'initialDelaySeconds'],
        container: c.name,
        message: `${capitalize(describeContainer(c))} delays its liveness probe by ${delay}s but has no startupProbe; use a startup probe so slow starts neither loop nor delay failure detection.`,
      });
    }
  },
});
