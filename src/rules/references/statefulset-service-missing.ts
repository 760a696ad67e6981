import { yamlBlock } from '../shared/snippet.js';
import { getPath, nameOf, str } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { manifests } from '../shared/examples.js';
import { service } from './examples.js';

const sts = (namespace?: string) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'postgres', ...(namespace ? { namespace } : {}) },
  spec: {
    serviceName: 'postgres-headless',
    selector: { matchLabels: { app: 'postgres' } },
    template: { metadata: { labels: { app: 'postgres' } }, spec: { containers: [{ name: 'postgres', image: 'postgres:16.4' }] } },
  },
});
const headless = (namespace?: string) => service('postgres-headless', { app: 'postgres' }, [{ name: 'postgres', port: 5432 }], { namespace, headless: true });

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
    bad: [
      {
        description: '`serviceName` is `postgres-headless`, but only the client Service `postgres` exists: pods get no stable DNS names.',
        yaml: manifests(sts(), service('postgres', { app: 'postgres' }, [{ name: 'postgres', port: 5432 }])),
        message: 'postgres-headless',
      },
      {
        description: 'The headless Service is in namespace `data`, the StatefulSet in `shop`.',
        yaml: manifests(sts('shop'), headless('data')),
        message: 'not defined in namespace shop',
      },
    ],
    good: [
      { description: 'The headless Service exists.', yaml: manifests(sts(), headless()) },
      { description: 'StatefulSet and headless Service side by side in namespace `data`.', yaml: manifests(sts('data'), headless('data')) },
    ],
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
