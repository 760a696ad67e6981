import { yamlBlock } from '../shared/snippet.js';
import { selectorIsEmpty } from '../../engine/estate.js';
import type { ValuePath } from '../../core/provenance.js';
import { defineRule } from '../../engine/rule.js';
import { networkGraph, networkSettings } from './shared.js';
import { manifests } from '../shared/examples.js';
import { api, apiFromIngress, fromEveryNamespace, policy } from './examples.js';

export const rule = defineRule({
  id: 'network-policy-allows-all',
  title: 'No NetworkPolicy admits every source on every port',
  concern: 'network',
  severity: 'warning',
  rationale:
    'An ingress rule without `from` (or with `- {}`), with an empty namespaceSelector, or with ipBlock 0.0.0.0/0, and without ports, undoes the default deny for the pods it selects: it admits the whole cluster (or the internet) on every port.',
  remediation: [
    'Name the sources and ports the pods need:',
    '',
    yamlBlock([
      'ingress:',
      '  - from:',
      '      - namespaceSelector:',
      '          matchLabels:',
      '            kubernetes.io/metadata.name: kfm-api',
      '    ports:',
      '      - port: 8080',
    ]),
  ].join('\n'),
  disabledIn: ['dev'],
  examples: {
    bad: [
      {
        description: 'An ingress rule with no `from` and no `ports` admits everything.',
        yaml: manifests(api, policy('shop', 'api', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{}] })),
        message: 'every source, inside and outside the cluster',
      },
      {
        description: 'An empty `namespaceSelector` without ports admits every pod of every namespace.',
        yaml: manifests(api, fromEveryNamespace('shop', 'api', { matchLabels: { app: 'api' } })),
        message: 'every pod of every namespace',
      },
      {
        description: '`0.0.0.0/0` without ports admits every address.',
        yaml: manifests(api, policy('shop', 'api', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] })),
        message: 'every address (0.0.0.0/0)',
      },
    ],
    good: [
      {
        description: 'Only the ingress controller, only on the HTTP port.',
        yaml: manifests(api, apiFromIngress),
      },
      {
        description: 'Every namespace may connect, but only to the HTTP port.',
        yaml: manifests(api, policy('shop', 'api', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] }] })),
      },
    ],
  },
  check(ctx) {
    const graph = networkGraph(ctx.estate, networkSettings(ctx).namespaceLabels);
    for (const p of graph.policies) {
      for (const rule of p.ingress) {
        if (rule.ports !== 'all') continue;
        let what: string | undefined;
        let path: ValuePath = ['spec', 'ingress', rule.index];
        if (rule.peers === 'all') what = 'every source, inside and outside the cluster';
        else {
          for (const peer of rule.peers) {
            const everyNamespace = peer.namespaceSelector !== undefined && selectorIsEmpty(peer.namespaceSelector);
            const everyPod = peer.podSelector === undefined || selectorIsEmpty(peer.podSelector);
            if (everyNamespace && everyPod && !peer.ipBlock) what = 'every pod of every namespace';
            else if (peer.ipBlock && /^(0\.0\.0\.0|::)\/0$/.test(peer.ipBlock.cidr) && peer.ipBlock.except.length === 0) what = `every address (${peer.ipBlock.cidr})`;
            if (what) {
              path = ['spec', 'ingress', rule.index, 'from', peer.index];
              break;
            }
          }
        }
        if (!what) continue;
        ctx.report({
          resource: p.resource,
          path,
          message: `${p.ref} spec.ingress[${rule.index}] admits ${what} on every port`,
        });
      }
    }
  },
});
