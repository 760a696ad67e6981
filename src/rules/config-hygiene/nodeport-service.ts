import { yamlBlock } from '../shared/snippet.js';
import { getPath, nameOf, str } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { manifests } from '../shared/examples.js';

const service = (type: string, port: Record<string, unknown> = {}) =>
  manifests({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { type, selector: { app: 'api' }, ports: [{ port: 80, targetPort: 8080, ...port }] } });

export const rule = defineRule({
  id: 'nodeport-service',
  title: 'No NodePort Services in production',
  concern: 'config-hygiene',
  severity: 'warning',
  rationale:
    'A NodePort opens a port on every node of the cluster, bypassing the ingress layer (TLS, authentication, rate limits) ' +
    'and any firewall that assumes traffic enters through it.',
  remediation:
    'Use a ClusterIP Service behind an Ingress (or Gateway):\n\n' + yamlBlock(['spec:', '  type: ClusterIP']),
  disabledIn: ['dev'],
  examples: {
    bad: [
      { description: 'A NodePort Service opens the port on every node.', yaml: service('NodePort'), message: 'type NodePort' },
      { description: 'A fixed `nodePort` is still a port on every node.', yaml: service('NodePort', { nodePort: 30080 }) },
    ],
    good: [
      { description: 'A ClusterIP Service behind an Ingress or a LoadBalancer.', yaml: service('ClusterIP') },
      {
        description: 'A headless Service giving a StatefulSet stable pod names.',
        yaml: manifests({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'postgres' }, spec: { clusterIP: 'None', selector: { app: 'postgres' }, ports: [{ name: 'postgres', port: 5432 }] } }),
      },
    ],
  },
  check(ctx) {
    for (const svc of ctx.estate.byKind('Service')) {
      if (str(svc.body.apiVersion) !== 'v1' || str(getPath(svc.body, ['spec', 'type'])) !== 'NodePort') continue;
      ctx.report({
        resource: svc,
        path: ['spec', 'type'],
        message: `Service ${nameOf(svc)} is exposed on every node (type NodePort) in the ${ctx.profile} profile`,
      });
    }
  },
});
