import { yamlBlock } from '../shared/snippet.js';
import { kindOf, nameOf } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { bindings, roleRefOf } from './rbac-index.js';
import { manifests } from '../shared/examples.js';

const binding = (kind: string, role: string, namespace?: string) =>
  manifests({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: namespace ? 'RoleBinding' : 'ClusterRoleBinding',
    metadata: { name: 'deployer', ...(namespace ? { namespace } : {}) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: role },
    subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }],
  });

export const rule = defineRule({
  id: 'rbac-cluster-admin-binding',
  title: 'Nothing is bound to cluster-admin',
  concern: 'rbac',
  severity: 'error',
  rationale:
    '`cluster-admin` is unrestricted access to every object of the cluster. A workload or user bound to it turns any ' +
    'compromise into a cluster takeover.',
  remediation:
    'Bind a role that lists only the permissions needed, in the namespace where they are needed:\n\n' +
    yamlBlock(['kind: RoleBinding', 'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: Role', '  name: app-deployer']),
  examples: {
    bad: [
      { description: 'A CI ServiceAccount bound to cluster-admin.', yaml: binding('ClusterRole', 'cluster-admin'), message: 'ClusterRoleBinding deployer grants cluster-admin' },
      { description: 'A RoleBinding to cluster-admin: full control of every object in the namespace, RBAC included.', yaml: binding('ClusterRole', 'cluster-admin', 'shop'), message: 'RoleBinding deployer grants cluster-admin' },
    ],
    good: [
      { description: 'Bound to a role with only what it needs.', yaml: binding('ClusterRole', 'app-deployer') },
      { description: 'Bound to the built-in read-only `view` role in one namespace.', yaml: binding('ClusterRole', 'view', 'shop') },
    ],
  },
  check(ctx) {
    for (const b of bindings(ctx.estate)) {
      const ref = roleRefOf(b);
      if (ref.kind !== 'ClusterRole' || ref.name !== 'cluster-admin') continue;
      ctx.report({
        resource: b,
        path: ['roleRef', 'name'],
        message: `${kindOf(b)} ${nameOf(b)} grants cluster-admin`,
      });
    }
  },
});
