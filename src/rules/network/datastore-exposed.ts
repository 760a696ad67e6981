import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { datastoresParam, networkDatastores, networkGraph, networkSettings } from './shared.js';
import { manifests } from '../shared/examples.js';
import { api, apiIngress, apiService, dataService, ledger, postgres, postgresService } from './examples.js';

export const rule = defineRule({
  id: 'datastore-exposed',
  title: 'Datastores are not exposed outside the cluster',
  concern: 'network',
  severity: 'error',
  rationale:
    'A database, cache or vector engine reachable through an Ingress, Route, Gateway route, LoadBalancer or NodePort Service, or a host port, bypasses the governed APIs that must mediate every access to data.',
  remediation: [
    'Serve the datastore through a ClusterIP Service only and let clients reach it through the API that governs it; remove the Ingress/Route, or change the Service type:',
    '',
    yamlBlock([
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: vector',
      'spec:',
      '  type: ClusterIP',
      '  selector:',
      '    app: vector',
      '  ports:',
      '    - name: http',
      '      port: 6333',
      '      targetPort: http',
    ]),
  ].join('\n'),
  params: { datastores: datastoresParam },
  examples: {
    bad: [
      { description: 'Postgres behind a LoadBalancer Service: reachable from outside the cluster.', yaml: manifests(postgres, postgresService('LoadBalancer')), message: 'exposed outside the cluster' },
      { description: 'A NodePort Service opens Postgres on every node\'s address.', yaml: manifests(postgres, postgresService('NodePort')), message: 'Service/data/postgres' },
      {
        description: 'An in-house engine declared as a datastore in `.prodgate.yaml` (`network.datastores`, or the rule\'s `datastores` parameter) behind a LoadBalancer.',
        yaml: manifests(ledger, dataService('ledger', 'LoadBalancer', 7000)),
        settings: { network: { datastores: [{ image: 'registry.example.com/ledger-engine' }] } },
      },
    ],
    good: [
      { description: 'Postgres behind a ClusterIP Service.', yaml: manifests(postgres, postgresService('ClusterIP')) },
      { description: 'The Ingress publishes the API; Postgres stays inside the cluster.', yaml: manifests(postgres, postgresService('ClusterIP'), api, apiService, apiIngress) },
    ],
  },
  check(ctx) {
    const settings = networkSettings(ctx);
    const graph = networkGraph(ctx.estate, settings.namespaceLabels);
    for (const ds of networkDatastores(ctx, graph, settings)) {
      for (const ex of graph.exposures(ds.workload)) {
        if (!ex.external) continue;
        ctx.report({
          resource: ex.resource,
          path: ex.path,
          message: `datastore ${ds.workload.namespace}/${ds.workload.ref} (${ds.because}) is exposed outside the cluster by ${ex.via} (${ex.detail}) on ${ex.ports.toString()}`,
        });
      }
    }
  },
});
