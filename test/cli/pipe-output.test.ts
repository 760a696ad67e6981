/**
 * Large reports written to a pipe arrive whole: the CLI must not exit before stdout drains.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;

describe('output to a pipe', () => {
  it('delivers a report larger than a pipe buffer completely, with the exit code intact', () => {
    // Through a shell pipe, as `prodgate check … | jq` runs (a Node child-process pipe hides the problem).
    const command = `set -o pipefail; "${process.execPath}" --import "${tsx}" src/cli/bin.ts check examples --format sarif | cat`;
    const r = spawnSync('bash', ['-c', command], {
      cwd: repo,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    expect(r.stdout.length).toBeGreaterThan(256 * 1024);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
    expect(r.status).toBe(1);
  });
});
