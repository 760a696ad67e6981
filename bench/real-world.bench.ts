/**
 * Per-process wall time of `prodgate build` against `kubectl kustomize` on real kustomization
 * roots, side by side in one run: each root is rendered by both (outputs compared first, only
 * agreeing roots are timed), alternating which goes first, best of three per tool and root.
 * Also the CLI's start-up: `prodgate --version` and `prodgate build` of a one-object tree.
 *
 *   npm run build && node --import tsx/esm bench/real-world.bench.ts DIR [DIR…]
 *
 * DIRs are checkouts of public repositories (not part of this repository); every directory
 * holding a kustomization file below them is a root.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repo, 'dist', 'cli', 'bin.js');
const KFILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

function roots(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (KFILES.has(e.name)) out.push(d);
    }
  };
  walk(dir);
  return out.sort();
}

function timed(cmd: string, args: string[]): { ms: number; status: number | null; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 120_000 });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status, stdout: r.stdout ?? '' };
}

const oracle = (d: string) => timed('kubectl', ['kustomize', d]);
const ours = (d: string) => timed(process.execPath, [cli, 'build', d]);

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!;
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  // `npm run bench` runs every benchmark without arguments: say why this one measured nothing.
  console.log('not measured: give checkouts of repositories with kustomizations (real-world.bench.ts DIR [DIR…])');
  process.exit(0);
}

const ratios: number[] = [];
const oursMs: number[] = [];
const oracleMs: number[] = [];
let skipped = 0;
for (const d of dirs.flatMap(roots)) {
  const a = oracle(d);
  const b = ours(d);
  const agree = a.status === 0 ? b.status === 0 && a.stdout === b.stdout : b.status !== 0;
  if (!agree || a.status !== 0) {
    skipped++; // failing renders or differences are not timed
    continue;
  }
  let bestA = Infinity;
  let bestB = Infinity;
  for (let i = 0; i < 3; i++) {
    if (i % 2 === 0) {
      bestA = Math.min(bestA, oracle(d).ms);
      bestB = Math.min(bestB, ours(d).ms);
    } else {
      bestB = Math.min(bestB, ours(d).ms);
      bestA = Math.min(bestA, oracle(d).ms);
    }
  }
  oracleMs.push(bestA);
  oursMs.push(bestB);
  ratios.push(bestB / bestA);
}

const fmt = (x: number) => `${x.toFixed(0)} ms`;
console.log(`${ratios.length} roots timed (${skipped} not: failing in kustomize too, or different)`);
console.log(`kubectl kustomize  median ${fmt(quantile(oracleMs, 0.5))}  p90 ${fmt(quantile(oracleMs, 0.9))}`);
console.log(`prodgate build     median ${fmt(quantile(oursMs, 0.5))}  p90 ${fmt(quantile(oursMs, 0.9))}`);
console.log(`ratio prodgate/kubectl per root: median ${quantile(ratios, 0.5).toFixed(2)}  p90 ${quantile(ratios, 0.9).toFixed(2)}`);

// Start-up: what a user waits for before any work.
const tiny = mkdtempSync(path.join(tmpdir(), 'prodgate-startup-'));
writeFileSync(path.join(tiny, 'kustomization.yaml'), 'resources: [cm.yaml]\n');
writeFileSync(path.join(tiny, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n');
const best = (f: () => { ms: number }) => Math.min(...Array.from({ length: 5 }, () => f().ms));
console.log(`start-up: prodgate --version ${fmt(best(() => timed(process.execPath, [cli, '--version'])))}, ` +
  `prodgate build (1 object) ${fmt(best(() => ours(tiny)))}, kubectl kustomize (1 object) ${fmt(best(() => oracle(tiny)))}, ` +
  `node -e 0 ${fmt(best(() => timed(process.execPath, ['-e', '0'])))}`);
