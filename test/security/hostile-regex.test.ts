import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { STACK_TRACE, runCli } from '../helpers/hostile.js';

/** 60 ConfigMaps named a…a (no `b`/`c`: every backtracking attempt fails) and a patch target `name`. */
function tree(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'prodgate-regex-'));
  const docs = Array.from({ length: 60 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${'a'.repeat(30)}x${i}\n`);
  writeFileSync(join(dir, 'cm.yaml'), docs.join('---\n'));
  const k = `resources:\n- cm.yaml\npatches:\n- target:\n    name: ${JSON.stringify(name)}\n  patch: |-\n    - op: add\n      path: /data\n      value: {}\n`;
  writeFileSync(join(dir, 'kustomization.yaml'), k);
  return dir;
}

describe('hostile patch target regular expressions', () => {
  for (const name of [`(a|aa)*c`, `a*a*a*a*a*a*b`, `(a+)+c`]) {
    it(`${name} over 60 objects runs in linear time`, () => {
      const dir = tree(name);
      build(dir); // loads the engine once
      const started = performance.now();
      build(dir);
      expect(performance.now() - started).toBeLessThan(500);
      const r = runCli(['build', dir], { timeoutMs: 15_000, maxHeapMb: 256 });
      expect(r.timedOut).toBe(false);
      expect(r.status).toBe(0);
    });
  }

  it('a backreference is rejected with the kustomization line, as kustomize rejects it', () => {
    const r = runCli(['build', tree('(a)\\1')], { timeoutMs: 15_000, maxHeapMb: 256 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/kustomization\.yaml:\d+/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('the RE2 engine loads lazily', () => {
  it('an engine that cannot load is a clear located error, only when a pattern is needed', async () => {
    const { setRegexEngineLoader } = await import('../../src/core/regex.js');
    setRegexEngineLoader(() => {
      throw new Error('WebAssembly.Instance(): Out of memory');
    });
    try {
      expect(() => build(tree('a+x1'))).toThrow(/cannot load the regular expression engine.*Out of memory/);
      const dir = tree('unused');
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n- cm.yaml\n');
      expect(build(dir).resources.length).toBe(60);
    } finally {
      const { createRequire } = await import('node:module');
      setRegexEngineLoader(() => createRequire(import.meta.url)('re2-wasm').RE2);
    }
  });
});
