import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { networkGraph, networkSettings } from './shared.js';
import { manifests } from '../shared/examples.js';
import { api, apiFromIngress, defaultDeny, policy } from './examples.js';

export const rule = defineRule({
  id: 'workload-without-network-policy',
  title: 'Every workload is selected by a NetworkPolicy',
  concern: 'network',
  severity: 'warning',
  rationale:
    'Pods that no NetworkPolicy selects accept traffic from every pod in the cluster and may send traffic anywhere; nothing documents who is supposed to talk to them. Namespaces with network-plugin policies (Cilium, Calico, Antrea, AdminNetworkPolicy) are left alone: prodgate does not evaluate those.',
  remediation: [
    'Select the pods with a policy that states who may reach them (or rely on a namespace default deny plus explicit allows):',
    '',
    yamlBlock([
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: web-from-ingress',
      'spec:',
      '  podSelector:',
      '    matchLabels:',
      '      app: kfm-web',
      '  policyTypes: [Ingress]',
      '  ingress:',
      '    - from:',
      '        - namespaceSelector:',
      '            matchLabels:',
      '              kubernetes.io/metadata.name: ingress-nginx',
    ]),
  ].join('\n'),
  examples: {
    bad: [
      { description: 'No NetworkPolicy selects the API pods.', yaml: manifests(api), message: 'selected by no NetworkPolicy' },
      {
        description: 'The only policy of the namespace selects other pods (`app: web`).',
        yaml: manifests(api, policy('shop', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] })),
      },
    ],
    good: [
      { description: 'A policy selects them.', yaml: manifests(api, apiFromIngress) },
      { description: 'A namespace default deny (`podSelector: {}`) selects every pod.', yaml: manifests(api, defaultDeny('shop')) },
    ],
  },
  check(ctx) {
    const graph = networkGraph(ctx.estate, networkSettings(ctx).namespaceLabels);
    for (const w of graph.workloads) {
      if (graph.selectingAny(w).length > 0 || graph.cniPoliciesFor(w.namespace).length > 0) continue;
      ctx.report({
        resource: w.resource,
        path: [...w.template.specPath.slice(0, -1), 'metadata', 'labels'],
        message: `${w.ref} in namespace ${w.namespace} is selected by no NetworkPolicy: every pod in the cluster can reach it`,
      });
    }
  },
});
