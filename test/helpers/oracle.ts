/**
 * The oracle: `kubectl kustomize` (Kustomize v5.5.0). Differential tests compare prodgate's
 * output with it byte for byte; nothing expected is written by hand.
 */
import { spawnSync } from 'node:child_process';
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
}

export function runOracle(dir: string, args: string[] = []): RenderOutcome {
  const r = spawnSync('kubectl', ['kustomize', dir, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { ok: r.status === 0, stdout: r.stdout ?? '', error: r.stderr ?? String(r.error ?? '') };
}

export function runOurs(dir: string, args: string[] = []): RenderOutcome {
  const none = args.join(' ').includes('LoadRestrictionsNone');
  try {
    const reorderNone = args.join(' ').includes('--reorder none');
    const result = build(dir, { loadRestrictor: none ? 'none' : 'rootOnly', reorder: reorderNone ? 'none' : 'legacy' });
    return { ok: true, stdout: emitStream(result.resources.map((r) => r.body)), error: '' };
  } catch (e) {
    if (isUserError(e)) return { ok: false, stdout: '', error: e.render() };
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
