/**
 * Differential conformance: every fixture tree is rendered by prodgate and by the oracle
 * (`kubectl kustomize`); stdout must be byte-identical, and where the oracle fails we must fail
 * with a UserError naming a file.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFixtures, runOracleAsync, runOurs } from '../helpers/oracle.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'kustomize');
const cases = listFixtures(root);

// Oracle runs overlap (each is a separate process); our renders stay in this worker.
describe.concurrent('kustomize differential fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const c of cases) {
    it(c.name, async () => {
      const oracle = await runOracleAsync(c.dir, c.args);
      const ours = runOurs(c.dir, c.args);
      if (!oracle.ok) {
        expect(ours.ok, `oracle failed (${oracle.error.trim()}) but prodgate rendered`).toBe(false);
        expect(ours.error, 'the error names the file it is about').toMatch(/\S/);
        return;
      }
      expect(ours.error).toBe('');
      expect(ours.stdout).toBe(oracle.stdout);
    });
  }
});
