import { kindOf, nameOf } from '../../core/resource.js';
import { yaml } from '../shared/estate-index.js';
import type { Rule } from '../../engine/types.js';
import { policyRules } from './rbac-index.js';

/** One finding per policy rule, at the first wildcard field (verbs, then resources, then apiGroups). */
export const rbacWildcard: Rule = {
  meta: {
    id: 'rbac-wildcard',
    title: 'RBAC rules do not use wildcards',
    concern: 'rbac',
    severity: 'warning',
    rationale:
      'A `*` in verbs, resources or API groups grants today\'s and every future permission, including ones added by CRDs; ' +
      'least privilege needs the permissions listed explicitly.',
    remediation:
      'List the API groups, resources and verbs the workload needs:\n\n' +
      yaml(['rules:', '  - apiGroups: [""]', '    resources: [configmaps]', '    verbs: [get, list, watch]']),
  },
  check(ctx) {
    for (const pr of policyRules(ctx.estate)) {
      const fields = (['verbs', 'resources', 'apiGroups'] as const).filter((f) => pr[f].includes('*'));
      if (fields.length === 0) continue;
      ctx.report({
        resource: pr.role,
        path: [...pr.path, fields[0]!],
        message: `${kindOf(pr.role)} ${nameOf(pr.role)} rule ${pr.index} grants a wildcard in ${fields.join(', ')}`,
      });
    }
  },
};
