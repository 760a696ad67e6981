import { kindOf, nameOf } from '../../core/resource.js';
import { yaml } from '../shared/estate-index.js';
import type { Rule } from '../../engine/types.js';
import { policyRules } from './rbac-index.js';

const dangerous = ['escalate', 'bind', 'impersonate'];

export const rbacEscalationVerbs: Rule = {
  meta: {
    id: 'rbac-escalation-verbs',
    title: 'RBAC rules do not grant escalate, bind or impersonate',
    concern: 'rbac',
    severity: 'warning',
    rationale:
      '`escalate` and `bind` let a subject grant itself permissions it does not have; `impersonate` lets it act as any user, ' +
      'group or ServiceAccount. Each is a path to cluster-admin.',
    remediation:
      'Remove the verbs; grant the specific permissions instead:\n\n' +
      yaml(['rules:', '  - apiGroups: [rbac.authorization.k8s.io]', '    resources: [rolebindings]', '    verbs: [get, list]']),
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
};
