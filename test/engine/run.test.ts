import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/config.js';
import { runCheck } from '../../src/index.js';
import { writeTree } from './helpers.js';
import { imageTagRule, replicasRule } from './test-rules.js';

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
        - name: api
          image: shop/api:1.0.0
`;

describe('runCheck over several paths', () => {
  it('judges each path with its own profile and threshold', () => {
    const dir = writeTree({ 'dev/d.yaml': deployment(1), 'prod/d.yaml': deployment(1) });
    const config = parseConfig('environments:\n  - paths: [dev]\n    profile: dev\n', '.prodgate.yaml', dir);
    const run = runCheck({ inputs: ['dev', 'prod'], config, rules: [replicasRule, imageTagRule], load: { root: dir } });
    expect(run.targets.map((t) => [t.path, t.profile, t.failOn])).toEqual([
      ['dev', 'dev', 'error'],
      ['prod', 'prod', 'warning'],
    ]);
    // dev: minReplicas 1 → nothing; prod: minReplicas 2 → a warning that fails prod
    expect(run.findings.map((f) => [f.location?.file, f.severity])).toEqual([['prod/d.yaml', 'warning']]);
    expect(run.failOn).toBe('mixed');
    expect(run.failing).toHaveLength(1);
    expect(run.passed).toBe(false);
  });

  it('lets --fail-on override every threshold', () => {
    const dir = writeTree({ 'prod/d.yaml': deployment(1) });
    const run = runCheck({ inputs: ['prod'], cli: { failOn: 'error' }, rules: [replicasRule], load: { root: dir } });
    expect(run.failOn).toBe('error');
    expect(run.findings).toHaveLength(1);
    expect(run.passed).toBe(true);
  });

  it('reports a finding shared by two estates once', () => {
    const dir = writeTree({ 'a/d.yaml': deployment(1) });
    const run = runCheck({ inputs: ['a', 'a/d.yaml'], rules: [replicasRule], load: { root: dir } });
    expect(run.targets).toHaveLength(2);
    expect(run.findings).toHaveLength(1);
  });
});
