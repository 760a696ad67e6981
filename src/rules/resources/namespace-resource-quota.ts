import type { Rule } from '../../engine/types.js';
import { namespacePolicyRule } from './namespace-policy.js';

export const rule: Rule = namespacePolicyRule({
  id: 'namespace-resource-quota',
  kind: 'ResourceQuota',
  title: 'Namespaces with workloads have a ResourceQuota',
  rationale:
    'A ResourceQuota bounds what one namespace can take from the cluster, so a runaway rollout or scaling mistake cannot starve every other tenant.',
  remediation: [
    'Add a ResourceQuota to each namespace that runs workloads.',
    '',
    '```yaml',
    'apiVersion: v1',
    'kind: ResourceQuota',
    'metadata:',
    '  name: compute',
    '  namespace: my-app',
    'spec:',
    '  hard:',
    '    requests.cpu: "8"',
    '    requests.memory: 16Gi',
    '    limits.cpu: "16"',
    '    limits.memory: 32Gi',
    '```',
  ].join('\n'),
});
