import { yamlBlock } from '../shared/snippet.js';
import { effectiveReplicas, estateIndex } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { pdbIndex } from './pdb-index.js';
import { deploymentObject, manifests } from '../shared/examples.js';
import { hpa, pdb } from './examples.js';

export const rule = defineRule({
  id: 'pdb-required',
  title: 'Replicated workloads are covered by a PodDisruptionBudget',
  concern: 'availability',
  severity: 'warning',
  rationale:
    'Without a PodDisruptionBudget a node drain or cluster upgrade may evict every replica of a service at once. ' +
    'A PDB makes voluntary disruptions wait until enough replicas are ready elsewhere.',
  remediation:
    'Add a PodDisruptionBudget whose selector matches the pod template labels, next to the workload in the production overlay:\n\n' +
    yamlBlock([
      'apiVersion: policy/v1',
      'kind: PodDisruptionBudget',
      'metadata:',
      '  name: api',
      'spec:',
      '  minAvailable: 2',
      '  selector:',
      '    matchLabels:',
      '      app: api',
    ]),
  params: {
    fromReplicas: {
      type: 'integer',
      minimum: 1,
      description: 'A PodDisruptionBudget is required from this many replicas on (autoscaler minimum or spec.replicas).',
      default: 2,
    },
  },
  disabledIn: ['dev'],
  examples: {
    bad: [
      { description: 'Three replicas and no PodDisruptionBudget: a node drain may evict them all at once.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 3 })), message: 'no PodDisruptionBudget' },
      {
        description: 'The only PDB selects `app: web`; the pods are `app: api`.',
        yaml: manifests(deploymentObject(undefined, {}, { replicas: 3 }), pdb({ minAvailable: 2, selector: { matchLabels: { app: 'web' } } })),
        message: 'Deployment api (3 replicas)',
      },
    ],
    good: [
      { description: 'A PDB keeps at least two running during drains.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 3 }), pdb({ minAvailable: 2 })) },
      { description: 'An autoscaled Deployment with a budget of one pod at a time.', yaml: manifests(deploymentObject(), hpa(3, 10), pdb({ maxUnavailable: 1 })) },
    ],
  },
  check(ctx) {
    const from = ctx.params.fromReplicas;
    const pdbs = pdbIndex(ctx.estate);
    for (const w of estateIndex(ctx.estate).workloads) {
      if (effectiveReplicas(w) < from || pdbs.byWorkload.has(w)) continue;
      ctx.report({
        resource: w.resource,
        path: [...w.template.specPath.slice(0, -1), 'metadata', 'labels'],
        message: `no PodDisruptionBudget selects the pods of ${w.kind} ${w.name} (${effectiveReplicas(w)} replicas)`,
      });
    }
  },
});
