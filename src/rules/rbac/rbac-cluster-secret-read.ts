import { yamlBlock } from '../shared/snippet.js';
import { kindOf, nameOf } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { bindings, policyRules, roleRefOf, type PolicyRule } from './rbac-index.js';
import { manifests } from '../shared/examples.js';

const role = (resources: string[]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'reader' },
  rules: [{ apiGroups: [''], resources, verbs: ['get', 'list', 'watch'] }],
});
const clusterBinding = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'reader' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'reader' },
  subjects: [{ kind: 'ServiceAccount', name: 'dashboard', namespace: 'ops' }],
};

/** Built-in ClusterRoles that read Secrets (cluster-admin has its own rule). */
const builtinSecretReaders = new Set(['admin', 'edit']);
const readVerbs = ['get', 'list', 'watch', '*'];

/**
 * A ClusterRoleBinding to a ClusterRole that reads Secrets gives read access to every Secret of
 * every namespace. Reported on the role's `resources` (drop `secrets`, or split it into a Role
 * bound per namespace), once per role however many bindings grant it cluster-wide; for the
 * built-in `admin` and `edit` roles, which are not in the estate, on the binding's roleRef.
 */
export const rule = defineRule({
  id: 'rbac-cluster-secret-read',
  title: 'No cluster-wide read access to Secrets',
  concern: 'rbac',
  severity: 'error',
  rationale:
    'Reading Secrets in every namespace exposes every credential of the cluster, including ServiceAccount tokens of ' +
    'other workloads; namespaces can then read each other\'s secrets.',
  remediation:
    'Drop `secrets` from the cluster-wide role; grant it in a Role bound only where needed, naming the Secrets:\n\n' +
    yamlBlock([
      'kind: Role',
      'metadata:',
      '  namespace: kfm-api',
      'rules:',
      '  - apiGroups: [""]',
      '    resources: [secrets]',
      '    resourceNames: [api-credentials]',
      '    verbs: [get]',
    ]),
  examples: {
    bad: [
      { description: 'A ClusterRole that reads Secrets, bound cluster-wide.', yaml: manifests(role(['secrets', 'configmaps']), clusterBinding), message: 'every Secret of every namespace' },
      {
        description: 'The built-in `edit` role reads Secrets too; bound cluster-wide it reads them everywhere.',
        yaml: manifests({ ...clusterBinding, metadata: { name: 'dashboard-edit' }, roleRef: { ...clusterBinding.roleRef, name: 'edit' } }),
        message: 'built-in ClusterRole edit',
      },
    ],
    good: [
      { description: 'The same role without Secrets.', yaml: manifests(role(['configmaps']), clusterBinding) },
      {
        description: 'Read access limited to one named Secret (a CA bundle), bound cluster-wide.',
        yaml: manifests(
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'ClusterRole',
            metadata: { name: 'reader' },
            rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['ca-bundle'], verbs: ['get'] }],
          },
          clusterBinding,
        ),
      },
      {
        description: 'Secret access bound in one namespace by a RoleBinding.',
        yaml: manifests(role(['secrets']), { ...clusterBinding, kind: 'RoleBinding', metadata: { name: 'reader', namespace: 'ops' } }),
      },
    ],
  },
  check(ctx) {
    const readers = new Map<string, PolicyRule[]>();
    for (const pr of policyRules(ctx.estate)) {
      if (kindOf(pr.role) !== 'ClusterRole') continue;
      const groupOk = pr.apiGroups.includes('') || pr.apiGroups.includes('*');
      const resOk = pr.resources.includes('secrets') || pr.resources.includes('*');
      if (!groupOk || !resOk || !pr.verbs.some((v) => readVerbs.includes(v))) continue;
      // Limited to named Secrets (a CA bundle, a shared pull secret): not every Secret is readable.
      if (pr.resourceNames.length > 0) continue;
      const name = nameOf(pr.role);
      readers.set(name, [...(readers.get(name) ?? []), pr]);
    }
    const reportedRoles = new Set<string>();
    for (const b of bindings(ctx.estate)) {
      if (kindOf(b) !== 'ClusterRoleBinding') continue;
      const ref = roleRefOf(b);
      if (ref.kind !== 'ClusterRole') continue;
      const grants = readers.get(ref.name);
      if (grants) {
        if (reportedRoles.has(ref.name)) continue;
        reportedRoles.add(ref.name);
        for (const pr of grants) {
          const verbs = pr.verbs.filter((v) => readVerbs.includes(v)).join(', ');
          ctx.report({
            resource: pr.role,
            path: [...pr.path, 'resources'],
            message: `ClusterRole ${ref.name} grants ${verbs} on secrets and ClusterRoleBinding ${nameOf(b)} binds it cluster-wide: every Secret of every namespace is readable`,
          });
        }
      } else if (builtinSecretReaders.has(ref.name) && !ctx.estate.get('ClusterRole', '', ref.name)) {
        ctx.report({
          resource: b,
          path: ['roleRef', 'name'],
          message: `ClusterRoleBinding ${nameOf(b)} grants the built-in ClusterRole ${ref.name} (reads secrets) in every namespace`,
        });
      }
    }
  },
});
