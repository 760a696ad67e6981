import { yamlBlock } from '../shared/snippet.js';
import { selectorIsEmpty } from '../../engine/estate.js';
import type { ValuePath } from '../../core/provenance.js';
import { getPath, kindOf, type Resource } from '../../core/resource.js';
import { estateIndex } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { deploymentObject, manifests } from '../shared/examples.js';

const pdb = (app: string) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api' }, spec: { minAvailable: 1, selector: { matchLabels: { app } } } });
const netpol = (podSelector: Record<string, unknown>) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'api' },
  spec: { podSelector, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }] },
});

/**
 * PodDisruptionBudgets and NetworkPolicies whose selector matches no pod template. An empty
 * selector selects every pod of the namespace and is not judged here; a PDB without a selector
 * selects nothing.
 */
export const rule = defineRule({
  id: 'selector-selects-nothing',
  title: 'PodDisruptionBudget and NetworkPolicy selectors match pods',
  concern: 'references',
  severity: 'error',
  rationale:
    'A PodDisruptionBudget or NetworkPolicy that selects no pod protects nothing while looking like it does: the workload ' +
    'it was written for is evicted all at once, or its traffic is not restricted.',
  remediation:
    'Make the selector match the pod template labels of the workload:\n\n' +
    yamlBlock(['spec:', '  podSelector:        # NetworkPolicy (PodDisruptionBudget: selector)', '    matchLabels:', '      app: api']),
  examples: {
    bad: [
      { description: 'A PDB for `app: api-server`; the pods are `app: api`. It protects nothing.', yaml: manifests(deploymentObject(), pdb('api-server')), message: 'matches no pod' },
      {
        description: 'A NetworkPolicy for `app: backend`; the pods are `app: api`, so their ingress stays open.',
        yaml: manifests(deploymentObject(), netpol({ matchLabels: { app: 'backend' } })),
        message: 'NetworkPolicy selector matches no pod',
      },
    ],
    good: [
      { description: 'The PDB selector matches the pods.', yaml: manifests(deploymentObject(), pdb('api')) },
      { description: 'A NetworkPolicy selecting the pods with `matchExpressions`.', yaml: manifests(deploymentObject(), netpol({ matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'admin'] }] })) },
    ],
  },
  check(ctx) {
    const idx = estateIndex(ctx.estate);
    const judge = (r: Resource, path: ValuePath, requireSelector: boolean) => {
      const selector = getPath(r.body, path);
      if (selector === undefined || selector === null) {
        if (requireSelector) ctx.report({ resource: r, path: ['spec'], message: `${kindOf(r)} has no selector and selects no pod` });
        return;
      }
      if (selectorIsEmpty(selector)) return;
      const ns = ctx.estate.namespaceOf(r);
      if (idx.selectPods(selector, ns).length > 0) return;
      ctx.report({ resource: r, path, message: `${kindOf(r)} selector matches no pod template in namespace ${ns}` });
    };
    for (const r of ctx.estate.byKind('PodDisruptionBudget')) judge(r, ['spec', 'selector'], true);
    for (const r of ctx.estate.byKind('NetworkPolicy')) {
      if (!String(r.body.apiVersion ?? '').startsWith('networking.k8s.io/')) continue;
      judge(r, ['spec', 'podSelector'], false);
    }
  },
});
