import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { deploymentObject, manifests } from '../shared/examples.js';
import { namespacePolicyParts } from './namespace-policy.js';

export const rule = defineRule({
  id: 'namespace-limit-range',
  ...namespacePolicyParts({
    kind: 'LimitRange',
    title: 'Namespaces with workloads have a LimitRange',
    rationale:
      'A LimitRange gives every container default requests and limits and caps what one container may ask for, so a forgotten `resources` block cannot produce a BestEffort or unbounded pod.',
    remediation: [
      'Add a LimitRange to each namespace that runs workloads.',
      '',
      yamlBlock([
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
      ]),
    ].join('\n'),
  }),
  examples: {
    bad: [
      { description: 'Namespace "shop" runs a Deployment but has no LimitRange.', yaml: manifests(deploymentObject(undefined, {}, { namespace: 'shop' })), message: 'no LimitRange' },
      {
        description: 'A LimitRange covers only its own namespace: "payments" has none.',
        yaml: manifests(
          { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'shop' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' } }] } },
          deploymentObject(undefined, {}, { namespace: 'shop' }),
          deploymentObject('registry.example.com/payments:2.0.1', {}, { name: 'payments', namespace: 'payments' }),
        ),
        message: 'Namespace "payments"',
      },
    ],
    good: [
      { description: 'The namespace has one.', yaml: manifests({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'shop' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' } }] } }, deploymentObject(undefined, {}, { namespace: 'shop' })) },
      {
        description: 'A namespace the platform team manages, exempted by parameter.',
        yaml: manifests(deploymentObject(undefined, {}, { namespace: 'kube-system' })),
        params: { exemptNamespaces: ['kube-system'] },
      },
    ],
  },
});
