/**
 * Emitter conformance: every `yaml-*` fixture's resource is parsed and emitted on its own (no
 * kustomize pipeline involved) and compared byte for byte with `kubectl kustomize`'s recorded
 * answer for the same tree. Where the oracle failed, parsing or emitting must fail with a UserError.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError, UserError } from '../../src/core/errors.js';
import { newMap } from '../../src/core/provenance.js';
import { emitDocument, emitStream } from '../../src/yaml/emit.js';
import { parseYaml } from '../../src/yaml/parse.js';
import { listFixtures, recordedFixture } from '../helpers/oracle.js';

const cases = listFixtures().filter((c) => c.name.startsWith('yaml-'));

function ours(dir: string): string {
  const text = readFileSync(join(dir, 'r.yaml'), 'utf8');
  const parsed = parseYaml(text, 'r.yaml', { annotationsAsText: true });
  return emitStream(parsed.docs.map((d) => d.value));
}

describe('emitter against kubectl kustomize', () => {
  it('has at least 40 yaml fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const c of cases) {
    it(c.name, () => {
      const dir = c.dir;
      const expected = recordedFixture(c);
      if (!expected.ok) {
        let error: unknown;
        try {
          ours(dir);
        } catch (e) {
          error = e;
        }
        expect(error, `oracle failed (${expected.message.slice(0, 200)}) but prodgate rendered`).toBeDefined();
        expect(isUserError(error), `expected a UserError, got ${String(error)}`).toBe(true);
        return;
      }
      expect(ours(dir)).toBe(expected.stdout);
    });
  }
});

describe('emitter errors name the line that set the value', () => {
  function emitError(text: string): UserError {
    const value = parseYaml(text, 'r.yaml').docs[0]!.value;
    try {
      emitDocument(value);
    } catch (e) {
      if (e instanceof UserError) return e;
      throw e;
    }
    throw new Error('expected the emitter to fail');
  }

  it('for a control character kustomize cannot write', () => {
    const e = emitError('a: 1\nb:\n  c: "x\\x7f"\n');
    expect(e.message).toMatch(/U\+007F/);
    expect(e.location).toMatchObject({ file: 'r.yaml', line: 3 });
  });

  it('for a NEL in a key', () => {
    const e = emitError('a:\n  - "k\\Nx": 1\n');
    expect(e.message).toMatch(/NEL/);
    expect(e.location).toMatchObject({ file: 'r.yaml', line: 2 });
  });

  it('for a number JSON cannot carry', () => {
    const m = newMap();
    m.n = Infinity;
    expect(() => emitDocument(m)).toThrow(UserError);
  });
});

describe('values built by code', () => {
  it('skips undefined entries like JSON and writes an empty document as {}', () => {
    const m = newMap();
    (m as Record<string, unknown>).gone = undefined;
    expect(emitDocument(m)).toBe('{}\n');
    m.list = [null, true, 1.5, 10n ** 20n, '', 'x'];
    expect(emitDocument(m)).toBe('list:\n- null\n- true\n- 1.5\n- 1e+20\n- ""\n- x\n');
  });

  it('joins documents with ---', () => {
    expect(emitStream([{ a: 1 }, { b: 'yes' }])).toBe('a: 1\n---\nb: "yes"\n');
    expect(emitStream([])).toBe('');
  });
});
