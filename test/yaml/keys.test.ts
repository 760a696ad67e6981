/**
 * go-yaml v2 key order. Every expected order below is what `kubectl kustomize` printed for the
 * same keys (fixtures yaml-keys-*); inputs are shuffled before sorting.
 */
import { describe, expect, it } from 'vitest';
import { compareKeys, emitDocument } from '../../src/yaml/emit.js';
import { newMap } from '../../src/core/provenance.js';

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const ORACLE_ORDERS: Record<string, string[]> = {
  digits: ['0', '00', '1', '2', '02', '10', 'a0', 'a00', 'a1', 'a001', 'a9', 'a09', 'a10', 'a010', 'b3', 'b20', 'b100',
    'item2', 'item02', 'item002', 'item12', 'v1.2', 'v1.9', 'v1.10', 'x', 'x0', 'x00'],
  punctuation: ['!', '$', '%', '-', '.', '/', '@', '[', ']', '^', '_x', '`', '{', '|', '}', '~', 'A', 'Alpha', 'Z', 'Zed',
    'a b', 'a-b', 'a.b', 'a/b', 'a:b', 'a_b', 'a~b', 'a1', 'a9', 'a09', 'a10', 'ab', 'alpha', 'z'],
  unicode: ['₂', '٣', 'a₂', 'a3', 'a٣', 'e', 'f', 'zebra', 'Ä', 'Émile', 'ß', 'ä', 'é', 'ü1', 'ü2', 'ü10', 'Ω', 'α', 'β',
    '中', '日本'],
  prefixes: ['', '1', '12', '123', '1a', '1b', 'a', 'a-', 'a--', 'a-1', 'a-2', 'a-10', 'ab', 'abc', 'abcd', 'b', 'ba'],
};

describe('compareKeys (go-yaml v2 natural order)', () => {
  for (const [name, order] of Object.entries(ORACLE_ORDERS)) {
    it(`sorts the ${name} keys as kubectl kustomize does`, () => {
      for (const seed of [1, 7, 42]) {
        expect(shuffled(order, seed).sort(compareKeys)).toEqual(order);
      }
    });
  }

  it('orders a non-letter before a letter, and shorter digit runs first on equal values', () => {
    expect(compareKeys('a-b', 'ab')).toBeLessThan(0);
    expect(compareKeys('a1', 'a01')).toBeLessThan(0);
    expect(compareKeys('a01', 'a1')).toBeGreaterThan(0);
    expect(compareKeys('Zed', 'a')).toBeLessThan(0);
    expect(compareKeys('same', 'same')).toBe(0);
  });

  it('compares digit runs by value even beyond 64 bits without crashing', () => {
    const big = 'k' + '9'.repeat(40);
    expect(Math.sign(compareKeys(big, 'k1'))).not.toBe(0);
  });

  it('is used for every mapping the emitter writes', () => {
    const m = newMap();
    for (const k of shuffled(ORACLE_ORDERS.digits!, 3)) m[k] = 1;
    const lines = emitDocument(m).trimEnd().split('\n');
    expect(lines.map((l) => l.replace(/: 1$/, '').replace(/^"(.*)"$/, '$1'))).toEqual(ORACLE_ORDERS.digits);
  });
});
