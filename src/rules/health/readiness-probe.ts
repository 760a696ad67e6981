import { defineRule } from '../../engine/rule.js';
import { deployment, manifests } from '../shared/examples.js';
import { probePresenceParts } from './probe-presence.js';

export const rule = defineRule({
  id: 'readiness-probe',
  ...probePresenceParts({
    probe: 'readinessProbe',
    title: 'Long-running containers have a readiness probe',
    severity: 'error',
    rationale:
      'Without a readiness probe a pod receives Service traffic as soon as its process starts, before it can serve, and rolling updates cannot tell a broken release from a healthy one.',
    consequence: 'it receives traffic before it can serve and rollouts cannot detect a broken release',
    snippet: ['readinessProbe:', '  httpGet:', '    path: /health/ready', '    port: http', '  periodSeconds: 5'],
  }),
  examples: {
    bad: [
      { description: 'A Deployment container without a readinessProbe.', yaml: deployment(), message: 'no readinessProbe' },
      {
        description: 'A StatefulSet container without one: its pods join the Service before they can serve.',
        yaml: manifests({
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'search' },
          spec: { serviceName: 'search', selector: { matchLabels: { app: 'search' } }, template: { metadata: { labels: { app: 'search' } }, spec: { containers: [{ name: 'search', image: 'registry.example.com/search:8.15.0' }] } } },
        }),
        message: 'Container "search" has no readinessProbe',
      },
    ],
    good: [
      { description: 'The container has one.', yaml: deployment(undefined, { readinessProbe: { httpGet: { path: '/health/ready', port: 8080 }, periodSeconds: 5 } }) },
      { description: 'A Job runs to completion and needs none.', yaml: manifests({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'registry.example.com/api:1.4.2', command: ['./migrate'] }] } } } }) },
    ],
  },
});
