import type { Rule } from '../../engine/types.js';
import { probePresenceRule } from './probe-presence.js';

export const rule: Rule = probePresenceRule({
  id: 'liveness-probe',
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
});
