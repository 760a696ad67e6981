import { yamlBlock } from '../shared/snippet.js';
import { selectorIsEmpty } from '../../engine/estate.js';
import type { Resource } from '../../core/resource.js';
import { defineRule } from '../../engine/rule.js';
import { networkGraph, networkSettings } from './shared.js';
import { manifests } from '../shared/examples.js';
import { api, ciliumFromIngress, defaultDeny, policy } from './examples.js';

export const rule = defineRule({
  id: 'namespace-default-deny-ingress',
  title: 'Every namespace with workloads denies ingress by default',
  concern: 'network',
  severity: 'error',
  rationale:
    'Without a NetworkPolicy that selects every pod of the namespace for ingress, any pod the namespace gains later is open to the whole cluster; a default deny makes every allowed path explicit. Namespaces with network-plugin policies (Cilium, Calico, Antrea, AdminNetworkPolicy) are left alone: prodgate does not evaluate those.',
  remediation: [
    'Add a default-deny ingress policy to the namespace, then allow each needed path with its own policy:',
    '',
    yamlBlock([
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: default-deny-ingress',
      '  namespace: kfm-web',
      'spec:',
      '  podSelector: {}',
      '  policyTypes:',
      '    - Ingress',
    ]),
  ].join('\n'),
  examples: {
    bad: [
      { description: 'Namespace `shop` runs workloads without a default-deny ingress policy.', yaml: manifests(api), message: 'namespace shop has no default-deny' },
      {
        description: 'A policy that selects every pod but admits all ingress denies nothing.',
        yaml: manifests(api, policy('shop', 'allow-all', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] })),
      },
    ],
    good: [
      { description: 'A policy selecting every pod with no ingress rule denies by default.', yaml: manifests(api, defaultDeny('shop')) },
      { description: 'A namespace governed by network-plugin policies (here Cilium) is left to the plugin.', yaml: manifests(api, ciliumFromIngress('shop')) },
    ],
  },
  check(ctx) {
    const graph = networkGraph(ctx.estate, networkSettings(ctx).namespaceLabels);
    const firstWorkload = new Map<string, Resource>();
    for (const w of graph.workloads) if (!firstWorkload.has(w.namespace)) firstWorkload.set(w.namespace, w.resource);
    for (const [namespace, workload] of firstWorkload) {
      // Plugin policies (Cilium, Calico…) often carry the default deny; they are not evaluated.
      if (graph.cniPoliciesFor(namespace).length > 0) continue;
      const denies = graph.policiesIn(namespace).some(
        (p) =>
          p.types.ingress &&
          selectorIsEmpty(p.podSelector) &&
          !p.ingress.some((r) => r.peers === 'all' && r.ports === 'all'),
      );
      if (denies) continue;
      const nsObject = ctx.estate.get('Namespace', '', namespace);
      ctx.report({
        resource: nsObject ?? workload,
        path: nsObject ? [] : ['metadata', 'namespace'],
        // The Namespace object's own file (its name may have been set by a kustomization).
        location: nsObject?.origin,
        message: `namespace ${namespace} has no default-deny ingress NetworkPolicy (podSelector: {} with policyTypes [Ingress])`,
      });
    }
  },
});
