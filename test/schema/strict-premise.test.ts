/**
 * The premise of strict unknown-field detection, checked for every definition kubernetes-models
 * carries: a compiled validator reads exactly the fields its schema declares. The reference is
 * independent of the validators: the TypeScript declarations generated beside them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { track } from '../../src/analysis/schema/strict.js';

const load = createRequire(import.meta.url);

interface Definition {
  name: string;
  validate: (data: unknown) => boolean;
  declared: Set<string>;
}

/** The package's directory; ES-module-only packages export no `require` entry, so look it up. */
function packageRoot(pkg: string): string {
  try {
    return dirname(load.resolve(pkg));
  } catch {
    for (const base of load.resolve.paths(pkg) ?? []) if (existsSync(join(base, pkg, 'package.json'))) return join(base, pkg);
    throw new Error(`${pkg} is not installed`);
  }
}

function definitions(pkg: string): Definition[] {
  const root = packageRoot(pkg);
  const out: Definition[] = [];
  for (const group of readdirSync(root)) {
    const groupDir = join(root, group);
    if (group.startsWith('_') || !statSync(groupDir).isDirectory()) continue;
    const versions = /^v\d/.test(group) ? [''] : readdirSync(groupDir).filter((v) => /^v\d/.test(v));
    for (const version of versions) {
      const dir = version ? join(groupDir, version) : groupDir;
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'index.js')) {
        const source = readFileSync(join(dir, file), 'utf8');
        const ref = /(?:require\(|from\s*)"((?:\.\.\/)+_schemas\/[A-Za-z0-9]+\.js)"/.exec(source);
        const dts = join(dir, file.replace(/\.js$/, '.d.ts'));
        if (!ref || !existsSync(dts)) continue;
        const iface = /export interface I\w+ \{\n([\s\S]*?)\n\}/.exec(readFileSync(dts, 'utf8'));
        if (!iface) continue;
        const declared = new Set([...iface[1]!.matchAll(/^ {4}"([^"]+)"\??:/gm)].map((m) => m[1]!));
        const mod = load(join(dir, ref[1]!)) as { validate: Definition['validate'] };
        out.push({ name: `${group}/${version ? `${version}/` : ''}${file.replace(/\.js$/, '')}`, validate: mod.validate, declared });
      }
    }
  }
  return out;
}

function mismatchesOf(defs: Definition[]): { mismatches: string[]; maps: number } {
  const mismatches: string[] = [];
  let maps = 0;
  for (const d of defs) {
    const run = track(Object.create(null));
    d.validate(run.view);
    const reads = [...run.reads.values()][0]!;
    if (reads.enumerated) {
      maps++;
      continue;
    }
    const expected = [...d.declared].filter((k) => k !== 'description' && !k.startsWith('x-kubernetes-')).sort();
    const read = [...reads.keys].sort();
    if (JSON.stringify(read) !== JSON.stringify(expected)) mismatches.push(`${d.name}: read ${read.join(',')} declared ${expected.join(',')}`);
  }
  return { mismatches, maps };
}

describe('compiled validators read exactly the fields their schema declares', () => {
  const defs = definitions('kubernetes-models');

  it('covers the whole package', () => {
    expect(defs.length).toBeGreaterThan(600);
  });

  for (const pkg of [
    '@kubernetes-models/prometheus-operator',
    '@kubernetes-models/cert-manager',
    '@kubernetes-models/external-secrets',
    '@kubernetes-models/argo-cd',
    '@kubernetes-models/flux-cd',
    '@kubernetes-models/keda',
  ]) {
    it(`${pkg}: every kind, at its top level`, () => {
      const own = definitions(pkg);
      expect(own.length).toBeGreaterThan(0);
      expect(mismatchesOf(own).mismatches).toEqual([]);
    });
  }

  it('for every definition (except the fields the generator dropped, accepted by name)', () => {
    const { mismatches, maps } = mismatchesOf(defs);
    expect(mismatches).toEqual([]);
    expect(maps).toBeLessThan(defs.length / 10);
  });
});
