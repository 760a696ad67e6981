import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { manifests } from '../../shared/examples.js';
import { pod, podObject } from '../examples.js';
import { getList, getPath } from '../../../core/resource.js';
import { hardeningParts } from './hardening.js';
import { podNoun } from '../pss.js';
import type { Estate } from '../../../engine/estate.js';

/** `namespace/name` of every ServiceAccount some RoleBinding or ClusterRoleBinding grants permissions to. */
const boundCache = new WeakMap<Estate, Set<string>>();
function boundServiceAccounts(estate: Estate): Set<string> {
  const cached = boundCache.get(estate);
  if (cached) return cached;
  const out = new Set<string>();
  boundCache.set(estate, out);
  for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
    for (const b of estate.byKind(kind)) {
      for (const s of getList(b.body, ['subjects'])) {
        if (getPath(s, ['kind']) !== 'ServiceAccount') continue;
        const ns = getPath(s, ['namespace']) ?? estate.namespaceOf(b);
        out.add(`${String(ns)}/${String(getPath(s, ['name']) ?? '')}`);
      }
    }
  }
  return out;
}

export const rule = defineRule({
  id: 'automount-service-account-token',
  ...hardeningParts(
    {
      title: 'Service account tokens are mounted only when needed',
      severity: 'warning',
      rationale:
        'Every pod gets an API token mounted by default. A pod that never talks to the Kubernetes API only hands that credential to whoever compromises it. A pod is considered to need its token when its ServiceAccount is bound to a Role or ClusterRole in the rendered estate.',
      remediation: [
        'Turn off token automounting on the pod (or on its ServiceAccount) unless the workload calls the Kubernetes API.',
        '',
        yamlBlock(['spec:', '  template:', '    spec:', '      automountServiceAccountToken: false']),
      ].join('\n'),
      params: {
        serviceAccounts: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'ServiceAccount names (or namespace/name) whose pods are known to need the API token.',
          default: [],
        },
      },
      disabledIn: ['dev'],
    },
    ({ ctx, t }) => {
      const podSetting = t.spec.automountServiceAccountToken;
      if (podSetting === false) return;
      const saName = String(t.spec.serviceAccountName ?? t.spec.serviceAccount ?? 'default');
      const sa = ctx.estate.get('ServiceAccount', t.namespace, saName);
      if (podSetting === undefined && sa && sa.body.automountServiceAccountToken === false) return;
      const allowed = ctx.params.serviceAccounts;
      if (allowed.includes(saName) || allowed.includes(`${t.namespace}/${saName}`)) return;
      // Binding RBAC permissions to the account shows the workload talks to the API.
      if (boundServiceAccounts(ctx.estate).has(`${t.namespace}/${saName}`)) return;
      const how = podSetting === true ? 'sets automountServiceAccountToken: true' : 'mounts the service account token by default';
      ctx.report({
        resource: t.workload,
        path: [...t.specPath, 'automountServiceAccountToken'],
        message: `${podNoun(t)} ${how} for ServiceAccount "${saName}", which has no RBAC bindings in the estate; set automountServiceAccountToken: false.`,
      });
    },
  ),
  examples: {
    bad: [
      {
        description: 'The API token is mounted by default into a pod that never calls the API.',
        yaml: pod(),
        message: 'mounts the service account token by default',
      },
      {
        description: 'Automounting asked for explicitly, though no RBAC binding grants the account anything.',
        yaml: pod({ pod: { serviceAccountName: 'api', automountServiceAccountToken: true } }),
        message: 'ServiceAccount "api"',
      },
    ],
    good: [
      { description: 'Automounting turned off.', yaml: pod({ pod: { automountServiceAccountToken: false } }) },
      {
        description: 'A ServiceAccount bound to a Role: the pod calls the API.',
        yaml: manifests(
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'RoleBinding',
            metadata: { name: 'operator' },
            roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'operator' },
            subjects: [{ kind: 'ServiceAccount', name: 'operator' }],
          },
          podObject({ pod: { serviceAccountName: 'operator' } }),
        ),
      },
      { description: 'A ServiceAccount known to call the API, by parameter.', yaml: pod({ pod: { serviceAccountName: 'operator' } }), params: { serviceAccounts: ['operator'] } },
    ],
  },
});
