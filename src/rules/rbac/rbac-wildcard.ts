import { yamlBlock } from '../shared/snippet.js';
import { kindOf, nameOf } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { policyRules } from './rbac-index.js';
import { manifests } from '../shared/examples.js';

const role = (rule: Record<string, string[]>) => manifests({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'operator' }, rules: [rule] });

/** One finding per policy rule, at the first wildcard field (verbs, then resources, then apiGroups). */
export const rule = defineRule({
  id: 'rbac-wildcard',
  title: 'RBAC rules do not use wildcards',
  concern: 'rbac',
  severity: 'warning',
  rationale:
    'A `*` in verbs, resources or API groups grants today\'s and every future permission, including ones added by CRDs; ' +
    'least privilege needs the permissions listed explicitly.',
  remediation:
    'List the API groups, resources and verbs the workload needs:\n\n' +
    yamlBlock(['rules:', '  - apiGroups: [""]', '    resources: [configmaps]', '    verbs: [get, list, watch]']),
  examples: {
    bad: [
      { description: 'Every verb on every resource of every group.', yaml: role({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }), message: 'wildcard' },
      { description: 'Every verb on Deployments.', yaml: role({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }) },
    ],
    good: [
      { description: 'Named verbs, resources and groups.', yaml: role({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'patch'] }) },
      { description: 'The core API group is written `""`, which is not a wildcard.', yaml: role({ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }) },
    ],
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
});
