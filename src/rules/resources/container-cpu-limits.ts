import type { Rule } from '../../engine/types.js';
import { containerResourceRule } from './container-resource.js';

export const rule: Rule = containerResourceRule({
  resource: 'cpu',
  field: 'limits',
  severity: 'warning',
  disabledIn: ['dev'],
  rationale:
    'A container without a cpu limit can use every idle core of the node and starve its neighbours. Some teams prefer no CPU limits to avoid throttling; lower or disable this rule in the config if that is your policy.',
});
