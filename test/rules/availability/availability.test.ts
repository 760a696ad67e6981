import { describe, expect, it } from 'vitest';
import { rule as hpaFixedReplicas } from '../../../src/rules/availability/hpa-fixed-replicas.js';
import { rule as hpaReplicaBounds } from '../../../src/rules/availability/hpa-replica-bounds.js';
import { rules } from '../../../src/rules/availability/index.js';
import { rule as minReplicas } from '../../../src/rules/availability/min-replicas.js';
import { rule as pdbAllowsEviction } from '../../../src/rules/availability/pdb-allows-eviction.js';
import { rule as pdbRequired } from '../../../src/rules/availability/pdb-required.js';
import { rule as replicaSpread } from '../../../src/rules/availability/replica-spread.js';
import { rule as rollingUpdateCapacity } from '../../../src/rules/availability/rolling-update-capacity.js';
import { runRule } from '../../helpers/rules.js';
import { deployment, estateFromFiles, what, where } from './helpers.js';

const hpa = (target: string, min: number | undefined, max: number, name = target) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${target}
${min !== undefined ? `  minReplicas: ${min}\n` : ''}  maxReplicas: ${max}
`;

const pdb = (name: string, budget: string, labels = `app: ${name}`) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
spec:
  ${budget}
  selector:
    matchLabels:
      ${labels}
`;

const spread = `      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels:
              app: api`;

describe('availability rules: metadata', () => {
  it('every rule has an id, rationale and a YAML remediation', () => {
    const ids = new Set<string>();
    for (const r of rules) {
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(ids.has(r.meta.id)).toBe(false);
      ids.add(r.meta.id);
      expect(r.meta.concern).toBe('availability');
      expect(r.meta.rationale.length).toBeGreaterThan(20);
      expect(r.meta.remediation).toContain('```yaml');
    }
  });
});

describe('min-replicas', () => {
  it('passes a workload at the profile minimum', () => {
    expect(runRule(minReplicas, deployment('api', { replicas: 3 }))).toEqual([]);
  });
  it('fails a workload below the minimum, at the replicas line', () => {
    const r = runRule(minReplicas, deployment('api', { replicas: 1 }));
    expect(r.map(where)).toEqual(['test.yaml:6']);
    expect(r[0]!.message).toContain('at least 3');
  });
  it('fails a workload without replicas at the object', () => {
    const r = runRule(minReplicas, deployment('api'));
    expect(r).toHaveLength(1);
    expect(r[0]!.message).toContain('does not set spec.replicas');
  });
  it('uses per-profile minimums', () => {
    expect(runRule(minReplicas, deployment('api', { replicas: 2 }), { profile: 'staging' })).toEqual([]);
    expect(runRule(minReplicas, deployment('api', { replicas: 1 }), { profile: 'staging' })).toHaveLength(1);
    expect(runRule(minReplicas, deployment('api'), { profile: 'dev' })).toEqual([]);
  });
  it('judges an autoscaled workload by the HPA minimum and reports on the HPA', () => {
    const estate = estateFromFiles({
      'base/deploy.yaml': deployment('api', { replicas: 1 }),
      'overlays/prod/hpa.yaml': hpa('api', 2, 10),
    });
    const r = runRule(minReplicas, estate);
    expect(r.map(what)).toEqual(['HorizontalPodAutoscaler/api spec.minReplicas']);
    expect(r.map(where)).toEqual(['overlays/prod/hpa.yaml:10']);
    expect(runRule(minReplicas, estateFromFiles({ a: deployment('api', { replicas: 1 }), b: hpa('api', 3, 10) }))).toEqual([]);
  });
  it('ignores DaemonSets and Jobs', () => {
    const ds = deployment('agent').replace('kind: Deployment', 'kind: DaemonSet');
    expect(runRule(minReplicas, ds)).toEqual([]);
  });
});

describe('pdb-required', () => {
  it('passes a replicated workload covered by a PDB', () => {
    expect(runRule(pdbRequired, `${deployment('api', { replicas: 3 })}---\n${pdb('api', 'minAvailable: 2')}`)).toEqual([]);
  });
  it('fails a replicated workload no PDB selects', () => {
    const r = runRule(pdbRequired, `${deployment('api', { replicas: 3 })}---\n${pdb('other', 'minAvailable: 2')}`);
    expect(r.map(what)).toEqual(['Deployment/api spec.template.metadata.labels']);
  });
  it('does not require a PDB below fromReplicas', () => {
    expect(runRule(pdbRequired, deployment('api', { replicas: 1 }))).toEqual([]);
  });
});

describe('pdb-allows-eviction', () => {
  it('passes minAvailable below the replica count', () => {
    expect(runRule(pdbAllowsEviction, `${deployment('api', { replicas: 3 })}---\n${pdb('api', 'minAvailable: 2')}`)).toEqual([]);
    expect(runRule(pdbAllowsEviction, `${deployment('api', { replicas: 3 })}---\n${pdb('api', 'maxUnavailable: 1')}`)).toEqual([]);
    expect(runRule(pdbAllowsEviction, `${deployment('api', { replicas: 3 })}---\n${pdb('api', 'minAvailable: "60%"')}`)).toEqual([]);
    expect(runRule(pdbAllowsEviction, `${deployment('api', { replicas: 3 })}---\n${pdb('api', 'maxUnavailable: "10%"')}`)).toEqual([]);
  });
  it('fails minAvailable equal to replicas, with the PDB in the overlay and the workload in the base', () => {
    const estate = estateFromFiles({
      'base/deploy.yaml': deployment('api', { replicas: 2 }),
      'overlays/prod/pdb.yaml': pdb('api', 'minAvailable: 2'),
    });
    const r = runRule(pdbAllowsEviction, estate);
    expect(r.map(where)).toEqual(['overlays/prod/pdb.yaml:6']);
    expect(r[0]!.message).toContain('allows no eviction');
  });
  it('fails 100% and maxUnavailable 0 / 0%', () => {
    for (const budget of ['minAvailable: "100%"', 'maxUnavailable: 0', 'maxUnavailable: "0%"', 'minAvailable: 5']) {
      const r = runRule(pdbAllowsEviction, `${deployment('api', { replicas: 3 })}---\n${pdb('api', budget)}`);
      expect(r, budget).toHaveLength(1);
    }
  });
  it('counts an autoscaled workload at its HPA minimum', () => {
    const text = `${deployment('api')}---\n${hpa('api', 2, 10)}---\n${pdb('api', 'minAvailable: 2')}`;
    expect(runRule(pdbAllowsEviction, text)).toHaveLength(1);
  });
  it('sums the pods of every workload the PDB selects', () => {
    const text = `${deployment('a', { replicas: 1, labels: 'tier: web' })}---\n${deployment('b', { replicas: 1, labels: 'tier: web' })}---\n${pdb('web', 'minAvailable: 1', 'tier: web')}`;
    expect(runRule(pdbAllowsEviction, text)).toEqual([]);
  });
});

describe('replica-spread', () => {
  it('passes a zone spread constraint matching the pod labels', () => {
    expect(runRule(replicaSpread, deployment('api', { replicas: 3, podSpec: spread }))).toEqual([]);
  });
  it('passes required anti-affinity', () => {
    const podSpec = `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels:
                  app: api`;
    expect(runRule(replicaSpread, deployment('api', { replicas: 3, podSpec }))).toEqual([]);
  });
  it('fails a multi-replica workload without spread', () => {
    const r = runRule(replicaSpread, deployment('api', { replicas: 3 }));
    expect(r.map(what)).toEqual(['Deployment/api spec.template.spec.topologySpreadConstraints']);
  });
  it('fails a spread whose selector misses the pod labels, at that selector', () => {
    const r = runRule(replicaSpread, deployment('api', { replicas: 3, podSpec: spread.replace('app: api', 'app: apu') }));
    expect(r.map(where)).toEqual(['test.yaml:22']);
    expect(r[0]!.message).toContain('does not match');
  });
  it('accepts preferred anti-affinity only where the profile allows it', () => {
    const podSpec = `      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    app: api`;
    expect(runRule(replicaSpread, deployment('api', { replicas: 3, podSpec }))).toHaveLength(1);
    expect(runRule(replicaSpread, deployment('api', { replicas: 3, podSpec }), { profile: 'staging' })).toEqual([]);
  });
  it('ignores single-replica workloads', () => {
    expect(runRule(replicaSpread, deployment('api', { replicas: 1 }))).toEqual([]);
  });
});

describe('hpa-replica-bounds', () => {
  it('passes min below max', () => {
    expect(runRule(hpaReplicaBounds, `${deployment('api')}---\n${hpa('api', 3, 10)}`)).toEqual([]);
  });
  it('fails min above max at minReplicas', () => {
    const r = runRule(hpaReplicaBounds, hpa('api', 5, 3));
    expect(r.map(what)).toEqual(['HorizontalPodAutoscaler/api spec.minReplicas']);
  });
  it('warns when min equals max', () => {
    const r = runRule(hpaReplicaBounds, hpa('api', 3, 3));
    expect(r.map((x) => x.severity)).toEqual(['warning']);
  });
});

describe('hpa-fixed-replicas', () => {
  it('passes an autoscaled workload without replicas, or with replicas equal to the HPA minimum', () => {
    expect(runRule(hpaFixedReplicas, `${deployment('api')}---\n${hpa('api', 3, 10)}`)).toEqual([]);
    expect(runRule(hpaFixedReplicas, `${deployment('api', { replicas: 3 })}---\n${hpa('api', 3, 10)}`)).toEqual([]);
  });
  it('fails replicas that differ from the HPA minimum, at the overlay that sets them', () => {
    const estate = estateFromFiles({
      'overlays/prod/deploy.yaml': deployment('api', { replicas: 5 }),
      'base/hpa.yaml': hpa('api', 3, 10),
    });
    const r = runRule(hpaFixedReplicas, estate);
    expect(r.map(where)).toEqual(['overlays/prod/deploy.yaml:6']);
    expect(r[0]!.message).toContain('range 3..10');
  });
  it('in strict mode fails any replicas on an autoscaled workload', () => {
    const text = `${deployment('api', { replicas: 3 })}---\n${hpa('api', 3, 10)}`;
    expect(runRule(hpaFixedReplicas, text, { params: { allowEqualToMin: false } })).toHaveLength(1);
  });
  it('treats a missing minReplicas as 1', () => {
    expect(runRule(hpaFixedReplicas, `${deployment('api', { replicas: 1 })}---\n${hpa('api', undefined, 4)}`)).toEqual([]);
  });
});

describe('rolling-update-capacity', () => {
  it('passes a default rolling update', () => {
    expect(runRule(rollingUpdateCapacity, deployment('api', { replicas: 3 }))).toEqual([]);
    const extraSpec = '  strategy:\n    rollingUpdate:\n      maxUnavailable: "25%"';
    expect(runRule(rollingUpdateCapacity, deployment('api', { replicas: 3, extraSpec }))).toEqual([]);
  });
  it('fails maxUnavailable of 100% or the replica count', () => {
    for (const v of ['"100%"', '3', '5']) {
      const extraSpec = `  strategy:\n    rollingUpdate:\n      maxUnavailable: ${v}`;
      const r = runRule(rollingUpdateCapacity, deployment('api', { replicas: 3, extraSpec }));
      expect(r.map(what), v).toEqual(['Deployment/api spec.strategy.rollingUpdate.maxUnavailable']);
    }
  });
  it('fails Recreate for a multi-replica stateless Deployment', () => {
    const extraSpec = '  strategy:\n    type: Recreate';
    const r = runRule(rollingUpdateCapacity, deployment('api', { replicas: 3, extraSpec }));
    expect(r.map(where)).toEqual(['test.yaml:8']);
  });
  it('accepts Recreate for a Deployment that mounts a claim', () => {
    const extraSpec = '  strategy:\n    type: Recreate';
    const podSpec = '      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: data';
    expect(runRule(rollingUpdateCapacity, deployment('api', { replicas: 3, extraSpec, podSpec }))).toEqual([]);
  });
});
