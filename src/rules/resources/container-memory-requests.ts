import type { Rule } from '../../engine/types.js';
import { containerResourceRule } from './container-resource.js';

export const rule: Rule = containerResourceRule({
  resource: 'memory',
  field: 'requests',
  severity: 'error',
  rationale:
    'Without a memory request the scheduler can overcommit the node, and the pod is among the first evicted under memory pressure (BestEffort when nothing is set).',
});
