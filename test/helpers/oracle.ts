/**
 * The oracle: `kubectl kustomize` (Kustomize v5.5.0). Differential tests compare prodgate's
 * output with it byte for byte; nothing expected is written by hand.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../../src/kustomize/index.js';
import { emitStream } from '../../src/yaml/emit.js';
import { isUserError } from '../../src/errors.js';

export interface RenderOutcome {
  ok: boolean;
  stdout: string;
  /** Error text (oracle stderr, or our UserError rendering). */
  error: string;
  /** Where our UserError points, when it has a location. */
  location?: { file: string; line: number };
}

export function runOracle(dir: string, args: string[] = []): RenderOutcome {
  const r = spawnSync('kubectl', ['kustomize', dir, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { ok: r.status === 0, stdout: r.stdout ?? '', error: r.stderr ?? String(r.error ?? '') };
}

/** The oracle without blocking the event loop, so many fixtures can render side by side. */
export function runOracleAsync(dir: string, args: string[] = []): Promise<RenderOutcome> {
  return new Promise((resolve) => {
    execFile('kubectl', ['kustomize', dir, ...args], { encoding: 'utf8', timeout: 30_000, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const status = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === 'number' ? 1 : 1) : 0;
      resolve({ ok: status === 0, stdout: stdout ?? '', error: stderr || (err ? String(err) : '') });
    });
  });
}

export function runOurs(dir: string, args: string[] = []): RenderOutcome {
  const none = args.join(' ').includes('LoadRestrictionsNone');
  try {
    const reorderNone = args.join(' ').includes('--reorder none');
    const result = build(dir, { loadRestrictor: none ? 'none' : 'rootOnly', reorder: reorderNone ? 'none' : 'legacy' });
    return { ok: true, stdout: emitStream(result.resources.map((r) => r.body)), error: '' };
  } catch (e) {
    if (isUserError(e)) return { ok: false, stdout: '', error: e.render(), location: e.location };
    throw e;
  }
}

export interface FixtureCase {
  name: string;
  /** Directory passed to the build (the case root or `case.json`'s `dir`). */
  dir: string;
  args: string[];
}

/** Every fixture under `root`: a directory holding a kustomization, or a `case.json` naming one. */
export function listFixtures(root: string): FixtureCase[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((n) => statSync(join(root, n)).isDirectory())
    .sort()
    .map((name) => {
      const caseFile = join(root, name, 'case.json');
      const spec = existsSync(caseFile) ? (JSON.parse(readFileSync(caseFile, 'utf8')) as { dir?: string; args?: string[] }) : {};
      return { name, dir: join(root, name, spec.dir ?? '.'), args: spec.args ?? [] };
    });
}
