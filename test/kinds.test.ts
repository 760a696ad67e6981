/**
 * Every test file belongs to exactly one kind (unit, conformance, browser in vitest.config.ts),
 * so the split scripts together run the whole suite and no file runs twice. Asked of vitest
 * itself, so the check follows its glob rules.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testKinds } from '../vitest.config.js';

const repo = join(import.meta.dirname, '..');

function testFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', '.git', 'dist'].includes(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) testFiles(p, out);
    else if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(e.name)) out.push(relative(repo, p));
  }
  return out;
}

describe('test kinds', () => {
  it('put every test file in exactly one kind', () => {
    const r = spawnSync(process.execPath, [join(repo, 'node_modules', 'vitest', 'vitest.mjs'), 'list', '--filesOnly', '--json'], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as { file: string; projectName: string }[];
    const kinds = new Map<string, string[]>();
    for (const { file, projectName } of listed) kinds.set(relative(repo, file), [...(kinds.get(relative(repo, file)) ?? []), projectName]);
    const files = testFiles(repo).sort();
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => kinds.get(f)?.length !== 1).map((f) => `${f}: ${kinds.get(f)?.join(', ') ?? 'no kind'}`)).toEqual([]);
    expect([...kinds.keys()].sort()).toEqual(files);
  });

  it('name only files that exist', () => {
    const files = new Set(testFiles(repo));
    for (const kind of [testKinds.conformance, testKinds.browser]) for (const f of kind.include) expect(files, f).toContain(f);
    for (const f of testKinds.unit.exclude) expect(files, f).toContain(f);
  });
});
