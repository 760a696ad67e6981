/**
 * Hostile inputs at the edge of loading: oversized streams, special files and symbolic links.
 * Each case runs the real CLI under a time and heap bound and must end by itself with a clear
 * error (or a correct verdict), never a hang, a stack trace or a silent skip.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, STACK_TRACE } from '../helpers/hostile.js';

const dir = mkdtempSync(join(tmpdir(), 'prodgate-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BAD_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: linked
spec:
  selector: {matchLabels: {app: linked}}
  template:
    metadata: {labels: {app: linked}}
    spec:
      containers:
        - name: app
          image: nginx:latest
`;

function tree(name: string): string {
  const d = join(dir, name);
  mkdirSync(join(d, 'manifests'), { recursive: true });
  return d;
}

function expectCleanError(r: ReturnType<typeof runCli>, message: RegExp, boundMs: number): void {
  expect(r.timedOut).toBe(false);
  expect(r.ms).toBeLessThan(boundMs);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(STACK_TRACE);
}

describe('hostile inputs: streams, special files, symbolic links', () => {
  it('stops reading standard input at the 64 MiB limit', () => {
    const stream = Buffer.alloc(80 * 1024 * 1024, 'y\n');
    const r = runCli(['check', '-'], { stdin: stream, timeoutMs: 30_000, maxHeapMb: 256 });
    expectCleanError(r, /standard input is larger than the 64 MiB limit/, 30_000);
  }, 40_000);

  it('stops reading `yes | head -c 1G | prodgate check -` at the limit instead of buffering the stream', () => {
    // The writer is cut off (SIGPIPE, exit 141) only if prodgate stops reading at the limit.
    const script = `yes | head -c 1073741824 | "$0" --max-old-space-size=256 --import tsx ${JSON.stringify(join(repoRoot, 'src/cli/bin.ts'))} check - 2>&1; echo "status=\${PIPESTATUS[1]} \${PIPESTATUS[2]}"`;
    const started = Date.now();
    const out = execFileSync('bash', ['-c', script, process.execPath], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(out).toMatch(/standard input is larger than the 64 MiB limit/);
    expect(out).toMatch(/status=141 2/);
    expect(out).not.toMatch(STACK_TRACE);
  }, 70_000);

  it('refuses /dev/zero given as an input without reading it', () => {
    const r = runCli(['check', '/dev/zero'], { timeoutMs: 10_000, maxHeapMb: 256 });
    expectCleanError(r, /not a regular file or directory \(a character device\).*\/dev\/zero/, 10_000);
  });

  it('refuses a named pipe met in a directory instead of waiting on it', () => {
    const d = tree('fifo');
    writeFileSync(join(d, 'manifests', 'ok.yaml'), BAD_DEPLOYMENT);
    execFileSync('mkfifo', [join(d, 'manifests', 'pipe.yaml')]);
    const r = runCli(['check', join(d, 'manifests')], { timeoutMs: 10_000, maxHeapMb: 256 });
    expectCleanError(r, /not a regular file \(a named pipe\).*pipe\.yaml/, 10_000);
  });

  it('judges a linked manifest that stays inside the directory given', () => {
    const d = tree('inside');
    mkdirSync(join(d, 'manifests', 'shared'));
    writeFileSync(join(d, 'manifests', 'shared', 'bad.txt'), BAD_DEPLOYMENT);
    symlinkSync('shared/bad.txt', join(d, 'manifests', 'bad.yaml'));
    const r = runCli(['check', join(d, 'manifests')], { timeoutMs: 20_000, maxHeapMb: 512 });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/Deployment\/linked/);
    expect(r.stdout).toMatch(/bad\.yaml/);
  });

  it('refuses a linked manifest that points outside the directory given, naming the link', () => {
    const d = tree('escape');
    mkdirSync(join(d, 'shared'));
    writeFileSync(join(d, 'shared', 'bad.yaml'), BAD_DEPLOYMENT);
    symlinkSync('../shared/bad.yaml', join(d, 'manifests', 'bad.yaml'));
    const r = runCli(['check', join(d, 'manifests')], { timeoutMs: 10_000, maxHeapMb: 256 });
    expectCleanError(r, /symbolic link points outside .*manifests\/bad\.yaml/, 10_000);
  });

  it('refuses a symbolic link loop and a dangling link, naming each link', () => {
    const d = tree('loop');
    symlinkSync('b.yaml', join(d, 'manifests', 'a.yaml'));
    symlinkSync('a.yaml', join(d, 'manifests', 'b.yaml'));
    const loop = runCli(['check', join(d, 'manifests')], { timeoutMs: 10_000, maxHeapMb: 256 });
    expectCleanError(loop, /symbolic link loop: .*manifests\/a\.yaml/, 10_000);

    const e = tree('dangling');
    symlinkSync('missing.yaml', join(e, 'manifests', 'gone.yaml'));
    const dangling = runCli(['check', join(e, 'manifests')], { timeoutMs: 10_000, maxHeapMb: 256 });
    expectCleanError(dangling, /symbolic link to a missing file: .*gone\.yaml/, 10_000);
  });
});
