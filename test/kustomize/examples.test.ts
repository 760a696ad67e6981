/**
 * The bundled example estates render byte-identically to `kubectl kustomize`, at every
 * kustomization in them (bases, overlays and the cluster roots), as recorded in examples.oracle.json.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleDirs, recordedExample, repoRoot, runOurs } from '../helpers/oracle.js';

const dirs = exampleDirs();

describe('example estates', () => {
  it('has kustomizations', () => {
    expect(dirs.length).toBeGreaterThan(0);
  });
  for (const dir of dirs) {
    it(dir, () => {
      const oracle = recordedExample(dir);
      const ours = runOurs(join(repoRoot, dir));
      if (!oracle.ok) {
        expect(ours.ok).toBe(false);
        return;
      }
      expect(ours.error).toBe('');
      expect(ours.stdout).toBe(oracle.stdout);
      expect(ours.warnings).toEqual(oracle.warnings);
    });
  }
});
