/**
 * Side files of a run (`.prodgate.yaml`, `--baseline`) are untrusted input too: no symbolic
 * link out of the repository is followed, special files are refused instead of blocking or
 * streaming forever, and sizes are bounded. Every case runs the real CLI under a time and heap
 * bound and must end with exit 2, a clear error naming the file, no stack trace, and none of
 * an outside file's contents.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/hostile.js';

const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: b\n';
// An outside file whose keys would be echoed by a config error ("unknown setting …").
const outsideSecret = 'AKIA_OUTSIDE_SECRET_KEY: do-not-print-me\n';

let dir: string;
let repo: string;
let outside: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'prodgate-hostile-cli-'));
  repo = join(dir, 'repo');
  outside = join(dir, 'outside');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'app'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(repo, 'app', 'cm.yaml'), configMap);
  writeFileSync(join(outside, 'prodgate.yaml'), outsideSecret);
  writeFileSync(join(outside, 'baseline.json'), `{"${outsideSecret.trim()}"}`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Bound {
  timeoutMs: number;
  maxHeapMb: number;
}
const bound: Bound = { timeoutMs: 20_000, maxHeapMb: 256 };

function expectRefused(r: ReturnType<typeof runCli>, message: RegExp, b: Bound = bound): void {
  expect(r.timedOut, `timed out after ${r.ms} ms`).toBe(false);
  expect(r.ms).toBeLessThan(b.timeoutMs);
  expect(r.signal).toBeNull();
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(r.stderr).toMatch(message);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout + r.stderr).not.toContain('AKIA_OUTSIDE_SECRET_KEY');
  expect(r.stdout + r.stderr).not.toContain('do-not-print-me');
}

describe('.prodgate.yaml and --baseline are read as untrusted input', () => {
  it('refuses a discovered .prodgate.yaml that links out of the repository', () => {
    const link = join(repo, 'app', '.prodgate.yaml');
    symlinkSync(join(outside, 'prodgate.yaml'), link);
    try {
      const r = runCli(['check', 'app'], { ...bound, cwd: repo });
      expectRefused(r, /^error: cannot read config file app\/\.prodgate\.yaml: it is a symbolic link to a file outside /m);
    } finally {
      rmSync(link);
    }
  });

  it('follows a .prodgate.yaml link that stays inside the repository', () => {
    writeFileSync(join(repo, 'shared.prodgate.yaml'), 'profile: dev\n');
    const link = join(repo, 'app', '.prodgate.yaml');
    symlinkSync('../shared.prodgate.yaml', link);
    try {
      const r = runCli(['check', 'app'], { ...bound, cwd: repo });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/profile dev/);
    } finally {
      rmSync(link);
      rmSync(join(repo, 'shared.prodgate.yaml'));
    }
  });

  it('refuses a --baseline that links out of the repository, without quoting it', () => {
    symlinkSync(join(outside, 'baseline.json'), join(repo, 'baseline.json'));
    const r = runCli(['check', 'app', '--baseline', 'baseline.json'], { ...bound, cwd: repo });
    expectRefused(r, /^error: cannot read baseline baseline\.json: it is a symbolic link to a file outside /m);
  });

  it('names an invalid baseline by file and line without quoting its contents', () => {
    writeFileSync(join(repo, 'broken.json'), `{\n"${outsideSecret.trim()}"`);
    const r = runCli(['check', 'app', '--baseline', 'broken.json'], { ...bound, cwd: repo });
    expectRefused(r, /^error: broken\.json:\d+: baseline is not valid JSON$/m);
  });

  it('refuses /dev/zero as --baseline at once', () => {
    const r = runCli(['check', 'app', '--baseline', '/dev/zero'], { ...bound, cwd: repo });
    expectRefused(r, /^error: cannot read baseline \/dev\/zero: it is a character device, not a regular file$/m);
  });

  it('refuses /dev/zero as --config at once', () => {
    const r = runCli(['check', 'app', '--config', '/dev/zero'], { ...bound, cwd: repo });
    expectRefused(r, /^error: cannot read config file \/dev\/zero: it is a character device, not a regular file$/m);
  });

  it('refuses a FIFO as --baseline instead of waiting for a writer', () => {
    execFileSync('mkfifo', [join(repo, 'fifo.json')]);
    const r = runCli(['check', 'app', '--baseline', 'fifo.json'], { ...bound, cwd: repo });
    expectRefused(r, /^error: cannot read baseline fifo\.json: it is a named pipe, not a regular file$/m);
  });

  it('refuses a FIFO named .prodgate.yaml instead of waiting or skipping it', () => {
    execFileSync('mkfifo', [join(repo, 'app', '.prodgate.yaml')]);
    try {
      const r = runCli(['check', 'app'], { ...bound, cwd: repo });
      expectRefused(r, /^error: cannot read config file app\/\.prodgate\.yaml: it is a named pipe, not a regular file$/m);
    } finally {
      rmSync(join(repo, 'app', '.prodgate.yaml'));
    }
  });

  it('bounds a /proc file that reports size 0 while streaming more than the limit', () => {
    const b = { timeoutMs: 30_000, maxHeapMb: 256 };
    const r = runCli(['check', 'app', '--baseline', '/proc/self/pagemap'], { ...b, cwd: repo });
    expectRefused(r, /^error: cannot read baseline \/proc\/self\/pagemap: it is larger than the 64 MiB limit$/m, b);
  });

  it('refuses a .prodgate.yaml over 1 MiB', () => {
    writeFileSync(join(repo, 'app', '.prodgate.yaml'), `# ${'x'.repeat(1024 * 1024)}\nprofile: dev\n`);
    try {
      const r = runCli(['check', 'app'], { ...bound, cwd: repo });
      expectRefused(r, /^error: cannot read config file app\/\.prodgate\.yaml: it is larger than the 1 MiB limit$/m);
    } finally {
      rmSync(join(repo, 'app', '.prodgate.yaml'));
    }
  });

  it('refuses a baseline over 64 MiB', () => {
    const b = { timeoutMs: 30_000, maxHeapMb: 256 };
    const big = join(repo, 'big.json');
    // Sparse: the size is what counts, not the bytes on disk.
    execFileSync('truncate', ['-s', `${64 * 1024 * 1024 + 1}`, big]);
    const r = runCli(['check', 'app', '--baseline', 'big.json'], { ...b, cwd: repo });
    expectRefused(r, /^error: cannot read baseline big\.json: it is larger than the 64 MiB limit$/m, b);
  });
});
