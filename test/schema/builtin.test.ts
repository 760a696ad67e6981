import { describe, expect, it } from 'vitest';
import { formatPath, locate } from '../../src/core/resource.js';
import { rule as schemaUnknownField } from '../../src/rules/schema/schema-unknown-field.js';
import { rule as schemaUnknownKind } from '../../src/rules/schema/schema-unknown-kind.js';
import { rule as schemaValid } from '../../src/rules/schema/schema-valid.js';
import type { Report, Rule } from '../../src/engine/types.js';
import { estateFromYaml, runRule } from '../helpers/rules.js';
import { clone, deleteAt, setAt, toYaml, validObjects, type Obj } from './fixtures.js';

const schemaRules = [schemaValid, schemaUnknownField, schemaUnknownKind];

function findings(objects: Obj[]): { rule: string; path: string; message: string; report: Report }[] {
  const estate = estateFromYaml(toYaml(objects));
  return schemaRules.flatMap((rule: Rule) =>
    runRule(rule, estate).map((report) => ({
      rule: rule.meta.id,
      path: formatPath(report.path, report.resource.body),
      message: report.message,
      report,
    })),
  );
}

describe('valid objects of the common kinds pass', () => {
  for (const [kind, obj] of Object.entries(validObjects)) {
    it(kind, () => {
      expect(findings([obj])).toEqual([]);
    });
  }
  it('all of them together, in one estate', () => {
    expect(findings(Object.values(validObjects))).toEqual([]);
  });
});

type Mistake = [kind: string, what: string, mutate: (o: Obj) => Obj, rule: string, path: string, message?: RegExp];

const c0 = ['spec', 'template', 'spec', 'containers', 0];
const containers = (clone(validObjects.Deployment!.spec) as Obj & { template: { spec: { containers: unknown } } }).template.spec
  .containers;
const CONTAINER = 'spec.template.spec.containers[name=api]';

const mistakes: Mistake[] = [
  // Deployment
  ['Deployment', 'misspelled field', (o) => setAt(o, ['spec', 'replica'], 3), 'schema-unknown-field', 'spec.replica', /unknown field "replica"/],
  ['Deployment', 'wrong type', (o) => setAt(o, ['spec', 'replicas'], '3'), 'schema-valid', 'spec.replicas', /must be an integer, not a string/],
  ['Deployment', 'wrong nesting', (o) => setAt(o, ['spec', 'containers'], containers), 'schema-unknown-field', 'spec.containers'],
  ['Deployment', 'bad quantity', (o) => setAt(o, [...c0, 'resources', 'limits', 'memory'], '1 GB'), 'schema-valid', `${CONTAINER}.resources.limits.memory`, /quantity/],
  ['Deployment', 'missing selector', (o) => deleteAt(o, ['spec', 'selector']), 'schema-valid', 'spec.selector', /missing required field "selector"/],
  ['Deployment', 'misspelled container field', (o) => setAt(o, [...c0, 'imagePullPolicyy'], 'Always'), 'schema-unknown-field', `${CONTAINER}.imagePullPolicyy`],
  ['Deployment', 'enum violation', (o) => setAt(o, ['spec', 'strategy', 'type'], 'BlueGreen'), 'schema-valid', 'spec.strategy.type', /must be one of/],
  ['Deployment', 'int-or-string of the wrong type', (o) => setAt(o, ['spec', 'strategy', 'rollingUpdate', 'maxSurge'], true), 'schema-valid', 'spec.strategy.rollingUpdate.maxSurge', /an integer or a string|a string or an integer/],
  ['Deployment', 'list where a mapping belongs', (o) => setAt(o, ['spec', 'template', 'metadata', 'labels'], ['app']), 'schema-valid', 'spec.template.metadata.labels', /a mapping, not a list/],
  // StatefulSet
  ['StatefulSet', 'misspelled field', (o) => setAt(o, ['spec', 'replica'], 3), 'schema-unknown-field', 'spec.replica'],
  ['StatefulSet', 'wrong type', (o) => setAt(o, ['spec', 'replicas'], '3'), 'schema-valid', 'spec.replicas'],
  ['StatefulSet', 'wrong nesting', (o) => setAt(o, ['spec', 'containers'], containers), 'schema-unknown-field', 'spec.containers'],
  ['StatefulSet', 'bad quantity', (o) => setAt(o, ['spec', 'volumeClaimTemplates', 0, 'spec', 'resources', 'requests', 'storage'], '10 gigs'), 'schema-valid', 'spec.volumeClaimTemplates[0].spec.resources.requests.storage'],
  ['StatefulSet', 'missing selector', (o) => deleteAt(o, ['spec', 'selector']), 'schema-valid', 'spec.selector'],
  ['StatefulSet', 'embedded claim template: misspelled field', (o) => setAt(o, ['spec', 'volumeClaimTemplates', 0, 'spec', 'accessMode'], ['ReadWriteOnce']), 'schema-unknown-field', 'spec.volumeClaimTemplates[0].spec.accessMode'],
  ['StatefulSet', 'embedded claim template: bad quantity', (o) => setAt(o, ['spec', 'volumeClaimTemplates', 0, 'spec', 'resources', 'requests', 'storage'], 'lots'), 'schema-valid', 'spec.volumeClaimTemplates[0].spec.resources.requests.storage'],
  // DaemonSet
  ['DaemonSet', 'misspelled field', (o) => setAt(o, ['spec', 'minReadySecond'], 5), 'schema-unknown-field', 'spec.minReadySecond'],
  ['DaemonSet', 'wrong type', (o) => setAt(o, ['spec', 'minReadySeconds'], '5'), 'schema-valid', 'spec.minReadySeconds'],
  ['DaemonSet', 'wrong nesting', (o) => setAt(o, ['spec', 'containers'], containers), 'schema-unknown-field', 'spec.containers'],
  ['DaemonSet', 'bad quantity', (o) => setAt(o, [...c0, 'resources', 'requests', 'cpu'], '2 cores'), 'schema-valid', `${CONTAINER}.resources.requests.cpu`],
  ['DaemonSet', 'missing selector', (o) => deleteAt(o, ['spec', 'selector']), 'schema-valid', 'spec.selector'],
  // Job
  ['Job', 'misspelled field', (o) => setAt(o, ['spec', 'backofLimit'], 2), 'schema-unknown-field', 'spec.backofLimit'],
  ['Job', 'wrong type', (o) => setAt(o, ['spec', 'backoffLimit'], '2'), 'schema-valid', 'spec.backoffLimit'],
  ['Job', 'wrong nesting', (o) => setAt(o, ['spec', 'containers'], containers), 'schema-unknown-field', 'spec.containers'],
  ['Job', 'bad quantity', (o) => setAt(o, [...c0, 'resources', 'limits', 'cpu'], 'one'), 'schema-valid', `${CONTAINER}.resources.limits.cpu`],
  ['Job', 'missing template', (o) => deleteAt(o, ['spec', 'template']), 'schema-valid', 'spec.template'],
  // CronJob
  ['CronJob', 'misspelled field', (o) => setAt(o, ['spec', 'schedul'], '* * * * *'), 'schema-unknown-field', 'spec.schedul'],
  ['CronJob', 'wrong type', (o) => setAt(o, ['spec', 'suspend'], 'yes'), 'schema-valid', 'spec.suspend', /a boolean/],
  ['CronJob', 'wrong nesting', (o) => setAt(o, ['spec', 'template'], { spec: {} }), 'schema-unknown-field', 'spec.template'],
  ['CronJob', 'bad quantity', (o) => setAt(o, ['spec', 'jobTemplate', 'spec', ...c0.slice(1), 'resources', 'limits', 'memory'], '1gb'), 'schema-valid', 'spec.jobTemplate.spec.template.spec.containers[name=api].resources.limits.memory'],
  ['CronJob', 'missing schedule', (o) => deleteAt(o, ['spec', 'schedule']), 'schema-valid', 'spec.schedule'],
  ['CronJob', 'embedded job template: misspelled metadata', (o) => setAt(o, ['spec', 'jobTemplate', 'metadata'], { lables: { a: 'b' } }), 'schema-unknown-field', 'spec.jobTemplate.metadata.lables'],
  // Service
  ['Service', 'misspelled field', (o) => setAt(o, ['spec', 'selectors'], { app: 'api' }), 'schema-unknown-field', 'spec.selectors'],
  ['Service', 'wrong type', (o) => setAt(o, ['spec', 'ports', 0, 'port'], '80'), 'schema-valid', 'spec.ports[name=http].port'],
  ['Service', 'wrong nesting', (o) => setAt(o, ['spec', 'targetPort'], 8080), 'schema-unknown-field', 'spec.targetPort'],
  ['Service', 'missing port', (o) => deleteAt(o, ['spec', 'ports', 0, 'port']), 'schema-valid', 'spec.ports[name=http].port'],
  ['Service', 'enum violation', (o) => setAt(o, ['spec', 'type'], 'Public'), 'schema-valid', 'spec.type'],
  // Ingress
  ['Ingress', 'misspelled field', (o) => setAt(o, ['spec', 'rule'], []), 'schema-unknown-field', 'spec.rule'],
  ['Ingress', 'wrong type', (o) => setAt(o, ['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service', 'port', 'number'], '80'), 'schema-valid', 'spec.rules[0].http.paths[0].backend.service.port.number'],
  ['Ingress', 'wrong nesting', (o) => setAt(o, ['spec', 'rules', 0, 'paths'], []), 'schema-unknown-field', 'spec.rules[0].paths'],
  ['Ingress', 'missing pathType', (o) => deleteAt(o, ['spec', 'rules', 0, 'http', 'paths', 0, 'pathType']), 'schema-valid', 'spec.rules[0].http.paths[0].pathType'],
  ['Ingress', 'v1beta1 backend fields in v1', (o) => setAt(o, ['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'serviceName'], 'api'), 'schema-unknown-field', 'spec.rules[0].http.paths[0].backend.serviceName'],
  // ConfigMap
  ['ConfigMap', 'misspelled field', (o) => setAt(o, ['datas'], { a: 'b' }), 'schema-unknown-field', 'datas'],
  ['ConfigMap', 'wrong type', (o) => setAt(o, ['data', 'LOG_LEVEL'], 5), 'schema-valid', 'data.LOG_LEVEL', /a string, not an integer/],
  ['ConfigMap', 'wrong nesting', (o) => setAt(o, ['metadata', 'data'], { a: 'b' }), 'schema-unknown-field', 'metadata.data'],
  // Secret
  ['Secret', 'misspelled field', (o) => setAt(o, ['stringdata'], { a: 'b' }), 'schema-unknown-field', 'stringdata'],
  ['Secret', 'wrong type', (o) => setAt(o, ['stringData', 'token'], 12345), 'schema-valid', 'stringData.token'],
  ['Secret', 'wrong nesting', (o) => setAt(o, ['spec', 'data'], { a: 'b' }), 'schema-unknown-field', 'spec'],
  // PersistentVolumeClaim
  ['PersistentVolumeClaim', 'misspelled field', (o) => setAt(o, ['spec', 'accessMode'], ['ReadWriteOnce']), 'schema-unknown-field', 'spec.accessMode'],
  ['PersistentVolumeClaim', 'wrong type', (o) => setAt(o, ['spec', 'accessModes'], 'ReadWriteOnce'), 'schema-valid', 'spec.accessModes', /a list, not a string/],
  ['PersistentVolumeClaim', 'wrong nesting', (o) => setAt(o, ['spec', 'storage'], '20Gi'), 'schema-unknown-field', 'spec.storage'],
  ['PersistentVolumeClaim', 'bad quantity', (o) => setAt(o, ['spec', 'resources', 'requests', 'storage'], '20GB'), 'schema-valid', 'spec.resources.requests.storage'],
  // HorizontalPodAutoscaler v2
  ['HorizontalPodAutoscaler', 'misspelled field', (o) => setAt(o, ['spec', 'minReplica'], 2), 'schema-unknown-field', 'spec.minReplica'],
  ['HorizontalPodAutoscaler', 'wrong type', (o) => setAt(o, ['spec', 'maxReplicas'], '10'), 'schema-valid', 'spec.maxReplicas'],
  ['HorizontalPodAutoscaler', 'v1 field in v2', (o) => setAt(o, ['spec', 'targetCPUUtilizationPercentage'], 70), 'schema-unknown-field', 'spec.targetCPUUtilizationPercentage'],
  ['HorizontalPodAutoscaler', 'bad quantity', (o) => setAt(o, ['spec', 'metrics', 0, 'resource', 'target'], { type: 'AverageValue', averageValue: 'lots' }), 'schema-valid', 'spec.metrics[0].resource.target.averageValue'],
  ['HorizontalPodAutoscaler', 'missing maxReplicas', (o) => deleteAt(o, ['spec', 'maxReplicas']), 'schema-valid', 'spec.maxReplicas'],
  ['HorizontalPodAutoscaler', 'missing scaleTargetRef', (o) => deleteAt(o, ['spec', 'scaleTargetRef']), 'schema-valid', 'spec.scaleTargetRef'],
  // PodDisruptionBudget
  ['PodDisruptionBudget', 'misspelled field', (o) => setAt(o, ['spec', 'minAvaliable'], 1), 'schema-unknown-field', 'spec.minAvaliable'],
  ['PodDisruptionBudget', 'wrong type', (o) => setAt(o, ['spec', 'minAvailable'], true), 'schema-valid', 'spec.minAvailable'],
  ['PodDisruptionBudget', 'wrong nesting', (o) => setAt(o, ['spec', 'matchLabels'], { app: 'api' }), 'schema-unknown-field', 'spec.matchLabels'],
  ['PodDisruptionBudget', 'selector of the wrong type', (o) => setAt(o, ['spec', 'selector'], 'app=api'), 'schema-valid', 'spec.selector'],
  // NetworkPolicy
  ['NetworkPolicy', 'misspelled field', (o) => setAt(o, ['spec', 'podSelecter'], {}), 'schema-unknown-field', 'spec.podSelecter'],
  ['NetworkPolicy', 'wrong type', (o) => setAt(o, ['spec', 'ingress', 0, 'ports', 0, 'port'], true), 'schema-valid', 'spec.ingress[0].ports[0].port'],
  ['NetworkPolicy', 'wrong nesting', (o) => setAt(o, ['spec', 'from'], []), 'schema-unknown-field', 'spec.from'],
  ['NetworkPolicy', 'missing cidr', (o) => deleteAt(o, ['spec', 'egress', 0, 'to', 0, 'ipBlock', 'cidr']), 'schema-valid', 'spec.egress[0].to[0].ipBlock.cidr'],
  // RBAC
  ['Role', 'misspelled field', (o) => setAt(o, ['rule'], []), 'schema-unknown-field', 'rule'],
  ['Role', 'wrong type', (o) => setAt(o, ['rules', 0, 'verbs'], 'get'), 'schema-valid', 'rules[0].verbs'],
  ['Role', 'missing verbs', (o) => deleteAt(o, ['rules', 0, 'verbs']), 'schema-valid', 'rules[0].verbs'],
  ['ClusterRole', 'misspelled field', (o) => setAt(o, ['rules', 0, 'resource'], ['pods']), 'schema-unknown-field', 'rules[0].resource'],
  ['ClusterRole', 'wrong nesting', (o) => setAt(o, ['spec', 'rules'], []), 'schema-unknown-field', 'spec'],
  ['RoleBinding', 'missing roleRef', (o) => deleteAt(o, ['roleRef']), 'schema-valid', 'roleRef'],
  ['RoleBinding', 'misspelled field', (o) => setAt(o, ['subject'], []), 'schema-unknown-field', 'subject'],
  ['RoleBinding', 'wrong nesting', (o) => setAt(o, ['roleRef', 'subjects'], []), 'schema-unknown-field', 'roleRef.subjects'],
  ['ClusterRoleBinding', 'wrong type', (o) => setAt(o, ['subjects'], { kind: 'User', name: 'x' }), 'schema-valid', 'subjects'],
  ['ClusterRoleBinding', 'missing subject name', (o) => deleteAt(o, ['subjects', 0, 'name']), 'schema-valid', 'subjects[0].name'],
  // ServiceAccount, Namespace
  ['ServiceAccount', 'misspelled field', (o) => setAt(o, ['automountServiceAccountTokens'], false), 'schema-unknown-field', 'automountServiceAccountTokens'],
  ['ServiceAccount', 'wrong type', (o) => setAt(o, ['automountServiceAccountToken'], 'no'), 'schema-valid', 'automountServiceAccountToken'],
  ['ServiceAccount', 'wrong nesting', (o) => setAt(o, ['metadata', 'secrets'], []), 'schema-unknown-field', 'metadata.secrets'],
  ['Namespace', 'misspelled field', (o) => setAt(o, ['metadata', 'label'], { a: 'b' }), 'schema-unknown-field', 'metadata.label'],
  ['Namespace', 'wrong type', (o) => setAt(o, ['metadata', 'labels', 'tier'], 1), 'schema-valid', 'metadata.labels.tier'],
  // ResourceQuota, LimitRange
  ['ResourceQuota', 'bad quantity', (o) => setAt(o, ['spec', 'hard', 'pods'], 'fifty'), 'schema-valid', 'spec.hard.pods'],
  ['ResourceQuota', 'misspelled field', (o) => setAt(o, ['spec', 'hardd'], {}), 'schema-unknown-field', 'spec.hardd'],
  ['ResourceQuota', 'wrong type', (o) => setAt(o, ['spec', 'hard'], []), 'schema-valid', 'spec.hard'],
  ['LimitRange', 'bad quantity', (o) => setAt(o, ['spec', 'limits', 0, 'default', 'cpu'], 'half'), 'schema-valid', 'spec.limits[0].default.cpu'],
  ['LimitRange', 'missing type', (o) => deleteAt(o, ['spec', 'limits', 0, 'type']), 'schema-valid', 'spec.limits[0].type'],
  ['LimitRange', 'misspelled field', (o) => setAt(o, ['spec', 'limit'], []), 'schema-unknown-field', 'spec.limit'],
];

describe('typical mistakes fail at the offending field', () => {
  for (const [kind, what, mutate, rule, path, message] of mistakes) {
    it(`${kind}: ${what}`, () => {
      const got = findings([mutate(clone(validObjects[kind]!))]);
      const hit = got.find((f) => f.rule === rule && f.path === path);
      expect(hit, `expected ${rule} at ${path}, got ${JSON.stringify(got.map((f) => [f.rule, f.path, f.message]))}`).toBeDefined();
      if (message) expect(hit!.message).toMatch(message);
    });
  }
});

describe('messages never echo values', () => {
  it('a Secret value of the wrong type is not repeated', () => {
    const secret = setAt(clone(validObjects.Secret!), ['stringData', 'token'], 987654321);
    const got = findings([secret]);
    expect(got.length).toBeGreaterThan(0);
    for (const f of got) expect(f.message).not.toContain('987654321');
  });
});

describe('locations', () => {
  it('a finding path resolves to the line of the offending field', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  replica: 3',
      '  selector:',
      '    matchLabels: {app: api}',
      '  template:',
      '    metadata:',
      '      labels: {app: api}',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: api:1',
      '          resources:',
      '            limits:',
      '              memory: 1 GB',
    ].join('\n');
    const estate = estateFromYaml(text, 'deploy.yaml');
    const unknown = runRule(schemaUnknownField, estate);
    const invalid = runRule(schemaValid, estate);
    expect(unknown.map((r) => formatPath(r.path))).toEqual(['spec.replica']);
    expect(invalid.map((r) => formatPath(r.path))).toEqual(['spec.template.spec.containers[0].resources.limits.memory']);
    // The engine derives the location from the path's provenance.
    expect(locate(unknown[0]!.resource, unknown[0]!.path)).toMatchObject({ file: 'deploy.yaml', line: 6 });
    expect(locate(invalid[0]!.resource, invalid[0]!.path)).toMatchObject({ file: 'deploy.yaml', line: 18 });
  });
});

describe('unknown kinds', () => {
  const bar = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1 } };
  it('are a warning by default, never a silent pass', () => {
    const got = runRule(schemaUnknownKind, toYaml([bar]));
    expect(got).toHaveLength(1);
    expect(got[0]!.severity).toBe('warning');
    expect(got[0]!.message).toMatch(/no schema for Widget in example.com\/v1/);
  });
  it('can be made an error', () => {
    const got = runRule(schemaUnknownKind, toYaml([bar]), { params: { unknownKinds: 'error' } });
    expect(got.map((r) => r.severity)).toEqual(['error']);
  });
  it('can be ignored', () => {
    expect(runRule(schemaUnknownKind, toYaml([bar]), { params: { unknownKinds: 'ignore' } })).toEqual([]);
  });
  it('an unknown Kubernetes API version says what the bundled schemas carry', () => {
    const got = runRule(schemaUnknownKind, toYaml([{ apiVersion: 'apps/v2', kind: 'Deployment', metadata: { name: 'x' } }]));
    expect(got.map((r) => [formatPath(r.path), r.message])).toEqual([
      [
        'apiVersion',
        'no schema for Deployment in apps/v2: the bundled schemas of Kubernetes 1.36 (and of its removed APIs) carry Deployment in apps/v1, apps/v1beta1, apps/v1beta2 only; check the apiVersion and kind',
      ],
    ]);
  });
  it('a sub-type name is not a kind', () => {
    const got = runRule(schemaUnknownKind, toYaml([{ apiVersion: 'apps/v1', kind: 'DeploymentSpec', metadata: { name: 'x' } }]));
    expect(got).toHaveLength(1);
  });
  it('path-like apiVersions and kinds are refused, not resolved', () => {
    const got = runRule(
      schemaUnknownKind,
      toYaml([
        { apiVersion: '../../v1', kind: 'Pod', metadata: { name: 'x' } },
        { apiVersion: 'v1', kind: '../apps/v1/Deployment', metadata: { name: 'y' } },
      ]),
    );
    expect(got).toHaveLength(2);
  });
});

describe('quantities follow the Kubernetes grammar', () => {
  const withCpu = (cpu: unknown) => setAt(clone(validObjects.Deployment!), [...c0, 'resources', 'limits', 'cpu'], cpu);
  for (const ok of ['1', '0.5', '500m', '2k', '1.5Gi', '128Mi', '1e3', '1E-2', '+1', '.5', '100u', '3n', '4E', 1, 0.25]) {
    it(`accepts ${JSON.stringify(ok)}`, () => expect(findings([withCpu(ok)])).toEqual([]));
  }
  for (const bad of ['1GB', '512mb', '1 Gi', '0.5cpu', '1K', '5d', '2h', '1Y', '1da', '1g', '', 'Gi', '1.5.2']) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      expect(findings([withCpu(bad)]).map((f) => [f.rule, f.path])).toEqual([['schema-valid', `${CONTAINER}.resources.limits.cpu`]]);
    });
  }
});

describe('base64 data', () => {
  it('accepts line-wrapped base64, as kustomize writes long generated values', () => {
    const secret = setAt(clone(validObjects.Secret!), ['data', 'tls.crt'], 'LS0tLS1CRUdJTiBDRVJU\nSUZJQ0FURS0tLS0tCg==\n');
    expect(findings([secret])).toEqual([]);
  });
  it('refuses what is not base64', () => {
    const secret = setAt(clone(validObjects.Secret!), ['data', 'password'], 'hunter2!');
    expect(findings([secret]).map((f) => [f.rule, f.path, f.message])).toEqual([['schema-valid', 'data.password', 'must be base64-encoded data']]);
  });
});

describe('fields the bundled validators lost', () => {
  it('PriorityClass description and CRD schema extensions are accepted', () => {
    const pc = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'critical' }, value: 1000, description: 'critical' };
    expect(findings([pc])).toEqual([]);
    expect(findings([setAt(clone(pc), ['descripton'], 'x')]).map((f) => f.path)).toEqual(['descripton']);
  });
});

describe('removed API versions still have their schema', () => {
  it('extensions/v1beta1 Ingress validates against its own schema', () => {
    const ing = {
      apiVersion: 'extensions/v1beta1',
      kind: 'Ingress',
      metadata: { name: 'old' },
      spec: { backend: { serviceName: 'web', servicePort: 80 } },
    };
    expect(findings([ing])).toEqual([]);
    expect(findings([setAt(clone(ing), ['spec', 'backend', 'service'], { name: 'web' })]).map((f) => f.path)).toEqual([
      'spec.backend.service',
    ]);
  });
});
