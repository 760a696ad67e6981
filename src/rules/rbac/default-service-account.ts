import { yamlBlock } from '../shared/snippet.js';
import { kindOf, nameOf, str } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { deployment, manifests } from '../shared/examples.js';

const skippedKinds = new Set(['PodTemplate']);

/** Pods that run as the namespace's `default` ServiceAccount (no `serviceAccountName`, or `default`). */
export const rule = defineRule({
  id: 'default-service-account',
  title: 'Workloads run under their own ServiceAccount',
  concern: 'rbac',
  severity: 'warning',
  rationale:
    'Every pod without `serviceAccountName` shares the namespace\'s `default` ServiceAccount, so any permission granted to ' +
    'one workload is granted to all of them, and audit logs cannot tell them apart.',
  remediation:
    'Create a ServiceAccount per workload and name it in the pod template:\n\n' +
    yamlBlock(['spec:', '  template:', '    spec:', '      serviceAccountName: api', '      automountServiceAccountToken: false']),
  disabledIn: ['dev'],
  examples: {
    bad: [
      { description: 'No `serviceAccountName`: the pods run as `default`.', yaml: deployment(), message: 'default ServiceAccount' },
      { description: 'The `default` ServiceAccount named explicitly.', yaml: deployment(undefined, {}, { podSpec: { serviceAccountName: 'default' } }) },
    ],
    good: [
      { description: 'A ServiceAccount of its own.', yaml: deployment(undefined, {}, { podSpec: { serviceAccountName: 'api', automountServiceAccountToken: false } }) },
      {
        description: 'Every workload kind is judged: a CronJob with a ServiceAccount of its own.',
        yaml: manifests({
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'report' },
          spec: { schedule: '0 6 * * *', jobTemplate: { spec: { template: { spec: { serviceAccountName: 'report', restartPolicy: 'OnFailure', containers: [{ name: 'report', image: 'registry.example.com/report:2.1' }] } } } } },
        }),
      },
    ],
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
});
