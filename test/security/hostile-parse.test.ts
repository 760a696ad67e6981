/**
 * Hostile YAML and kustomization trees run through the real CLI under time and heap bounds:
 * each must end by itself with exit 0, 1 or 2, errors must name file and line, and no stack
 * trace may be printed.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/hostile.js';
import { limits } from '../../src/core/limits.js';

const root = mkdtempSync(join(tmpdir(), 'prodgate-hostile-parse-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('hostile YAML through the CLI', () => {
  it('refuses a megabyte scalar aliased 2,000 times quickly, with file and line', () => {
    const refs = Array.from({ length: 2000 }, (_, i) => `  k${i}: *big`).join('\n');
    const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\nbig: &big "${'x'.repeat(1024 * 1024)}"\ndata:\n${refs}\n`;
    const dir = tree('alias-bytes', {
      'kustomization.yaml': 'resources:\n- cm.yaml\n',
      'cm.yaml': manifest,
    });
    for (const command of ['build', 'check']) {
      const r = runCli([command, dir], { timeoutMs: 10_000, maxHeapMb: 512 });
      expect(r.timedOut).toBe(false);
      expect(r.status).toBe(2);
      expect(r.ms).toBeLessThan(5_000);
      expect(r.stderr).toMatch(/cm\.yaml:\d+(:\d+)?: .*alias bomb refused/);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
  });

  /** A chain of `depth` kustomizations, each including the next; the last holds one ConfigMap. */
  function chain(name: string, depth: number): string {
    const files: Record<string, string> = {};
    for (let i = 0; i < depth; i++) {
      files[`k${i}/kustomization.yaml`] = i < depth - 1 ? `resources:\n- ../k${i + 1}\n` : 'resources:\n- cm.yaml\n';
    }
    files[`k${depth - 1}/cm.yaml`] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n';
    return join(tree(name, files), 'k0');
  }

  it('renders kustomizations nested to the depth limit', () => {
    const r = runCli(['build', chain('chain-ok', limits.maxKustomizationDepth)], { timeoutMs: 30_000, maxHeapMb: 512 });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('name: deep');
  });

  it('refuses a 5,000-deep kustomization chain with the line that goes too deep, not a stack overflow', () => {
    const r = runCli(['build', chain('chain-deep', 5000)], { timeoutMs: 30_000, maxHeapMb: 512 });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`k${limits.maxKustomizationDepth - 1}/kustomization\\.yaml:2(:\\d+)?: kustomizations nested more than ${limits.maxKustomizationDepth} deep`));
    expect(r.stderr).not.toMatch(/call stack|internal error/i);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('names the kustomization line whose resources entry is a symlink loop', () => {
    for (const field of ['resources', 'components']) {
      const dir = tree(`symlink-loop-${field}`, { 'kustomization.yaml': `${field}:\n- a\n` });
      symlinkSync('a', join(dir, 'b'));
      symlinkSync('b', join(dir, 'a'));
      const r = runCli(['build', dir], { timeoutMs: 10_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/kustomization\.yaml:2(:\d+)?: too many levels of symbolic links/);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
  });

  it('checks a 5 MB binary generator file without overflowing the schema validator', () => {
    const dir = tree('binary-generator', { 'kustomization.yaml': 'configMapGenerator:\n- name: blob\n  files:\n  - blob.bin\n' });
    // Bytes that are not UTF-8, so the file becomes binaryData (base64, a `byte` field).
    const blob = Buffer.alloc(5_000_000);
    for (let i = 0; i < blob.length; i++) blob[i] = (i * 7919 + (i >> 8)) & 0xff;
    writeFileSync(join(dir, 'blob.bin'), blob);
    const r = runCli(['check', dir, '--rule', 'schema-valid'], { timeoutMs: 20_000, maxHeapMb: 512 });
    expect(r.stderr).not.toMatch(/internal error|call stack/i);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(0);
  });

  it('refuses a crafted 13 MB .git/index whose paths grow quadratically, instead of running out of memory', () => {
    const dir = tree('git-index', { 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' });
    // Version 4: each entry keeps the whole previous path (strip 0) and adds one character.
    const entries = 200_000;
    const entry = Buffer.concat([Buffer.alloc(60), Buffer.from([0, 1, 0]), Buffer.from('a\0')]);
    const header = Buffer.alloc(12);
    header.write('DIRC', 0, 'latin1');
    header.writeUInt32BE(4, 4);
    header.writeUInt32BE(entries, 8);
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'index'), Buffer.concat([header, ...Array.from({ length: entries }, () => entry)]));
    const r = runCli(['check', join(dir, 'app')], { timeoutMs: 30_000, maxHeapMb: 256 });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\.git\/index:1: Git index holds a path longer than 4096 characters/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('refuses a one-million-key mapping before parsing it, with file and line, in bounded memory', () => {
    const keys = Array.from({ length: 1_000_000 }, (_, i) => `  k${i}: v`).join('\n');
    const dir = tree('million-keys', { 'cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${keys}\n` });
    const r = runCli(['check', join(dir, 'cm.yaml')], { timeoutMs: 20_000, maxHeapMb: 384 });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(2);
    // 8 scalars in the first 5 lines, then 2 a line: the 500,001st is on line 250,002.
    expect(r.stderr).toMatch(new RegExp(`cm\\.yaml:250002: more than ${limits.maxNodesPerFile} YAML keys and values in one file`));
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});
