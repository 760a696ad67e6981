import type { Rule } from '../../engine/types.js';
import { namespacePolicyRule } from './namespace-policy.js';

export const rule: Rule = namespacePolicyRule({
  id: 'namespace-limit-range',
  kind: 'LimitRange',
  title: 'Namespaces with workloads have a LimitRange',
  rationale:
    'A LimitRange gives every container default requests and limits and caps what one container may ask for, so a forgotten `resources` block cannot produce a BestEffort or unbounded pod.',
  remediation: [
    'Add a LimitRange to each namespace that runs workloads.',
    '',
    '```yaml',
    'apiVersion: v1',
    'kind: LimitRange',
    'metadata:',
    '  name: defaults',
    '  namespace: my-app',
    'spec:',
    '  limits:',
    '    - type: Container',
    '      defaultRequest:',
    '        cpu: 100m',
    '        memory: 128Mi',
    '      default:',
    '        cpu: 500m',
    '        memory: 512Mi',
    '```',
  ].join('\n'),
});
