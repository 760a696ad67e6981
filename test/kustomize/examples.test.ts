/**
 * The bundled example estates render byte-identically to `kubectl kustomize`, at every
 * kustomization in them (bases, overlays and the cluster roots).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOracle, runOurs } from '../helpers/oracle.js';

const repo = join(import.meta.dirname, '..', '..');

function kustomizationDirs(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) kustomizationDirs(p, out);
    else if (name === 'kustomization.yaml') out.push(dir);
  }
  return out;
}

const dirs = kustomizationDirs(join(repo, 'examples'));

describe('example estates', () => {
  it('has kustomizations', () => {
    expect(dirs.length).toBeGreaterThan(0);
  });
  for (const dir of dirs) {
    it(relative(repo, dir), () => {
      const oracle = runOracle(dir);
      const ours = runOurs(dir);
      if (!oracle.ok) {
        expect(ours.ok).toBe(false);
        return;
      }
      expect(ours.error).toBe('');
      expect(ours.stdout).toBe(oracle.stdout);
    });
  }
});
