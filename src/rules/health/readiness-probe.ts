import type { Rule } from '../../engine/types.js';
import { probePresenceRule } from './probe-presence.js';

export const rule: Rule = probePresenceRule({
  id: 'readiness-probe',
  probe: 'readinessProbe',
  title: 'Long-running containers have a readiness probe',
  severity: 'error',
  rationale:
    'Without a readiness probe a pod receives Service traffic as soon as its process starts, before it can serve, and rolling updates cannot tell a broken release from a healthy one.',
  consequence: 'it receives traffic before it can serve and rollouts cannot detect a broken release',
  snippet: ['readinessProbe:', '  httpGet:', '    path: /health/ready', '    port: http', '  periodSeconds: 5'],
});
