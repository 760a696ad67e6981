import type { Rule } from '../../engine/types.js';
import { containerResourceRule } from './container-resource.js';

export const rule: Rule = containerResourceRule({
  resource: 'memory',
  field: 'limits',
  severity: 'error',
  rationale:
    'A container without a memory limit can consume all memory of the node; the kernel OOM killer then terminates unrelated pods.',
});
