import { kindOf, nameOf, str } from '../../core/resource.js';
import { yaml } from '../shared/estate-index.js';
import type { Rule } from '../../engine/types.js';

const skippedKinds = new Set(['PodTemplate']);

/** Pods that run as the namespace's `default` ServiceAccount (no `serviceAccountName`, or `default`). */
export const defaultServiceAccount: Rule = {
  meta: {
    id: 'default-service-account',
    title: 'Workloads run under their own ServiceAccount',
    concern: 'rbac',
    severity: 'warning',
    rationale:
      'Every pod without `serviceAccountName` shares the namespace\'s `default` ServiceAccount, so any permission granted to ' +
      'one workload is granted to all of them, and audit logs cannot tell them apart.',
    remediation:
      'Create a ServiceAccount per workload and name it in the pod template:\n\n' +
      yaml(['spec:', '  template:', '    spec:', '      serviceAccountName: api', '      automountServiceAccountToken: false']),
    disabledIn: ['dev'],
  },
  check(ctx) {
    for (const t of ctx.estate.podTemplates()) {
      if (skippedKinds.has(kindOf(t.workload))) continue;
      const sa = str(t.spec.serviceAccountName ?? t.spec.serviceAccount);
      if (sa && sa !== 'default') continue;
      const field = t.spec.serviceAccountName !== undefined || t.spec.serviceAccount === undefined ? 'serviceAccountName' : 'serviceAccount';
      ctx.report({
        resource: t.workload,
        path: [...t.specPath, field],
        message: `${kindOf(t.workload)} ${nameOf(t.workload)} runs as the default ServiceAccount of namespace ${t.namespace}`,
      });
    }
  },
};
