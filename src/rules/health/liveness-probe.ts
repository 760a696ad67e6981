import { defineRule } from '../../engine/rule.js';
import { deployment, manifests } from '../shared/examples.js';
import { probePresenceParts } from './probe-presence.js';

export const rule = defineRule({
  id: 'liveness-probe',
  ...probePresenceParts({
    probe: 'livenessProbe',
    title: 'Long-running containers have a liveness probe',
    severity: 'warning',
    rationale:
      'Without a liveness probe a deadlocked or wedged process keeps its pod Running forever; the kubelet only restarts containers that exit.',
    consequence: 'a hung process is never restarted',
    snippet: [
      'livenessProbe:',
      '  httpGet:',
      '    path: /health/live',
      '    port: http',
      '  periodSeconds: 10',
      '  failureThreshold: 6',
    ],
  }),
  examples: {
    bad: [
      { description: 'A Deployment container without a livenessProbe.', yaml: deployment(), message: 'no livenessProbe' },
      {
        description: 'Every long-running container is judged: the log shipper beside the API has none.',
        yaml: deployment(undefined, {}, {
          podSpec: {
            containers: [
              { name: 'api', image: 'registry.example.com/api:1.4.2', livenessProbe: { httpGet: { path: '/health/live', port: 8080 } } },
              { name: 'log-shipper', image: 'registry.example.com/fluent-bit:3.1' },
            ],
          },
        }),
        message: 'Container "log-shipper"',
      },
    ],
    good: [
      { description: 'The container has one.', yaml: deployment(undefined, { livenessProbe: { httpGet: { path: '/health/live', port: 8080 }, periodSeconds: 10 } }) },
      { description: 'A Job runs to completion and needs none.', yaml: manifests({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'registry.example.com/api:1.4.2', command: ['./migrate'] }] } } } }) },
    ],
  },
});
