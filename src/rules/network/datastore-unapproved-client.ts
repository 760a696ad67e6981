import { yamlBlock } from '../shared/snippet.js';
import { datastoreKeys } from '../../analysis/network/datastore.js';
import { explainReach } from '../../analysis/network/reach.js';
import { describeSource } from '../../analysis/network/render.js';
import { nameOf } from '../../core/resource.js';
import { defineRule } from '../../engine/rule.js';
import { datastoresParam, namespaceLabelsParam, networkDatastores, networkGraph, networkSettings } from './shared.js';
import { manifests } from '../shared/examples.js';
import { api, defaultDeny, fromEveryNamespace, namespaces, postgres, postgresFromShop, postgresService } from './examples.js';

export const rule = defineRule({
  id: 'datastore-unapproved-client',
  title: 'Datastores are reachable only from approved namespaces',
  concern: 'network',
  severity: 'error',
  rationale:
    'The trust membrane: a datastore must accept traffic only from the namespaces of the APIs that govern it. Reachability is computed with NetworkPolicy semantics (ingress of the datastore, egress of the sources), so a missing or too-wide policy shows up as the namespaces it lets in.',
  remediation: [
    'Deny all ingress in the datastore namespace and admit only the approved client namespaces; declare them in `.prodgate.yaml` (`network.approvedClients: {vector: [kfm-api]}`):',
    '',
    yamlBlock([
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: vector-from-api',
      'spec:',
      '  podSelector:',
      '    matchLabels:',
      '      app: vector',
      '  policyTypes: [Ingress]',
      '  ingress:',
      '    - from:',
      '        - namespaceSelector:',
      '            matchLabels:',
      '              kubernetes.io/metadata.name: kfm-api',
      '      ports:',
      '        - port: 6333',
    ]),
  ].join('\n'),
  params: {
    approvedClients: {
      type: 'object',
      additionalProperties: { type: 'array', items: { type: 'string' } },
      description:
        'Namespaces allowed to reach each datastore, keyed by workload name, `app` label or namespace (merged over `network.approvedClients`); `*` applies to every datastore.',
      default: {},
    },
    allowSameNamespace: {
      type: 'boolean',
      description: 'Whether pods in the datastore’s own namespace (replicas, backup jobs) are always approved.',
      default: true,
    },
    namespaceLabels: namespaceLabelsParam,
    datastores: datastoresParam,
  },
  examples: {
    bad: [
      {
        description: 'No NetworkPolicy isolates Postgres: every pod of the cluster can connect.',
        yaml: manifests(...namespaces, postgres, postgresService('ClusterIP'), api),
        message: 'no NetworkPolicy isolates its pods',
      },
      {
        description: 'Only `shop` is approved, but the policy admits every namespace.',
        yaml: manifests(...namespaces, postgres, postgresService('ClusterIP'), api, defaultDeny('data'), fromEveryNamespace('data', 'postgres-clients', { matchLabels: { app: 'postgres' } })),
        params: { approvedClients: { postgres: ['shop'] } },
        message: 'opened by NetworkPolicy/data/postgres-clients',
      },
    ],
    good: [
      {
        description: 'Postgres admits only the approved `shop` namespace.',
        yaml: manifests(...namespaces, postgres, postgresService('ClusterIP'), api, defaultDeny('data'), postgresFromShop),
        params: { approvedClients: { postgres: ['shop'] } },
      },
      {
        description: 'The same, with the approved clients declared once for every rule in `.prodgate.yaml` (`network.approvedClients`).',
        yaml: manifests(...namespaces, postgres, postgresService('ClusterIP'), api, defaultDeny('data'), postgresFromShop),
        settings: { network: { approvedClients: { postgres: ['shop'] } } },
      },
    ],
  },
  check(ctx) {
    const settings = networkSettings(ctx);
    const graph = networkGraph(ctx.estate, settings.namespaceLabels);
    const sameNamespace = ctx.params.allowSameNamespace;
    for (const ds of networkDatastores(ctx, graph, settings)) {
      const w = ds.workload;
      const approved = new Set<string>(settings.approvedClients['*'] ?? []);
      for (const key of datastoreKeys(w)) for (const ns of settings.approvedClients[key] ?? []) approved.add(ns);
      if (sameNamespace) approved.add(w.namespace);
      const reach = explainReach(graph, w);
      // One finding per object and field that opens paths (an empty `from` admits pods and the outside at once).
      const byOpener = new Map<string, { opener: (typeof reach.allowed)[number]['openers'][number]; sources: string[]; reasons: string[]; policy: boolean }>();
      for (const entry of reach.allowed) {
        const from = entry.from;
        if (!from.external && from.namespace !== '*' && approved.has(from.namespace)) continue;
        if (from.external && !from.ipBlock && entry.via.every((v) => !v.startsWith('NetworkPolicy/'))) {
          // Exposure through a Service or Ingress is datastore-exposed's finding.
          continue;
        }
        const opener = entry.openers[0]!;
        const key = `${String(opener.resource.body.kind)}|${nameOf(opener.resource)}|${opener.path.join('.')}`;
        let group = byOpener.get(key);
        if (!group) byOpener.set(key, (group = { opener, sources: [], reasons: [], policy: entry.via.length > 0 }));
        group.sources.push(`${describeSource(from)} on ${entry.ports.toString()}`);
        for (const r of entry.reasons) if (!group.reasons.includes(r)) group.reasons.push(r);
      }
      for (const g of byOpener.values()) {
        const why = g.policy ? `opened by ${g.reasons.join('; ')}` : 'no NetworkPolicy isolates its pods';
        ctx.report({
          resource: g.opener.resource,
          path: g.opener.path,
          message: `datastore ${w.namespace}/${w.ref} is reachable from ${g.sources.join(' and from ')} (${why}); approved: ${[...approved].sort().join(', ') || 'none'}`,
        });
      }
    }
  },
});
