/**
 * Every estate-level rule's findings can be waived: an annotation waiver on the object the
 * finding is reported on (a config-file waiver for kustomization files) turns each finding
 * into a waived one, and the waiver counts as used.
 */
import { describe, expect, it } from 'vitest';
import type { Estate } from '../../../src/engine/estate.js';
import { isMap, newMap, type ValueMap } from '../../../src/core/provenance.js';
import { rules as availability } from '../../../src/rules/availability/index.js';
import { rules as configHygiene } from '../../../src/rules/config-hygiene/index.js';
import { checkEstate } from '../../../src/index.js';
import { rules as kustomize } from '../../../src/rules/kustomize/index.js';
import { rules as persistence } from '../../../src/rules/persistence/index.js';
import { rules as rbac } from '../../../src/rules/rbac/index.js';
import { rules as references } from '../../../src/rules/references/index.js';
import type { Rule } from '../../../src/engine/types.js';
import { estateFromYaml, runRule } from '../../helpers/rules.js';
import { deployment } from '../availability/helpers.js';
import { renderTree } from '../kustomize/render.js';

const today = '2026-06-01';
const hpa = (target: string, min: number, max: number) =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: hpa\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${target}\n  minReplicas: ${min}\n  maxReplicas: ${max}\n`;
const pdb = (budget: string, app = 'api') =>
  `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb\nspec:\n  ${budget}\n  selector:\n    matchLabels:\n      app: ${app}\n`;
const crb = (role: string, ns = 'default') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\nsubjects:\n  - kind: ServiceAccount\n    name: x\n    namespace: ${ns}\n`;
const clusterRole = (rule: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n  - ${rule}\n`;
const redis = (podSpec = '') => deployment('redis', { replicas: 1, podSpec }).replace('example/redis:1.0.0', 'redis:7');
/** A datastore whose family needs a backup (caches and brokers such as Redis are exempt by default). */
const postgres = () => deployment('postgres', { replicas: 1 }).replace('example/postgres:1.0.0', 'postgres:16');

const envs = '          env:\n            - name: A\n              value: "1"\n            - name: B\n              value: "2"';

/** A manifest set each rule fails on. */
const failing: Record<string, string | (() => Estate)> = {
  'min-replicas': deployment('api', { replicas: 1 }),
  'pdb-required': deployment('api', { replicas: 3 }),
  'pdb-allows-eviction': `${deployment('api', { replicas: 2 })}---\n${pdb('minAvailable: 2')}`,
  'replica-spread': deployment('api', { replicas: 3 }),
  'hpa-replica-bounds': hpa('api', 5, 3),
  'hpa-fixed-replicas': `${deployment('api', { replicas: 7 })}---\n${hpa('api', 3, 10)}`,
  'rolling-update-capacity': deployment('api', { replicas: 3, extraSpec: '  strategy:\n    type: Recreate' }),
  'service-selects-nothing': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: nothing\n',
  'service-target-port': `${deployment('api')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n      targetPort: http\n`,
  'ingress-backend-missing': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  defaultBackend:\n    service:\n      name: missing\n      port:\n        number: 80\n',
  'statefulset-service-missing': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: missing\n',
  'monitor-selects-nothing': 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: m\nspec:\n  selector:\n    matchLabels:\n      app: nothing\n',
  'selector-selects-nothing': pdb('minAvailable: 1', 'nothing'),
  'hpa-target-missing': hpa('missing', 3, 10),
  'configmap-not-found': deployment('api', { podSpec: '          envFrom:\n            - configMapRef:\n                name: missing' }),
  'secret-not-found': deployment('api', { podSpec: '          envFrom:\n            - secretRef:\n                name: missing' }),
  'service-account-not-found': deployment('api', { podSpec: '      serviceAccountName: missing' }),
  'pvc-not-found': deployment('api', { podSpec: '      volumes:\n        - name: d\n          persistentVolumeClaim:\n            claimName: missing' }),
  'rbac-wildcard': clusterRole('apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]'),
  'rbac-cluster-admin-binding': crb('cluster-admin'),
  'rbac-cluster-secret-read': crb('edit'),
  'rbac-escalation-verbs': clusterRole('apiGroups: [""]\n    resources: [users]\n    verbs: [impersonate]'),
  'default-service-account': deployment('api'),
  'rbac-subject-namespace': crb('view', 'elsewhere'),
  'dev-settings-in-production': deployment('api', { podSpec: '          env:\n            - name: NODE_ENV\n              value: development' }),
  'nodeport-service': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: NodePort\n',
  'ingress-tls': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n    - host: a.example.com\n',
  'dsn-without-tls': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  DATABASE_URL: postgres://u:p@db/app\n',
  'datastore-persistence': redis(),
  'datastore-storage-class': `${redis('      volumes:\n        - name: d\n          persistentVolumeClaim:\n            claimName: data')}---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n`,
  'datastore-backup': postgres(),
  'datastore-metrics': redis(),
  'kustomize-deprecated-field': () =>
    renderTree(
      {
        'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
        'base/deploy.yaml': deployment('api'),
        'overlays/prod/kustomization.yaml': 'bases:\n  - ../../base\n',
      },
      'overlays/prod',
    ),
  'overlay-copies-base': () =>
    renderTree(
      {
        'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
        'base/deploy.yaml': deployment('api', { replicas: 3, podSpec: envs }),
        'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - copy.yaml\n',
        'overlays/prod/copy.yaml': deployment('api', { replicas: 3, podSpec: envs }).replace('name: api\n', 'name: api-prod\n'),
      },
      'overlays/prod',
    ),
};

const all: Rule[] = [...availability, ...references, ...rbac, ...configHygiene, ...persistence, ...kustomize];

function estateFor(id: string): Estate {
  const f = failing[id]!;
  return typeof f === 'string' ? estateFromYaml(f) : f();
}

function annotate(body: ValueMap, key: string, value: string): void {
  let metadata = body.metadata;
  if (!isMap(metadata)) body.metadata = metadata = newMap();
  let annotations = metadata.annotations;
  if (!isMap(annotations)) metadata.annotations = annotations = newMap();
  annotations[key] = value;
}

describe('waivers of estate-level rules', () => {
  it('every rule has a failing manifest set here', () => {
    expect(all.map((r) => r.meta.id).filter((id) => !(id in failing))).toEqual([]);
  });

  for (const rule of all) {
    it(`${rule.meta.id}: findings are waived by a waiver with reason and expiry`, () => {
      const estate = estateFor(rule.meta.id);
      const before = checkEstate(estate, { rules: [rule], today }).findings.filter((f) => f.rule === rule.meta.id);
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((f) => f.waived === null)).toBe(true);

      const value = 'reason="accepted for the migration window, OPS-42" expires=2026-12-31 owner=platform';
      if (rule.meta.id === 'kustomize-deprecated-field') {
        const configWaivers = [
          { rules: [rule.meta.id], kind: 'Kustomization', name: 'overlays/prod/kustomization.yaml', reason: 'OPS-42', expires: '2026-12-31', location: { file: '.prodgate.yaml', line: 1 } },
        ];
        const after = checkEstate(estate, { rules: [rule], today, configWaivers }).findings;
        expect(after.filter((f) => f.rule === rule.meta.id).every((f) => f.waived?.reason === 'OPS-42')).toBe(true);
        expect(after.filter((f) => f.rule.startsWith('waiver-'))).toEqual([]);
        return;
      }
      for (const r of runRule(rule, estate)) annotate(r.resource.body, `prodgate.dev/waive.${rule.meta.id}`, value);
      const after = checkEstate(estate, { rules: [rule], today }).findings;
      const own = after.filter((f) => f.rule === rule.meta.id);
      expect(own.length).toBe(before.length);
      expect(own.every((f) => f.waived?.expires === '2026-12-31')).toBe(true);
      expect(after.filter((f) => f.rule.startsWith('waiver-'))).toEqual([]);
    });
  }

  it('an expired waiver waives nothing', () => {
    const rule = all.find((r) => r.meta.id === 'min-replicas')!;
    const estate = estateFor('min-replicas');
    for (const r of runRule(rule, estate)) annotate(r.resource.body, 'prodgate.dev/waive.min-replicas', 'reason="old" expires=2026-01-01');
    const after = checkEstate(estate, { rules: [rule], today }).findings;
    expect(after.map((f) => [f.rule, f.waived])).toEqual(
      expect.arrayContaining([
        ['min-replicas', null],
        ['waiver-expired', null],
      ]),
    );
  });
});
