import { yamlBlock } from '../shared/snippet.js';
import { isMap } from '../../core/provenance.js';
import { getList, kindOf, nameOf, str } from '../../core/resource.js';
import { estateIndex } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { bindings } from './rbac-index.js';
import { manifests } from '../shared/examples.js';

const binding = (namespace: string) =>
  manifests(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod-api' } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'api', namespace: 'prod-api' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'api' },
      subjects: [{ kind: 'ServiceAccount', name: 'api', namespace }],
    },
  );

/**
 * A binding whose ServiceAccount subject lives in a namespace the estate never mentions is
 * usually a leftover of a renamed namespace (or a namespace transformer that did not reach the
 * subject): the grant goes to nobody, or to whoever creates that namespace later.
 */
export const rule = defineRule({
  id: 'rbac-subject-namespace',
  title: 'Binding subjects live in namespaces of the estate',
  concern: 'rbac',
  severity: 'warning',
  rationale:
    'A ServiceAccount subject in a namespace that is not part of the estate grants permissions to an account that does ' +
    'not exist yet: whoever creates that namespace and account later inherits them.',
  remediation:
    'Point the subject at the namespace where the ServiceAccount lives:\n\n' +
    yamlBlock(['subjects:', '  - kind: ServiceAccount', '    name: api', '    namespace: prod-api']),
  params: {
    knownNamespaces: {
      type: 'array',
      items: { type: 'string' },
      description: 'Namespaces that exist in every cluster or are managed elsewhere.',
      default: ['default', 'kube-system', 'kube-public', 'kube-node-lease'],
    },
  },
  examples: {
    bad: [
      { description: 'The subject names a namespace nobody defines (a typo of `prod-api`).', yaml: binding('prod-apl'), message: 'not part of the estate' },
      {
        description: 'A ClusterRoleBinding for a ServiceAccount in `monitoring`, which this estate does not deploy (list it in `knownNamespaces` if another team manages it).',
        yaml: manifests(
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod-api' } },
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'ClusterRoleBinding',
            metadata: { name: 'prometheus-view' },
            roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
            subjects: [{ kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' }],
          },
        ),
        message: 'ServiceAccount prometheus in namespace monitoring',
      },
    ],
    good: [
      { description: 'The ServiceAccount lives in a namespace of the estate.', yaml: binding('prod-api') },
      { description: 'A namespace managed elsewhere, listed in `knownNamespaces`.', yaml: binding('monitoring'), params: { knownNamespaces: ['monitoring'] } },
    ],
  },
  check(ctx) {
    const idx = estateIndex(ctx.estate);
    const known = new Set(ctx.params.knownNamespaces);
    for (const b of bindings(ctx.estate)) {
      getList(b.body, ['subjects']).forEach((s, i) => {
        if (!isMap(s) || str(s.kind) !== 'ServiceAccount') return;
        const ns = str(s.namespace);
        if (!ns || idx.namespaces.has(ns) || known.has(ns)) return;
        ctx.report({
          resource: b,
          path: ['subjects', i, 'namespace'],
          message: `${kindOf(b)} ${nameOf(b)} binds ServiceAccount ${str(s.name)} in namespace ${ns}, which is not part of the estate`,
        });
      });
    }
  },
});
