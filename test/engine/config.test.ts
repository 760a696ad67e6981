import { describe, expect, it } from 'vitest';
import { isUserError, type UserError } from '../../src/core/errors.js';
import { checkRuleReferences, emptyConfig, loadConfig, parseConfig, resolveSettings } from '../../src/engine/config.js';
import { allRules } from '../../src/index.js';
import { writeTree } from './helpers.js';
import { testRules } from './test-rules.js';

function configError(text: string): UserError {
  try {
    const c = parseConfig(text, '.prodgate.yaml', '/repo');
    checkRuleReferences(c, allRules(testRules));
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('.prodgate.yaml', () => {
  it('parses every section', () => {
    const c = parseConfig(
      `profile: staging
failOn: error
kubeVersion: "1.31"
defaultNamespace: apps
rules:
  test-image-tag: off
  test-info: warning
  test-replicas:
    severity: error
    params: {minReplicas: 3}
environments:
  - paths: ["overlays/dev", "clusters/*-dev"]
    profile: dev
    kubeVersion: "1.30"
    rules:
      test-replicas: {params: {minReplicas: 1}}
podTemplates:
  - apiVersion: example.com/v1
    kind: Worker
    path: spec.pod.template
waivers:
  - rule: test-image-tag
    kind: Deployment
    reason: vendor
    expires: 2026-12-31
network:
  namespaceLabels: {ingress-nginx: {team: edge}}
  approvedClients: {vector: [kfm-api]}
  datastores: [{image: "*qdrant*", ports: [6333]}]
`,
      '.prodgate.yaml',
      '/repo',
    );
    expect(c.profile).toBe('staging');
    expect(c.rules['test-image-tag']).toMatchObject({ enabled: false });
    expect(c.rules['test-info']).toMatchObject({ enabled: true, severity: 'warning' });
    expect(c.rules['test-replicas']).toMatchObject({ severity: 'error', params: { minReplicas: 3 } });
    expect(c.podTemplatePaths).toEqual([{ group: 'example.com', kind: 'Worker', path: ['spec', 'pod', 'template'], isPodSpec: undefined }]);
    expect(c.waivers[0]).toMatchObject({ rules: ['test-image-tag'], kind: 'Deployment', reason: 'vendor', expires: '2026-12-31' });
    expect(c.settings.network.approvedClients).toEqual({ vector: ['kfm-api'] });
    checkRuleReferences(c, allRules(testRules));

    const prod = resolveSettings(c, '/repo/overlays/prod');
    expect(prod).toMatchObject({ profile: 'staging', failOn: 'error', kubeVersion: '1.31', defaultNamespace: 'apps' });
    const dev = resolveSettings(c, '/repo/overlays/dev');
    expect(dev).toMatchObject({ profile: 'dev', kubeVersion: '1.30' });
    expect(dev.rules['test-replicas']).toMatchObject({ severity: 'error', params: { minReplicas: 1 } });
    expect(resolveSettings(c, '/repo/clusters/eu-dev').profile).toBe('dev');
    expect(resolveSettings(c, '/repo/clusters/eu-dev', { profile: 'prod', kubeVersion: '1.33' })).toMatchObject({ profile: 'prod', kubeVersion: '1.33' });
  });

  it('defaults to the prod profile and its threshold', () => {
    expect(resolveSettings(emptyConfig('/repo'), '/repo/x')).toMatchObject({ profile: 'prod', failOn: 'warning', kubeVersion: '1.37' });
    expect(resolveSettings(emptyConfig('/repo'), '/repo/x', { profile: 'dev' })).toMatchObject({ failOn: 'error' });
  });

  it('names file and line of an unknown setting', () => {
    const e = configError('profile: prod\nrules:\n  test-info: off\nwaviers: []\n');
    expect(e.location).toMatchObject({ file: '.prodgate.yaml', line: 4 });
    expect(e.message).toBe('invalid config: unknown setting "waviers" at the top level');
    expect(e.hint).toMatch(/waivers/);
  });

  it('names file and line of a bad value', () => {
    const e = configError('rules:\n  test-info:\n    severity: fatal\n');
    expect(e.location).toMatchObject({ file: '.prodgate.yaml', line: 3 });
    expect(e.message).toBe('invalid config: rules.test-info.severity: must be one of error, warning, info');
  });

  it('explains an unquoted Kubernetes version', () => {
    const e = configError('kubeVersion: 1.30\n');
    expect(e.location).toMatchObject({ line: 1 });
    expect(e.message).toMatch(/kubeVersion: must be string/);
    expect(e.hint).toMatch(/quote/);
  });

  it('rejects a bad profile, a bad rule setting and an incomplete environment', () => {
    expect(configError('profile: production\n').message).toMatch(/profile: must be one of dev, staging, prod/);
    expect(configError('rules:\n  test-info: maybe\n').message).toMatch(/rules.test-info: must be off, on, error/);
    const env = configError('environments:\n  - profile: dev\n');
    expect(env.message).toMatch(/environments.0: missing required setting "paths"/);
    expect(env.location).toMatchObject({ line: 2 });
  });

  it('rejects unknown rules and parameters with their line', () => {
    const rule = configError('rules:\n  test-info: off\n  no-such-rule: off\n');
    expect(rule.message).toBe('invalid config: unknown rule "no-such-rule"');
    expect(rule.location).toMatchObject({ line: 3 });
    const param = configError('rules:\n  test-replicas:\n    params: {minimum: 3}\n');
    expect(param.message).toBe('invalid config: rule "test-replicas" has no parameter "minimum"');
    expect(param.hint).toMatch(/minReplicas/);
  });

  it('rejects a parameter of the wrong type', () => {
    const e = configError('rules:\n  test-replicas:\n    params: {minReplicas: "three"}\n');
    expect(e.message).toBe('invalid config: parameter "minReplicas" of rule "test-replicas" must be a number, not a string');
    expect(e.location).toMatchObject({ line: 2 });
  });

  it('rejects invalid YAML and a waiver naming no rule', () => {
    expect(configError('rules: [\n').location?.file).toBe('.prodgate.yaml');
    const w = configError('waivers:\n  - kind: Deployment\n    reason: x\n');
    expect(w.message).toMatch(/waivers.0: a waiver names either "rule" or "rules"/);
  });

  it('reports a missing config file as a usage error', () => {
    const dir = writeTree({ 'x.yaml': '' });
    expect(() => loadConfig(`${dir}/nope.yaml`, 'nope.yaml')).toThrow(/cannot read config file nope.yaml/);
  });
});
