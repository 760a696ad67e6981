/**
 * The oracle: `kubectl kustomize` (Kustomize v5.5.0). Differential tests compare prodgate's
 * output with its answers byte for byte; nothing expected is written by hand. The answers are
 * recorded beside each fixture (and in `*.oracle.json` files for the example estates) so the
 * tests need no kubectl; `npm run conformance:live` asks the oracle again and reports drift.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { build } from '../../src/kustomize/index.js';
import { emitStream } from '../../src/yaml/emit.js';
import { isUserError } from '../../src/core/errors.js';

export interface RenderOutcome {
  ok: boolean;
  stdout: string;
  /** Error text (oracle stderr, or our UserError rendering). */
  error: string;
  /** Where our UserError points, when it has a location. */
  location?: { file: string; line: number };
  /** Deprecation warnings (`# Warning: …` lines) of a successful render. */
  warnings?: string[];
}

/** The live oracle, for tools that explore (the fuzzer); tests read recorded answers instead. */
export function runOracle(dir: string, args: string[] = []): RenderOutcome {
  const r = spawnSync('kubectl', ['kustomize', dir, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { ok: r.status === 0, stdout: r.stdout ?? '', error: r.stderr ?? String(r.error ?? '') };
}

export function runOurs(dir: string, args: string[] = []): RenderOutcome {
  const none = args.join(' ').includes('LoadRestrictionsNone');
  try {
    const reorderNone = args.join(' ').includes('--reorder none');
    const result = build(dir, { loadRestrictor: none ? 'none' : 'rootOnly', reorder: reorderNone ? 'none' : 'legacy' });
    return { ok: true, stdout: emitStream(result.resources.map((r) => r.body)), error: '', warnings: result.warnings };
  } catch (e) {
    if (isUserError(e)) return { ok: false, stdout: '', error: e.render(), location: e.location };
    throw e;
  }
}

export const fixtureRoot = join(import.meta.dirname, '..', 'fixtures', 'kustomize');
export const repoRoot = join(import.meta.dirname, '..', '..');

export interface FixtureCase {
  name: string;
  /** Directory passed to the build (the case root or `case.json`'s `dir`). */
  dir: string;
  args: string[];
}

/** Every fixture under `root`: a directory holding a kustomization, or a `case.json` naming one. */
export function listFixtures(root: string = fixtureRoot): FixtureCase[] {
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

/** What the oracle answered for one tree. Paths in it are relative to the case's root. */
export type OracleRecord =
  | { ok: true; stdout: string; warnings: string[] }
  | { ok: false; status: number; file: string | null; message: string; warnings: string[] };

/** The files holding a fixture's recorded answer; they are never read by a build. */
export const recordFiles = { render: 'expected.yaml', error: 'expected-error.txt', warnings: 'expected-warnings.txt' } as const;
export const isRecordFile = (name: string): boolean => (Object.values(recordFiles) as string[]).includes(name);

function hint(name: string): string {
  return `record it with: npm run conformance:live -- --write --only '${name}'`;
}

/** The recorded answer for a fixture; a fixture without one fails the test that asks. */
export function recordedFixture(c: FixtureCase, root: string = fixtureRoot): OracleRecord {
  const dir = join(root, c.name);
  const at = (f: string) => join(dir, f);
  const warnings = existsSync(at(recordFiles.warnings)) ? readFileSync(at(recordFiles.warnings), 'utf8').split('\n').filter(Boolean) : [];
  if (existsSync(at(recordFiles.render))) return { ok: true, stdout: readFileSync(at(recordFiles.render), 'utf8'), warnings };
  if (existsSync(at(recordFiles.error))) return { ...parseErrorRecord(readFileSync(at(recordFiles.error), 'utf8'), at(recordFiles.error)), warnings };
  throw new Error(`fixture ${c.name} has no recorded oracle answer (${recordFiles.render} or ${recordFiles.error}); ${hint(c.name)}`);
}

/** Writes a fixture's answer, removing the files of a previous answer of the other kind. */
export function writeFixtureRecord(c: FixtureCase, rec: OracleRecord, root: string = fixtureRoot): void {
  const dir = join(root, c.name);
  for (const f of Object.values(recordFiles)) rmSync(join(dir, f), { force: true });
  if (rec.ok) writeFileSync(join(dir, recordFiles.render), rec.stdout);
  else writeFileSync(join(dir, recordFiles.error), formatErrorRecord(rec));
  if (rec.warnings.length > 0) writeFileSync(join(dir, recordFiles.warnings), rec.warnings.join('\n') + '\n');
}

/**
 * `expected-error.txt`: three `key: value` lines. Only `status` and `file` are facts the
 * differential test relies on (kustomize failed; which file it blamed, `-` when its message
 * names none); `message` is kustomize's first line, for people and for drift reports.
 */
export function formatErrorRecord(rec: Extract<OracleRecord, { ok: false }>): string {
  return `status: ${rec.status}\nfile: ${rec.file ?? '-'}\nmessage: ${rec.message}\n`;
}

export function parseErrorRecord(text: string, where: string): Omit<Extract<OracleRecord, { ok: false }>, 'warnings'> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(status|file|message): ?(.*)$/.exec(line);
    if (m) fields.set(m[1]!, m[2]!);
  }
  const status = Number(fields.get('status'));
  if (!Number.isInteger(status) || status === 0 || !fields.has('file')) throw new Error(`${where}: expected "status: N" (N > 0) and "file: PATH|-" lines`);
  const file = fields.get('file')!;
  return { ok: false, status, file: file === '-' ? null : file, message: fields.get('message') ?? '' };
}

/** Example estates: every kustomization directory under `examples/`, relative to the repository. */
export function exampleDirs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'kustomization.yaml') out.push(relative(repoRoot, dir));
    }
  };
  walk(join(repoRoot, 'examples'));
  return out;
}

/** Recorded answers for the example estates, keyed by directory relative to the repository. */
export const examplesRecordFile = join(repoRoot, 'test', 'kustomize', 'examples.oracle.json');

export function readRecordSet(file: string): Record<string, OracleRecord> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, OracleRecord>) : {};
}

export function writeRecordSet(file: string, records: Record<string, OracleRecord>): void {
  const sorted = Object.fromEntries(Object.entries(records).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(file, JSON.stringify(sorted, null, 1) + '\n');
}

export function recordedExample(dir: string): OracleRecord {
  const rec = readRecordSet(examplesRecordFile)[dir];
  if (!rec) throw new Error(`example ${dir} has no recorded oracle answer in ${relative(repoRoot, examplesRecordFile)}; ${hint(dir)}`);
  return rec;
}

/**
 * Asks `kubectl kustomize` and turns its answer into a record that does not depend on this
 * machine: absolute paths under `root` become relative, kubectl's log prefix (time, pid) goes.
 */
export function askOracle(dir: string, args: string[], root: string): Promise<OracleRecord> {
  return new Promise((done, fail) => {
    execFile('kubectl', ['kustomize', dir, ...args], { encoding: 'buffer', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 }, (err, out, errOut) => {
      const stdout = out.toString('utf8');
      const stderr = errOut.toString('utf8');
      // Records are text: output that is not valid UTF-8 could not be recorded byte for byte.
      if (!Buffer.from(stdout, 'utf8').equals(out)) return fail(new Error(`kubectl kustomize ${dir}: output is not valid UTF-8`));
      const warnings = stderr.split('\n').filter((l) => l.startsWith('# Warning'));
      if (!err) return done({ ok: true, stdout, warnings });
      const e = err as NodeJS.ErrnoException & { code?: unknown; killed?: boolean };
      // Not an answer: kubectl missing, killed by the timeout, or output too large.
      if (typeof e.code !== 'number') return fail(new Error(`kubectl kustomize ${dir}: ${e.message}`));
      // Go prints some values with their heap address, which changes from run to run.
      const message = relativePaths(oracleMessage(stderr), root).replace(/\b0x[0-9a-f]{8,}\b/g, '0x…');
      done({ ok: false, status: e.code, file: namedFile(message, root, dir), message, warnings });
    });
  });
}

/** The first line of kubectl's error message, without its log prefix. */
export function oracleMessage(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('# Warning'));
  for (let i = 0; i < lines.length; i++) {
    const quoted = /\berr="((?:[^"\\]|\\.)*)"/.exec(lines[i]!);
    if (quoted) return unquoteGo(quoted[1]!).split('\n')[0]!.trim();
    // A multi-line error: `err=<` then the message, tab-indented, up to a closing `>`.
    if (/\berr=<\s*$/.test(lines[i]!)) return (lines[i + 1] ?? '').trim();
  }
  return (lines[0] ?? '').replace(/^error: /, '').trim();
}

function unquoteGo(s: string): string {
  try {
    return JSON.parse(`"${s.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')}"`) as string;
  } catch {
    return s;
  }
}

function relativePaths(message: string, root: string): string {
  const abs = resolve(root);
  return message.split(`${abs}/`).join('').split(abs).join('.');
}

/**
 * The file kustomize's message names, relative to the case root: the first quoted or bare
 * path-like token that is a file under the case root or the build directory (kustomize quotes
 * some paths, not others, and writes them from either), `null` when there is none.
 */
function namedFile(message: string, root: string, dir: string): string | null {
  const base = resolve(root);
  for (const m of message.matchAll(/[\w./~-]*[\w~-]+\.(?:ya?ml|json|txt|env|properties|conf)\b|'([^']+)'/g)) {
    const token = m[1] ?? m[0];
    if (!token || isAbsolute(token)) continue;
    for (const from of [base, resolve(dir)]) {
      const p = resolve(from, token);
      if ((p === base || p.startsWith(`${base}/`)) && existsSync(p) && statSync(p).isFile()) return relative(base, p);
    }
  }
  return null;
}
