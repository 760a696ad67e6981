import { yamlBlock } from '../shared/snippet.js';
import { kindOf, nameOf } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { policyRules } from './rbac-index.js';
import { manifests } from '../shared/examples.js';

const role = (verbs: string[], resources: string[], apiGroup = 'rbac.authorization.k8s.io') =>
  manifests({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'ops', namespace: 'shop' }, rules: [{ apiGroups: [apiGroup], resources, verbs }] });

const dangerous = ['escalate', 'bind', 'impersonate'];

export const rule = defineRule({
  id: 'rbac-escalation-verbs',
  title: 'RBAC rules do not grant escalate, bind or impersonate',
  concern: 'rbac',
  severity: 'warning',
  rationale:
    '`escalate` and `bind` let a subject grant itself permissions it does not have; `impersonate` lets it act as any user, ' +
    'group or ServiceAccount. Each is a path to cluster-admin.',
  remediation:
    'Remove the verbs; grant the specific permissions instead:\n\n' +
    yamlBlock(['rules:', '  - apiGroups: [rbac.authorization.k8s.io]', '    resources: [rolebindings]', '    verbs: [get, list]']),
  examples: {
    bad: [
      { description: 'A Role that may bind and escalate roles.', yaml: role(['bind', 'escalate'], ['roles', 'rolebindings']), message: 'grants escalate, bind' },
      { description: 'A Role that may impersonate ServiceAccounts.', yaml: role(['impersonate'], ['serviceaccounts'], ''), message: 'grants impersonate' },
    ],
    good: [
      { description: 'Read-only access to roles.', yaml: role(['get', 'list'], ['roles', 'rolebindings']) },
      {
        description: 'Managing RoleBindings without `bind`: the API server lets it grant only permissions it holds itself.',
        yaml: role(['get', 'list', 'create', 'update', 'delete'], ['rolebindings']),
      },
    ],
  },
  check(ctx) {
    for (const pr of policyRules(ctx.estate)) {
      const found = dangerous.filter((v) => pr.verbs.includes(v));
      if (found.length === 0) continue;
      ctx.report({
        resource: pr.role,
        path: [...pr.path, 'verbs'],
        message: `${kindOf(pr.role)} ${nameOf(pr.role)} rule ${pr.index} grants ${found.join(', ')}`,
      });
    }
  },
});
