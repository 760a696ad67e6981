/**
 * Bad input never crashes: every renderer fixture, with one value replaced by a mapping, a
 * sequence, a number, null or an empty string, either renders or fails with a UserError.
 * Deterministic (fixed seed), no oracle involved.
 */
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.js';
import { build } from '../../src/kustomize/index.js';
import { isRecordFile, listFixtures } from '../helpers/oracle.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'kustomize');
const ours = /^(res|bases|ns|prefix|labels|ann|images|replicas|gen|comp|crds|sort|combo|cfg)-/;
const replacements = ['{a: b}', '[1, 2]', '123', 'null', '""', 'true', '[]', '{}'];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      const st = lstatSync(p);
      // Symlinks are never followed: a mutation must not write through one into the repository.
      // The oracle's recorded answers are not part of the tree kustomize reads.
      if (st.isSymbolicLink() || isRecordFile(n)) return [];
      return st.isDirectory() ? yamlFiles(p) : /\.ya?ml$|^Kustomization$/.test(n) ? [p] : [];
    });
}

describe('mutated fixtures', () => {
  it('render or fail with a UserError, never crash', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const crashes: string[] = [];
    let runs = 0;
    for (const c of listFixtures(root).filter((f) => ours.test(f.name))) {
      const tmp = mkdtempSync(join(tmpdir(), 'prodgate-mutate-'));
      try {
        // verbatimSymlinks keeps relative links relative, so they point inside the copy.
        cpSync(join(root, c.name), tmp, { recursive: true, verbatimSymlinks: true });
        const files = yamlFiles(tmp);
        const file = files[Math.floor(rand() * files.length)];
        if (!file) continue;
        const lines = readFileSync(file, 'utf8').split('\n');
        const candidates = lines.map((l, i) => i).filter((i) => /:\s+\S/.test(lines[i]!) || /^\s*-\s+\S/.test(lines[i]!));
        const i = candidates[Math.floor(rand() * candidates.length)];
        if (i === undefined) continue;
        const r = replacements[Math.floor(rand() * replacements.length)]!;
        lines[i] = /:\s+\S/.test(lines[i]!) ? lines[i]!.replace(/:\s+.*$/, `: ${r}`) : lines[i]!.replace(/-\s+.*$/, `- ${r}`);
        writeFileSync(file, lines.join('\n'));
        runs++;
        try {
          build(join(tmp, c.dir.slice(join(root, c.name).length)), { root: tmp });
        } catch (e) {
          if (!isUserError(e)) crashes.push(`${c.name}: ${file.slice(tmp.length)}:${i + 1} (${r}): ${(e as Error).message}`);
        }
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
    expect(runs).toBeGreaterThan(200);
    expect(crashes).toEqual([]);
  }, 120_000);
});
