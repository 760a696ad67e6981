/**
 * The emitter's shortcuts for common strings must agree with the character-by-character
 * analysis (itself checked against the oracle by the yaml-* fixtures).
 */
import { describe, expect, it } from 'vitest';
import { analyze, analyzeEachCharacter } from '../../src/yaml/emit.js';

const ALPHABET = [' ', ' ', 'a', 'b', 'Z', '0', '9', '-', ':', '#', '?', '.', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>',
  "'", '"', '%', '@', '`', '/', '_', '=', '~', '\\'];

function randomStrings(count: number, seed: number): string[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 1 + (next() % 8);
    let text = '';
    for (let j = 0; j < length; j++) text += ALPHABET[next() % ALPHABET.length];
    out.push(text);
  }
  return out;
}

describe('scalar analysis shortcuts', () => {
  it('agree with the full analysis on random printable ASCII', () => {
    for (const s of randomStrings(20_000, 11)) {
      expect(analyze(s), JSON.stringify(s)).toBe(analyzeEachCharacter(s));
    }
  });

  it('agree on the indicator edge cases', () => {
    for (const s of ['---', '--- x', '...', '....', '-', '- a', '-a', '?', '? a', '?a', ':', ': a', ':a', 'a:', 'a: b', 'a:b',
      'a #b', 'a#b', '#a', ' a', 'a ', 'a  b', 'x - y', 'abc', 'a/b.c-d_e', '0.5', '']) {
      expect(analyze(s), JSON.stringify(s)).toBe(analyzeEachCharacter(s));
    }
  });
});
