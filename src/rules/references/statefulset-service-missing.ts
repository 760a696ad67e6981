import { yamlBlock } from '../shared/snippet.js';
import { getPath, nameOf, str } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { manifests } from '../shared/examples.js';

const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'postgres' }, spec: { serviceName: 'postgres-headless', selector: { matchLabels: { app: 'postgres' } }, template: { metadata: { labels: { app: 'postgres' } }, spec: { containers: [{ name: 'postgres', image: 'postgres:16.4' }] } } } };
const headless = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'postgres-headless' }, spec: { clusterIP: 'None', selector: { app: 'postgres' }, ports: [{ port: 5432 }] } };

/** A StatefulSet's `serviceName` names a (headless) Service of its namespace. */
export const rule = defineRule({
  id: 'statefulset-service-missing',
  title: 'StatefulSets name a defined governing Service',
  concern: 'references',
  severity: 'warning',
  rationale:
    'A StatefulSet gives its pods stable DNS names (`pod-0.<serviceName>`) through its governing Service; without that ' +
    'Service, peers of a replicated datastore cannot find each other.',
  remediation:
    'Define the headless Service named by `serviceName`:\n\n' +
    yamlBlock(['apiVersion: v1', 'kind: Service', 'metadata:', '  name: postgres', 'spec:', '  clusterIP: None', '  selector:', '    app: postgres']),
  examples: {
    bad: [{ description: 'The governing Service `postgres-headless` is missing: pods get no stable DNS names.', yaml: manifests(sts), message: 'postgres-headless' }],
    good: [{ description: 'The headless Service exists.', yaml: manifests(sts, headless) }],
  },
  check(ctx) {
    for (const sts of ctx.estate.byKind('StatefulSet')) {
      const name = str(getPath(sts.body, ['spec', 'serviceName']));
      if (!name) continue;
      const ns = ctx.estate.namespaceOf(sts);
      if (ctx.estate.get('Service', ns, name)) continue;
      ctx.report({
        resource: sts,
        path: ['spec', 'serviceName'],
        message: `StatefulSet ${nameOf(sts)} names Service ${name} as its governing Service, which is not defined in namespace ${ns}`,
      });
    }
  },
});
