/**
 * Re-asks the oracle (`kubectl kustomize`) for every recorded conformance case — the fixtures
 * under test/fixtures/kustomize and the example estates — and reports drift between its answers
 * and the records the tests compare against.
 *
 *   npm run conformance:live                         # exit 1 when any answer drifted
 *   npm run conformance:live -- --write              # rewrite the records from the oracle
 *   npm run conformance:live -- --only 'regex-*'     # only these cases (repeatable; * is a wildcard,
 *                                                    # a pattern without * matches names containing it)
 *   npm run conformance:live -- --jobs 4             # oracle processes at once (default: cores + 1)
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  askOracle,
  exampleDirs,
  examplesRecordFile,
  fixtureRoot,
  formatErrorRecord,
  listFixtures,
  readRecordSet,
  recordedFixture,
  repoRoot,
  writeFixtureRecord,
  writeRecordSet,
  type OracleRecord,
} from '../test/helpers/oracle.js';

interface Case {
  name: string;
  dir: string;
  args: string[];
  /** Paths in the oracle's message are written relative to this. */
  root: string;
  recorded(): OracleRecord | undefined;
  write(rec: OracleRecord): void;
}

function usage(message: string): never {
  process.stderr.write(`error: ${message}\nusage: conformance-live [--write] [--only PATTERN]… [--jobs N]\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
let write = false;
let jobs = availableParallelism() + 1;
const only: RegExp[] = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === '--write') write = true;
  else if (a === '--only' || a === '--jobs') {
    const v = argv[++i];
    if (v === undefined) usage(`${a} needs a value`);
    if (a === '--jobs') {
      jobs = Number(v);
      if (!Number.isInteger(jobs) || jobs < 1) usage('--jobs needs a positive whole number');
    } else {
      const body = v.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
      only.push(new RegExp(v.includes('*') ? `^${body}$` : body));
    }
  } else usage(`unknown argument ${a}`);
}

const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
if (probe.status !== 0) {
  process.stderr.write('error: kubectl is not available; the live oracle needs kubectl with Kustomize v5.5.0\n');
  process.exit(2);
}
const kustomizeVersion = /Kustomize Version: (\S+)/.exec(probe.stdout)?.[1] ?? 'unknown';

const examples = readRecordSet(examplesRecordFile);
const all: Case[] = [
  ...listFixtures().map((c) => ({
    name: c.name,
    dir: c.dir,
    args: c.args,
    root: join(fixtureRoot, c.name),
    recorded: () => {
      try {
        return recordedFixture(c);
      } catch {
        return undefined;
      }
    },
    write: (rec: OracleRecord) => writeFixtureRecord(c, rec),
  })),
  ...exampleDirs().map((dir) => ({
    name: dir,
    dir: join(repoRoot, dir),
    args: [],
    root: repoRoot,
    recorded: () => examples[dir],
    write: (rec: OracleRecord) => {
      examples[dir] = rec;
    },
  })),
];
const cases = only.length ? all.filter((c) => only.some((re) => re.test(c.name))) : all;
if (cases.length === 0) usage('no case matches --only');

/** A few lines around the first difference, so a drift report stays short. */
function shortDiff(was: string, now: string): string {
  const a = was.trimEnd().split('\n');
  const b = now.trimEnd().split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const out = [`  first difference at line ${i + 1}:`];
  for (const l of a.slice(i, i + 3)) out.push(`  - ${l}`);
  for (const l of b.slice(i, i + 3)) out.push(`  + ${l}`);
  return out.join('\n');
}

function describe(rec: OracleRecord): string {
  return rec.ok ? `rendered ${rec.stdout.length} bytes` : `failed: ${formatErrorRecord(rec).trim().replace(/\n/g, '; ')}`;
}

function drift(was: OracleRecord | undefined, now: OracleRecord): string | undefined {
  if (!was) return `  no record; the oracle ${describe(now)}`;
  if (was.ok !== now.ok) return `  recorded: ${describe(was)}\n  oracle:   ${describe(now)}`;
  if (was.ok && now.ok && was.stdout !== now.stdout) return shortDiff(was.stdout, now.stdout);
  // The message is for people and is not compared: kustomize words some of its messages
  // differently from one run to the next.
  if (!was.ok && !now.ok && (was.status !== now.status || was.file !== now.file)) return shortDiff(formatErrorRecord(was), formatErrorRecord(now));
  if (was.warnings.join('\n') !== now.warnings.join('\n')) return `  warnings:\n${shortDiff(was.warnings.join('\n'), now.warnings.join('\n'))}`;
  return undefined;
}

const started = performance.now();
const drifted: string[] = [];
const failures: string[] = [];
let next = 0;
async function worker(): Promise<void> {
  while (next < cases.length) {
    const c = cases[next++]!;
    let now: OracleRecord;
    try {
      now = await askOracle(c.dir, c.args, c.root);
    } catch (e) {
      failures.push(`${c.name}: ${(e as Error).message}`);
      continue;
    }
    const d = drift(c.recorded(), now);
    if (d === undefined) continue;
    drifted.push(`${c.name}\n${d}`);
    if (write) c.write(now);
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, cases.length) }, worker));

// Example records whose directory is gone are drift too (only when every case was asked).
if (!only.length) {
  const live = new Set(exampleDirs());
  for (const key of Object.keys(examples)) {
    if (live.has(key)) continue;
    drifted.push(`${key}\n  recorded, but no such kustomization any more`);
    delete examples[key];
  }
}
if (write) writeRecordSet(examplesRecordFile, examples);

drifted.sort();
for (const d of drifted) process.stdout.write(`${write ? 'recorded' : 'DRIFT'} ${d}\n`);
for (const f of failures) process.stderr.write(`error: ${f}\n`);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `${cases.length} cases asked of kubectl kustomize (Kustomize ${kustomizeVersion}) in ${seconds} s, ${jobs} at a time: ` +
    `${write ? `${drifted.length} records written` : `${drifted.length} drifted`}${failures.length ? `, ${failures.length} could not be asked` : ''}\n`,
);
process.exitCode = failures.length ? 2 : drifted.length && !write ? 1 : 0;
