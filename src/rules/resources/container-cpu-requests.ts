import type { Rule } from '../../engine/types.js';
import { containerResourceRule } from './container-resource.js';

export const rule: Rule = containerResourceRule({
  resource: 'cpu',
  field: 'requests',
  severity: 'error',
  rationale:
    'The scheduler places pods by their requests. A container without a cpu request gets no guaranteed CPU share, and a pod with no requests at all is BestEffort.',
});
