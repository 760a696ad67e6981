import { yamlBlock } from '../shared/snippet.js';
import { isMap } from '../../core/provenance.js';
import { getList, getPath, str } from '../../core/resource.js';
import { effectiveReplicas, estateIndex, scaledValue } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { deploymentObject, manifests } from '../shared/examples.js';

/**
 * Rollouts keep serving capacity. For a workload with two or more replicas, a rolling update
 * may not take every pod down at once (`maxUnavailable` resolving, rounded down as Kubernetes
 * does, to the replica count or more), and a Deployment does not use `Recreate`, unless it
 * mounts a PersistentVolumeClaim: a ReadWriteOnce volume is the usual reason Recreate is needed.
 */
export const rule = defineRule({
  id: 'rolling-update-capacity',
  title: 'Rolling updates keep serving capacity',
  concern: 'availability',
  severity: 'warning',
  rationale:
    '`strategy.type: Recreate` or a `maxUnavailable` equal to the replica count stops every pod before new ones are ready: ' +
    'each deploy is an outage.',
  remediation:
    'Use a rolling update that keeps most pods serving:\n\n' +
    yamlBlock(['spec:', '  strategy:', '    type: RollingUpdate', '    rollingUpdate:', '      maxUnavailable: 0', '      maxSurge: 1']),
  examples: {
    bad: [
      { description: 'Recreate stops every pod before the new ones start.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 3, spec: { strategy: { type: 'Recreate' } } })), message: 'Recreate' },
      {
        description: '`maxUnavailable: 100%` lets a rollout take everything down.',
        yaml: manifests(deploymentObject(undefined, {}, { replicas: 3, spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%', maxSurge: 1 } } } })),
      },
    ],
    good: [
      {
        description: 'One pod down at a time, one extra during the rollout.',
        yaml: manifests(deploymentObject(undefined, {}, { replicas: 3, spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } } })),
      },
      {
        description: 'Recreate is accepted for pods that mount a claim: a ReadWriteOnce volume cannot be attached to old and new pods on different nodes at once.',
        yaml: manifests(
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { name: 'uploads' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
          },
          deploymentObject(undefined, { volumeMounts: [{ name: 'uploads', mountPath: '/uploads' }] }, {
            replicas: 2,
            spec: { strategy: { type: 'Recreate' } },
            podSpec: { volumes: [{ name: 'uploads', persistentVolumeClaim: { claimName: 'uploads' } }] },
          }),
        ),
      },
    ],
  },
  check(ctx) {
    for (const w of estateIndex(ctx.estate).workloads) {
      const replicas = effectiveReplicas(w);
      if (replicas < 2) continue;
      const body = w.resource.body;
      if (w.kind === 'Deployment') {
        const type = str(getPath(body, ['spec', 'strategy', 'type']));
        if (type === 'Recreate') {
          const mountsClaim = getList(w.template.spec, ['volumes']).some((v) => isMap(v) && isMap(v.persistentVolumeClaim));
          if (!mountsClaim) {
            ctx.report({
              resource: w.resource,
              path: ['spec', 'strategy', 'type'],
              message: `Deployment ${w.name} (${replicas} replicas) uses the Recreate strategy: every deploy stops all pods first`,
            });
          }
          continue;
        }
      }
      const path =
        w.kind === 'StatefulSet'
          ? ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable']
          : ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'];
      const raw = getPath(body, path);
      if (raw === undefined || raw === null) continue;
      const unavailable = scaledValue(raw, replicas, false);
      if (unavailable !== undefined && unavailable >= replicas) {
        ctx.report({
          resource: w.resource,
          path,
          message: `maxUnavailable ${str(raw)} lets a rollout of ${w.kind} ${w.name} take down all ${replicas} replicas at once`,
        });
      }
    }
  },
});
