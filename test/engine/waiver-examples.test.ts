/** Every waiver example in the documentation names a rule that exists. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/index.js';

const repo = join(import.meta.dirname, '..', '..');
const docs = [
  'README.md',
  ...readdirSync(join(repo, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
  ...readdirSync(join(repo, 'docs', 'rules')).map((f) => `docs/rules/${f}`),
];

/** Rule ids named by waivers: annotation keys, inline comments and config entries. */
function waivedIds(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/prodgate\.dev\/waive\.([a-z0-9-]+)/g)) ids.push(m[1]!);
  for (const m of text.matchAll(/prodgate-waive ([a-z0-9,-]+)/g)) ids.push(...m[1]!.split(','));
  return ids;
}

describe('waiver examples in the docs', () => {
  const known = new Set(allRules().map((r) => r.meta.id));
  it('finds examples to check', () => {
    expect(docs.flatMap((d) => waivedIds(readFileSync(join(repo, d), 'utf8'))).length).toBeGreaterThan(10);
  });
  for (const doc of docs) {
    it(doc, () => {
      const unknown = waivedIds(readFileSync(join(repo, doc), 'utf8')).filter((id) => !known.has(id) && id !== 'rule' && !id.startsWith('rule-'));
      expect(unknown).toEqual([]);
    });
  }
});
