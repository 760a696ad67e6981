/**
 * Differential conformance: every fixture tree is rendered by prodgate and compared with the
 * oracle's recorded answer (`kubectl kustomize`, see test/fixtures/kustomize/README.md): stdout
 * must be byte-identical (deprecation warnings too), and where the oracle failed we must fail with an error naming a file.
 */
import { describe, expect, it } from 'vitest';
import { listFixtures, recordedFixture, runOurs } from '../helpers/oracle.js';

const cases = listFixtures();

describe('kustomize differential fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const c of cases) {
    it(c.name, () => {
      const oracle = recordedFixture(c);
      const ours = runOurs(c.dir, c.args);
      if (!oracle.ok) {
        expect(ours.ok, `oracle failed (${oracle.message}) but prodgate rendered`).toBe(false);
        // A location, or for a directory that cannot be built at all, the directory.
        const named = ours.location?.file ?? (ours.error.includes(c.dir) ? c.dir : undefined);
        expect(named, `the error names the file it is about: ${ours.error}`).toMatch(/\S/);
        return;
      }
      expect(ours.error).toBe('');
      expect(ours.stdout).toBe(oracle.stdout);
      expect(ours.warnings, 'the same deprecation warnings, in order').toEqual(oracle.warnings);
    });
  }
});
