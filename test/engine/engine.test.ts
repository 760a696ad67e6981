import { describe, expect, it } from 'vitest';
import { checkEstate, selectRules } from '../../src/index.js';
import { estateFromYaml } from '../helpers/rules.js';
import { imageTagRule, infoRule, privilegedRule, replicasRule, settingsProbe, settingsRule, testRules } from './test-rules.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 1
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: registry.example.org/api
        - name: sidecar
          image: envoy:1.30
          securityContext:
            privileged: true
`;

describe('checkEstate', () => {
  it('turns reports into located findings with rule metadata', () => {
    const { findings } = checkEstate(estateFromYaml(deployment, 'base/deploy.yaml'), { rules: [imageTagRule] });
    expect(findings).toEqual([
      {
        rule: 'test-image-tag',
        severity: 'error',
        concern: 'images',
        object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' },
        path: 'spec.template.spec.containers[name=api].image',
        message: 'container "api" image "registry.example.org/api" has no tag',
        location: { file: 'base/deploy.yaml', line: 14, column: 11 },
        waived: null,
        pss: null,
        container: 'api',
      },
    ]);
  });

  it('locates a missing field at its deepest existing ancestor', () => {
    const yaml = deployment.replace('  replicas: 1\n', '');
    const { findings } = checkEstate(estateFromYaml(yaml, 'd.yaml'), { rules: [replicasRule] });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.path).toBe('spec.replicas');
    // `spec` is written on line 6 once replicas is gone
    expect(findings[0]!.location).toMatchObject({ file: 'd.yaml', line: 6 });
  });

  it('uses the location a rule reports instead of provenance', () => {
    const { findings } = checkEstate(estateFromYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {}\n'), {
      rules: [infoRule],
    });
    expect(findings[0]!.location).toEqual({ file: 'elsewhere.yaml', line: 7 });
  });

  it('carries Pod Security Standards references', () => {
    const { findings } = checkEstate(estateFromYaml(deployment), { rules: [privilegedRule] });
    expect(findings.map((f) => [f.path, f.pss])).toEqual([
      ['spec.template.spec.containers[name=sidecar].securityContext.privileged', { level: 'baseline', control: 'Privileged Containers' }],
    ]);
  });

  it('judges CRD workloads with pod templates like Deployments (Argo Rollout, Knative Service)', () => {
    const yaml = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r}
spec:
  template:
    spec:
      containers: [{name: app, image: app}]
---
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: k}
spec:
  template:
    spec:
      containers: [{name: fn, image: fn}]
`;
    const { findings } = checkEstate(estateFromYaml(yaml), { rules: [imageTagRule] });
    expect(findings.map((f) => `${f.object.kind}/${f.object.name}`)).toEqual(['Rollout/r', 'Service/k']);
  });

  it('judges custom workload kinds through configured pod-template paths', () => {
    const yaml = `apiVersion: example.com/v1
kind: Worker
metadata: {name: w}
spec:
  pod:
    template:
      spec:
        containers: [{name: w, image: worker}]
`;
    expect(checkEstate(estateFromYaml(yaml), { rules: [imageTagRule] }).findings).toHaveLength(0);
    const estate = estateFromYaml(yaml, 'w.yaml', {
      podTemplatePaths: [{ group: 'example.com', kind: 'Worker', path: ['spec', 'pod', 'template'] }],
    });
    const { findings } = checkEstate(estate, { rules: [imageTagRule] });
    expect(findings.map((f) => f.path)).toEqual(['spec.pod.template.spec.containers[name=w].image']);
  });

  it('runs each rule once per estate', () => {
    let calls = 0;
    const counting = { ...imageTagRule, check: () => void calls++ };
    checkEstate(estateFromYaml(deployment + '---\n' + deployment.replace('name: api\n  namespace', 'name: b\n  namespace')), {
      rules: [counting],
    });
    expect(calls).toBe(1);
  });

  it('reports the same finding once', () => {
    const twice = { ...imageTagRule, check: (ctx: Parameters<typeof imageTagRule.check>[0]) => { imageTagRule.check(ctx); imageTagRule.check(ctx); } };
    expect(checkEstate(estateFromYaml(deployment), { rules: [twice] }).findings).toHaveLength(1);
  });

  it('hands the config settings and parameters to rules', () => {
    settingsProbe.seen.length = 0;
    const settings = { network: { approvedClients: { vector: ['api'] } }, secrets: {}, schema: {} };
    checkEstate(estateFromYaml(deployment), { rules: [settingsRule], settings });
    expect(settingsProbe.seen).toEqual([settings]);
  });

  it('wraps a crashing rule in an error naming it', () => {
    const broken = { ...imageTagRule, check: () => { throw new TypeError('boom'); } };
    expect(() => checkEstate(estateFromYaml(deployment), { rules: [broken] })).toThrow(/rule test-image-tag failed: boom/);
  });
});

describe('severity', () => {
  const estate = () => estateFromYaml(deployment);
  it('is the rule default in prod', () => {
    const { findings } = checkEstate(estate(), { rules: [imageTagRule] });
    expect(findings[0]!.severity).toBe('error');
  });
  it('is lowered by the dev profile for operational concerns', () => {
    const { findings } = checkEstate(estate(), { rules: [imageTagRule, privilegedRule], profile: 'dev' });
    expect(Object.fromEntries(findings.map((f) => [f.rule, f.severity]))).toEqual({
      'test-image-tag': 'warning', // images: one step lower
      'test-privileged': 'error', // pod security: unchanged
    });
  });
  it('is replaced by the config override', () => {
    const { findings } = checkEstate(estate(), {
      rules: [imageTagRule],
      profile: 'dev',
      overrides: { 'test-image-tag': { severity: 'info' } },
    });
    expect(findings[0]!.severity).toBe('info');
  });
  it('honours a per-report severity', () => {
    const { findings } = checkEstate(estateFromYaml(deployment.replace('replicas: 1', 'replicas: 0')), { rules: [replicasRule] });
    expect(findings[0]!.severity).toBe('error');
  });
});

describe('rule selection', () => {
  const ids = (o: Parameters<typeof selectRules>[0]) => selectRules({ rules: testRules, ...o }).map((a) => a.rule.meta.id);
  it('disables rules marked off in a profile', () => {
    expect(ids({ profile: 'prod' })).toContain('test-info');
    expect(ids({ profile: 'dev' })).not.toContain('test-info');
  });
  it('lets the config enable and disable rules', () => {
    expect(ids({ profile: 'dev', overrides: { 'test-info': { enabled: true } } })).toContain('test-info');
    expect(ids({ overrides: { 'test-image-tag': { enabled: false } } })).not.toContain('test-image-tag');
  });
  it('runs only the rules asked for (plus waiver governance), minus disabled ones', () => {
    expect(ids({ only: ['test-info', 'test-replicas'], disable: ['test-replicas'], profile: 'dev' })).toEqual([
      'test-info',
      'waiver-invalid',
      'waiver-expired',
      'waiver-unused',
    ]);
  });
  it('filters by concern', () => {
    expect(ids({ concerns: ['pod-security'] })).toEqual(['test-privileged', 'waiver-invalid', 'waiver-expired', 'waiver-unused']);
  });
  it('rejects unknown rule ids', () => {
    expect(() => ids({ only: ['nope'] })).toThrow(/unknown rule "nope"/);
  });
  it('resolves parameters from defaults, profile defaults and config', () => {
    const params = (o: Parameters<typeof selectRules>[0]) =>
      selectRules({ rules: [replicasRule], ...o }).find((a) => a.rule.meta.id === 'test-replicas')!.params;
    expect(params({})).toEqual({ minReplicas: 2 });
    expect(params({ profile: 'dev' })).toEqual({ minReplicas: 1 });
    expect(params({ profile: 'dev', overrides: { 'test-replicas': { params: { minReplicas: 5 } } } })).toEqual({ minReplicas: 5 });
  });
});
