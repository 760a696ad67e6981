/**
 * Emitter conformance: every `yaml-*` fixture's resource is parsed and emitted on its own (no
 * kustomize pipeline involved) and compared byte for byte with `kubectl kustomize` on the same
 * tree. Where the oracle fails, parsing or emitting must fail with a UserError.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { emitStream } from '../../src/yaml/emit.js';
import { parseYaml } from '../../src/yaml/parse.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'kustomize');
const cases = readdirSync(root)
  .filter((name) => name.startsWith('yaml-'))
  .sort();

function oracle(dir: string): { ok: boolean; stdout: string; stderr: string } {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 30_000 });
  return { ok: r.status === 0, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function ours(dir: string): string {
  const text = readFileSync(join(dir, 'r.yaml'), 'utf8');
  const parsed = parseYaml(text, 'r.yaml', { annotationsAsText: true });
  return emitStream(parsed.docs.map((d) => d.value));
}

describe('emitter against kubectl kustomize', () => {
  it('has at least 40 yaml fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = join(root, name);
      const expected = oracle(dir);
      if (!expected.ok) {
        let error: unknown;
        try {
          ours(dir);
        } catch (e) {
          error = e;
        }
        expect(error, `oracle failed (${expected.stderr.trim().slice(0, 200)}) but prodgate rendered`).toBeDefined();
        expect(isUserError(error), `expected a UserError, got ${String(error)}`).toBe(true);
        return;
      }
      expect(ours(dir)).toBe(expected.stdout);
    });
  }
});
