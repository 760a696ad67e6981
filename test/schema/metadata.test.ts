import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labelValueProblem, metadataIssues, qualifiedNameProblem } from '../../src/analysis/schema/metadata.js';
import { runCli } from '../helpers/hostile.js';

describe('object metadata as the API server validates it', () => {
  it.each([
    ['Deployment', 'web', true],
    ['Deployment', 'a'.repeat(253), true],
    ['Deployment', 'a'.repeat(254), false],
    ['Deployment', 'Web', false],
    ['Deployment', 'web.v1', true],
    ['Deployment', 'web\u0007x', false],
    ['Service', 'web.v1', false],
    ['Service', '1web', false],
    ['Service', 'a'.repeat(64), false],
    ['Namespace', 'a'.repeat(63), true],
    ['Namespace', 'a'.repeat(64), false],
    ['ClusterRole', 'system:aggregate-to-view', true],
    ['ClusterRole', '..', false],
    ['Widget', 'a/b', false],
  ])('%s named %j is accepted: %s', (kind, name, ok) => {
    expect(metadataIssues(kind, { name } as never).length === 0).toBe(ok);
  });

  it.each([
    ['app', true],
    ['app.kubernetes.io/name', true],
    ['', false],
    ['a'.repeat(64), false],
    ['a'.repeat(63), true],
    ['/name', false],
    ['Bad_Prefix/name', false],
    ['a/b/c', false],
    ['-app', false],
  ])('label key %j is accepted: %s', (key, ok) => {
    expect(qualifiedNameProblem(key) === undefined).toBe(ok);
  });

  it.each([
    ['', true],
    ['v1.2_3-x', true],
    ['has space', false],
    ['a'.repeat(64), false],
    ['-x', false],
  ])('label value %j is accepted: %s', (value, ok) => {
    expect(labelValueProblem(value) === undefined).toBe(ok);
  });

  it('refuses a path in the namespace and annotations over 256 KiB in total', () => {
    expect(metadataIssues('ConfigMap', { name: 'c', namespace: '../../etc' } as never).map((i) => i.path)).toEqual([['metadata', 'namespace']]);
    const big = metadataIssues('ConfigMap', { name: 'c', annotations: { a: 'x'.repeat(200_000), b: 'y'.repeat(70_000) } } as never);
    expect(big.map((i) => i.message)).toEqual([expect.stringMatching(/256 KiB/)]);
  });
});

describe('validate reports rejected metadata at the offending line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prodgate-meta-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails validate on a label value with a space and a namespace that is a path', () => {
    const file = join(dir, 'cm.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: "../../etc"\n  labels:\n    team: "two words"\ndata: {}\n');
    const r = runCli(['validate', file], { timeoutMs: 20_000 });
    const out = r.stdout + r.stderr;
    expect(r.status).toBe(1);
    expect(out).toMatch(/cm\.yaml:5/);
    expect(out).toMatch(/cm\.yaml:7/);
    expect(out).not.toMatch(/two words/);
  });
});
