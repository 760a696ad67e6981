/**
 * Differential fuzzing of the kustomize renderer: writes random small kustomize trees into a
 * temporary directory, renders each with prodgate and with `kubectl kustomize` (the oracle),
 * and reports every tree where the two disagree (output bytes, or one failing and not the
 * other). Not part of `npm test`.
 *
 *   npx tsx scripts/fuzz-kustomize.ts [--count 200] [--seconds 120] [--seed 1] [--keep DIR]
 *
 * Disagreeing trees are copied to `--keep` (default: a `fuzz-failures` directory under the
 * temporary directory) so they can be turned into fixtures.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runOracle, runOurs } from '../test/helpers/oracle.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const count = Number(option('count', '200'));
const seconds = Number(option('seconds', '120'));
let seed = Number(option('seed', String(Date.now() % 100000)));
const work = mkdtempSync(join(tmpdir(), 'prodgate-fuzz-'));
const keep = option('keep', join(work, 'fuzz-failures'));

/** mulberry32: a small seeded generator, so a reported seed reproduces its trees. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (p: number): boolean => random() < p;

/** Scalars whose reading differs between YAML dialects, quoting rules or JSON round trips. */
const SCALARS = [
  'v', '1', '1.50', '0x1F', '010', '0o17', '1e3', '12345678.9', '1234567', 'true', 'True', 'yes', 'no', 'on',
  '~', 'null', '', '"1.50"', "'0x1F'", '"true"', '2001-12-14', '1:20', '-0.0', '.5', '+12', '1_000', '"a: b"',
  "'#x'", '"y"', 'Y', 'n', '"multi\\nline"', '18446744073709551616', '9223372036854775808',
];
const KEYS = ['a', 'b', 'k', 'x', 'app', 'tier', 'z.io/n', 'on', 'y'];
const scalar = (): string => pick(SCALARS);
const key = (): string => pick(KEYS);

function mapLines(indent: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += `${indent}${key()}: ${scalar()}\n`;
  return out;
}

function configMap(name: string): string {
  let s = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
  if (chance(0.5)) s += `  labels:\n${mapLines('    ', 1 + Math.floor(random() * 3))}`;
  if (chance(0.6)) s += `  annotations:\n${mapLines('    ', 1 + Math.floor(random() * 3))}`;
  if (chance(0.7)) s += `data:\n${mapLines('  ', 1 + Math.floor(random() * 3))}`;
  return s;
}

function deployment(name: string): string {
  let s = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n`;
  if (chance(0.5)) s += `  annotations:\n${mapLines('    ', 1 + Math.floor(random() * 2))}`;
  s += `spec:\n  replicas: ${pick(['1', '2', '"3"'])}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n`;
  s += `    spec:\n      containers:\n      - name: main\n        image: nginx:${pick(['1.0', '1.25', 'latest'])}\n`;
  if (chance(0.5)) s += `        env:\n        - name: E\n          value: ${scalar()}\n`;
  return s;
}

function smpPatch(kind: 'ConfigMap' | 'Deployment', name: string, indent: string): string {
  const apiVersion = kind === 'ConfigMap' ? 'v1' : 'apps/v1';
  let s = `${indent}apiVersion: ${apiVersion}\n${indent}kind: ${kind}\n${indent}metadata:\n${indent}  name: ${name}\n`;
  if (chance(0.6)) s += `${indent}  annotations:\n${mapLines(indent + '    ', 1 + Math.floor(random() * 3))}`;
  if (chance(0.4)) s += `${indent}  labels:\n${mapLines(indent + '    ', 1 + Math.floor(random() * 2))}`;
  if (kind === 'ConfigMap' && chance(0.5)) s += `${indent}data:\n${mapLines(indent + '  ', 1 + Math.floor(random() * 3))}`;
  if (kind === 'Deployment' && chance(0.5)) {
    s += `${indent}spec:\n${indent}  template:\n${indent}    spec:\n${indent}      containers:\n${indent}      - name: main\n`;
    s += `${indent}        env:\n${indent}        - name: ${pick(['E', 'F'])}\n${indent}          value: ${scalar()}\n`;
  }
  return s;
}

function jsonPatch(indent: string): string {
  let s = '';
  const n = 1 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) {
    const path = pick(['/metadata/annotations/j', '/metadata/labels/j', '/data/j', '/metadata/annotations', '/data']);
    const op = pick(['add', 'replace', 'remove']);
    s += `${indent}- op: ${op}\n${indent}  path: ${path}\n`;
    if (op !== 'remove') s += path.endsWith('j') ? `${indent}  value: ${scalar()}\n` : `${indent}  value: {${key()}: ${scalar()}}\n`;
  }
  return s;
}

/** One random tree: a base with resources, and sometimes an overlay patching it. */
function generateTree(dir: string): { dir: string } {
  const names = ['c', 'd'];
  const files: Record<string, string> = {};
  files['base/cm.yaml'] = configMap('c');
  files['base/deploy.yaml'] = deployment('d');
  let k = 'resources:\n- cm.yaml\n- deploy.yaml\n';
  const fields: string[] = [];
  if (chance(0.3)) fields.push(`namePrefix: ${pick(['p-', 'x-'])}\n`);
  if (chance(0.3)) fields.push(`namespace: ${pick(['ns1', 'prod'])}\n`);
  if (chance(0.3)) fields.push(`commonAnnotations:\n${mapLines('  ', 1).replace(/: (.*)$/m, ': "$1"')}`);
  if (chance(0.3)) fields.push(`labels:\n- pairs:\n    env: ${pick(['prod', 'dev', '"1"'])}\n`);
  if (chance(0.3)) fields.push(`configMapGenerator:\n- name: g\n  literals:\n  - ${key().replace(/\W/g, '')}=${pick(['1.50', 'true', 'x', '0x1F'])}\n`);
  const patches: string[] = [];
  const patchCount = Math.floor(random() * 4);
  for (let i = 0; i < patchCount; i++) {
    const kind = pick(['ConfigMap', 'Deployment'] as const);
    const name = kind === 'ConfigMap' ? names[0]! : names[1]!;
    const style = pick(['smp', 'json', 'psm', 'smpfile']);
    if (style === 'smp') patches.push(`- patch: |-\n${smpPatch(kind, name, '    ')}`);
    else if (style === 'json') patches.push(`- target: {kind: ${kind}}\n  patch: |-\n${jsonPatch('    ')}`);
    else if (style === 'smpfile') {
      files[`base/p${i}.yaml`] = smpPatch(kind, name, '');
      patches.push(`- path: p${i}.yaml\n`);
    } else fields.push(`patchesStrategicMerge:\n- |-\n${smpPatch(kind, name, '  ')}`);
  }
  if (patches.length) fields.push(`patches:\n${patches.join('')}`);
  // A field given twice would make the kustomization itself invalid; keep the last of each.
  const seen = new Map<string, string>();
  for (const f of fields) seen.set(f.slice(0, f.indexOf(':')), f);
  k += [...seen.values()].join('');
  files['base/kustomization.yaml'] = k;
  let root = 'base';
  if (chance(0.4)) {
    root = 'overlay';
    let o = 'resources:\n- ../base\n';
    if (chance(0.7)) o += `patches:\n- target: {kind: ConfigMap}\n  patch: |-\n${jsonPatch('    ')}`;
    else o += `patches:\n- patch: |-\n${smpPatch('ConfigMap', 'c', '    ')}`;
    files['overlay/kustomization.yaml'] = o;
  }
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir: join(dir, root) };
}

const started = Date.now();
let compared = 0;
let bothFailed = 0;
const failures: string[] = [];
const startSeed = seed;
for (let i = 0; i < count && Date.now() - started < seconds * 1000; i++) {
  const caseSeed = seed;
  const dir = join(work, `case-${i}`);
  const tree = generateTree(dir);
  const oracle = runOracle(tree.dir);
  let ours;
  try {
    ours = runOurs(tree.dir);
  } catch (e) {
    ours = { ok: false, stdout: '', error: `CRASH ${(e as Error).stack ?? e}` };
  }
  compared++;
  const crashed = ours.error.startsWith('CRASH');
  const same = !crashed && oracle.ok === ours.ok && (!oracle.ok || oracle.stdout === ours.stdout);
  if (!oracle.ok && !ours.ok && !crashed) bothFailed++;
  if (same) {
    rmSync(dir, { recursive: true, force: true });
    continue;
  }
  const name = `case-${i}-seed-${caseSeed}`;
  cpSync(dir, join(keep, name), { recursive: true });
  failures.push(name);
  console.log(`DIFF ${name}: oracle ${oracle.ok ? 'rendered' : 'failed'}, prodgate ${ours.ok ? 'rendered' : crashed ? 'crashed' : 'failed'}`);
  if (process.env.FUZZ_VERBOSE) {
    console.log('--- oracle\n' + (oracle.ok ? oracle.stdout : oracle.error));
    console.log('--- prodgate\n' + (ours.ok ? ours.stdout : ours.error));
  }
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `${compared} trees compared in ${Math.round((Date.now() - started) / 1000)} s (seed ${startSeed}): ` +
    `${compared - failures.length} agreed (${bothFailed} failing in both), ${failures.length} disagreed` +
    (failures.length ? `; kept in ${keep}` : ''),
);
process.exitCode = failures.length ? 1 : 0;
