/**
 * Deprecation warnings: the same lines, in the same order, as `kubectl kustomize` prints on
 * stderr (one per deprecated field per kustomization file loaded).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/kustomize/index.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'kustomize');

function oracleWarnings(dir: string): string[] {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 30_000 });
  expect(r.status).toBe(0);
  return r.stderr.split('\n').filter((l) => l.startsWith('# Warning'));
}

describe('deprecation warnings', () => {
  it.each(['bases-deprecated-everywhere/overlay', 'bases-legacy-field/overlay', 'images-legacy-imagetags'])('%s', (name) => {
    const dir = join(fixtures, name);
    const ours = build(dir).warnings;
    expect(ours.length).toBeGreaterThan(0);
    expect(ours).toEqual(oracleWarnings(dir));
  });
});
