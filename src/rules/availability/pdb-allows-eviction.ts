import { yamlBlock } from '../shared/snippet.js';
import { getPath, str } from '../../core/resource.js';
import { effectiveReplicas, scaledValue } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { pdbIndex } from './pdb-index.js';
import { deploymentObject, manifests } from '../shared/examples.js';
import { hpa, pdb } from './examples.js';

/**
 * A PDB whose budget leaves no disruption allowed at the workload's smallest size blocks every
 * node drain. The count of pods is the sum over the replicated workloads the PDB selects, at
 * their floor (the autoscaler minimum when there is one), because that is when drains hang.
 * Percentages round up, as the disruption controller does.
 */
export const rule = defineRule({
  id: 'pdb-allows-eviction',
  title: 'PodDisruptionBudgets allow at least one eviction',
  concern: 'availability',
  severity: 'error',
  rationale:
    'A PodDisruptionBudget with `minAvailable` equal to the replica count (or `maxUnavailable: 0`) allows no voluntary disruption at all: ' +
    'node drains and cluster upgrades hang until someone deletes the budget by hand.\n\n' +
    '*How it decides:* the pods a budget protects are those of every replicated workload its selector matches, counted at their floor (the autoscaler minimum when there is one, else `spec.replicas`). Percentages round up, as the disruption controller does. Reported on the budget\'s `minAvailable` or `maxUnavailable`.',
  remediation:
    'Keep `minAvailable` below the replica count (or `maxUnavailable` at 1 or more):\n\n' +
    yamlBlock(['spec:', '  replicas: 3      # the workload', '---', 'spec:', '  minAvailable: 2  # the PodDisruptionBudget']),
  examples: {
    bad: [
      { description: '`minAvailable` equal to the replica count: no pod may ever be evicted.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 3 }), pdb({ minAvailable: 3 })), message: 'allows no eviction' },
      { description: '`maxUnavailable: 0`.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 3 }), pdb({ maxUnavailable: 0 })) },
      {
        description: 'The HPA may scale down to 3, and the budget keeps 3: at the floor no pod may be evicted.',
        yaml: manifests(deploymentObject(), hpa(3, 10), pdb({ minAvailable: 3 })),
        message: 'minAvailable 3 of 3 pod(s)',
      },
    ],
    good: [
      { description: 'One pod at a time may go.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 3 }), pdb({ maxUnavailable: 1 })) },
      { description: '`minAvailable: 50%` of three pods rounds up to two: one may go.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 3 }), pdb({ minAvailable: '50%' })) },
    ],
  },
  check(ctx) {
    for (const cov of pdbIndex(ctx.estate).pdbs) {
      if (cov.workloads.length === 0) continue;
      const total = cov.workloads.reduce((n, w) => n + effectiveReplicas(w), 0) + cov.otherPods;
      const names = cov.workloads.map((w) => `${w.kind} ${w.name}`).join(', ');
      const minAvailable = getPath(cov.pdb.body, ['spec', 'minAvailable']);
      const maxUnavailable = getPath(cov.pdb.body, ['spec', 'maxUnavailable']);
      if (minAvailable !== undefined && minAvailable !== null) {
        const need = scaledValue(minAvailable, total, true);
        if (need !== undefined && need >= total) {
          ctx.report({
            resource: cov.pdb,
            path: ['spec', 'minAvailable'],
            message: `minAvailable ${str(minAvailable)} of ${total} pod(s) (${names}) allows no eviction; node drains will hang`,
          });
        }
      } else if (maxUnavailable !== undefined && maxUnavailable !== null) {
        const allowed = scaledValue(maxUnavailable, total, true);
        if (allowed !== undefined && allowed <= 0) {
          ctx.report({
            resource: cov.pdb,
            path: ['spec', 'maxUnavailable'],
            message: `maxUnavailable ${str(maxUnavailable)} of ${total} pod(s) (${names}) allows no eviction; node drains will hang`,
          });
        }
      }
    }
  },
});
