/**
 * Runs the real CLI as a separate process under a time and memory bound, for hostile-input
 * tests: a case passes only if the process ends by itself within its bound with exit 0, 1 or 2,
 * and prints no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const repoRoot = join(import.meta.dirname, '..', '..');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;

export interface HostileRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

export interface HostileOptions {
  cwd?: string;
  stdin?: string | Buffer;
  /** Wall-clock bound; the process is killed past it. */
  timeoutMs?: number;
  /** V8 heap bound (MiB): a run that needs more dies, and the case fails. */
  maxHeapMb?: number;
  env?: Record<string, string>;
}

export function runCli(args: string[], o: HostileOptions = {}): HostileRun {
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [`--max-old-space-size=${o.maxHeapMb ?? 512}`, '--import', tsx, join(repoRoot, 'src/cli/bin.ts'), ...args],
    {
      cwd: o.cwd ?? repoRoot,
      input: o.stdin ?? '',
      encoding: 'utf8',
      timeout: o.timeoutMs ?? 20_000,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...o.env },
    },
  );
  const ms = Date.now() - started;
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms, timedOut };
}

/** Stack-trace lines as Node prints them (`    at fn (file:line:col)`). */
export const STACK_TRACE = /^\s+at .+[:(].*\d+:\d+\)?$/m;
