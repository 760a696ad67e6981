import { kindOf, nameOf } from '../../model/resource.js';
import { yaml } from '../shared/estate-index.js';
import type { Rule } from '../types.js';
import { bindings, policyRules, roleRefOf } from './rbac-index.js';

/** Built-in ClusterRoles that read Secrets (cluster-admin has its own rule). */
const builtinSecretReaders = new Set(['admin', 'edit']);
const readVerbs = ['get', 'list', 'watch', '*'];

/**
 * A ClusterRoleBinding to a ClusterRole that reads Secrets gives read access to every Secret of
 * every namespace. Reported on the binding's roleRef: binding the role per namespace (RoleBinding)
 * is the usual fix, and the binding is what makes the grant cluster-wide.
 */
export const rbacClusterSecretRead: Rule = {
  meta: {
    id: 'rbac-cluster-secret-read',
    title: 'No cluster-wide read access to Secrets',
    concern: 'rbac',
    severity: 'error',
    rationale:
      'Reading Secrets in every namespace exposes every credential of the cluster, including ServiceAccount tokens of ' +
      'other workloads; namespaces can then read each other\'s secrets.',
    remediation:
      'Bind the role only in the namespace that needs it (RoleBinding), and name the Secrets:\n\n' +
      yaml([
        'kind: Role',
        'rules:',
        '  - apiGroups: [""]',
        '    resources: [secrets]',
        '    resourceNames: [api-credentials]',
        '    verbs: [get]',
      ]),
  },
  check(ctx) {
    const readers = new Map<string, string>();
    for (const pr of policyRules(ctx.estate)) {
      if (kindOf(pr.role) !== 'ClusterRole') continue;
      const groupOk = pr.apiGroups.includes('') || pr.apiGroups.includes('*');
      const resOk = pr.resources.includes('secrets') || pr.resources.includes('*');
      const verbs = pr.verbs.filter((v) => readVerbs.includes(v));
      if (groupOk && resOk && verbs.length > 0 && !readers.has(nameOf(pr.role))) {
        readers.set(nameOf(pr.role), verbs.join(', '));
      }
    }
    for (const b of bindings(ctx.estate)) {
      if (kindOf(b) !== 'ClusterRoleBinding') continue;
      const ref = roleRefOf(b);
      if (ref.kind !== 'ClusterRole') continue;
      const verbs = readers.get(ref.name) ?? (builtinSecretReaders.has(ref.name) ? 'get, list, watch' : undefined);
      if (!verbs) continue;
      ctx.report({
        resource: b,
        path: ['roleRef', 'name'],
        message: `ClusterRoleBinding ${nameOf(b)} grants ClusterRole ${ref.name} (${verbs} on secrets) in every namespace`,
      });
    }
  },
};
