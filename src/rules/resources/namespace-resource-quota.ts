import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { deploymentObject, manifests } from '../shared/examples.js';
import { namespacePolicyParts } from './namespace-policy.js';

export const rule = defineRule({
  id: 'namespace-resource-quota',
  ...namespacePolicyParts({
    kind: 'ResourceQuota',
    title: 'Namespaces with workloads have a ResourceQuota',
    rationale:
      'A ResourceQuota bounds what one namespace can take from the cluster, so a runaway rollout or scaling mistake cannot starve every other tenant.',
    remediation: [
      'Add a ResourceQuota to each namespace that runs workloads.',
      '',
      yamlBlock([
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
      ]),
    ].join('\n'),
  }),
  examples: {
    bad: [
      { description: 'Namespace "shop" runs a Deployment but has no ResourceQuota.', yaml: manifests(deploymentObject(undefined, {}, { namespace: 'shop' })), message: 'no ResourceQuota' },
      {
        description: 'A ResourceQuota bounds only its own namespace: "payments" has none.',
        yaml: manifests(
          { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', namespace: 'shop' }, spec: { hard: { 'requests.cpu': '8', 'requests.memory': '16Gi' } } },
          deploymentObject(undefined, {}, { namespace: 'shop' }),
          deploymentObject('registry.example.com/payments:2.0.1', {}, { name: 'payments', namespace: 'payments' }),
        ),
        message: 'Namespace "payments"',
      },
    ],
    good: [
      { description: 'The namespace has one.', yaml: manifests({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', namespace: 'shop' }, spec: { hard: { 'requests.cpu': '8', 'requests.memory': '16Gi' } } }, deploymentObject(undefined, {}, { namespace: 'shop' })) },
      {
        description: 'A namespace the platform team manages, exempted by parameter.',
        yaml: manifests(deploymentObject(undefined, {}, { namespace: 'kube-system' })),
        params: { exemptNamespaces: ['kube-system'] },
      },
    ],
  },
});
