/**
 * Output files never overwrite the run's inputs: `-o`, `--report FORMAT=FILE` and
 * `--write-baseline` pointing at a manifest, a kustomization, a file the kustomization reads, a
 * config file or the baseline being read are refused with exit 2 naming the path, and the input
 * is left as it was.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/hostile.js';

const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: b\n';
const inputs: Record<string, string> = {
  'k/kustomization.yaml': 'resources:\n- cm.yaml\nconfigMapGenerator:\n- name: gen\n  files:\n  - app.properties\n',
  'k/cm.yaml': configMap,
  'k/app.properties': 'a=b\n',
  'm/cm.yaml': configMap,
  '.prodgate.yaml': 'profile: prod\n',
  'baseline.json': '{"version":1,"findings":[]}\n',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'prodgate-outputs-'));
  mkdirSync(join(dir, '.git'));
  for (const [f, text] of Object.entries(inputs)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  symlinkSync('k/cm.yaml', join(dir, 'alias.yaml'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cases: Array<{ args: string[]; path: string; option: string }> = [
  { args: ['build', 'k', '-o', 'k/cm.yaml'], path: 'k/cm.yaml', option: '--output' },
  { args: ['build', 'k', '-o', 'k/kustomization.yaml'], path: 'k/kustomization.yaml', option: '--output' },
  { args: ['build', 'k', '-o', 'k/app.properties'], path: 'k/app.properties', option: '--output' },
  // Another path to the same file.
  { args: ['build', 'k', '-o', 'alias.yaml'], path: 'alias.yaml', option: '--output' },
  { args: ['check', 'm/cm.yaml', '-o', 'm/cm.yaml'], path: 'm/cm.yaml', option: '--output' },
  { args: ['check', 'm', '--report', 'sarif=m/cm.yaml'], path: 'm/cm.yaml', option: '--report' },
  { args: ['check', 'k', '--write-baseline', 'k/kustomization.yaml'], path: 'k/kustomization.yaml', option: '--write-baseline' },
  { args: ['check', 'k', '--baseline', 'baseline.json', '-o', 'baseline.json'], path: 'baseline.json', option: '--output' },
  { args: ['check', 'm', '-f', 'json', '-o', '.prodgate.yaml'], path: '.prodgate.yaml', option: '--output' },
  { args: ['check', 'm', '--config', '.prodgate.yaml', '--report', 'json=.prodgate.yaml'], path: '.prodgate.yaml', option: '--report' },
  { args: ['validate', 'k', '-o', 'k/cm.yaml'], path: 'k/cm.yaml', option: '--output' },
];

describe('outputs refuse to overwrite inputs', () => {
  it.each(cases)('prodgate $args', ({ args, path, option }) => {
    const r = runCli(args, { cwd: dir, timeoutMs: 20_000, maxHeapMb: 256 });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toContain(`error: ${option}: refusing to write ${path}: `);
    expect(r.status, r.stderr).toBe(2);
    for (const [f, text] of Object.entries(inputs)) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(text);
  });

  it('writes nothing at all when one of several outputs is refused', () => {
    const r = runCli(['check', 'm', '--report', 'json=report.json', '-o', 'm/cm.yaml'], { cwd: dir });
    expect(r.status, r.stderr).toBe(2);
    expect(() => readFileSync(join(dir, 'report.json'))).toThrow();
  });

  it('still writes outputs beside the inputs, and over a previous output', () => {
    for (let i = 0; i < 2; i++) {
      const r = runCli(['build', 'k', '-o', 'k/rendered.yaml'], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(join(dir, 'k/rendered.yaml'), 'utf8')).toContain('name: ok');
    }
    // A previous run's JSON report and baseline lie in the searched directory: not inputs.
    for (let i = 0; i < 2; i++) {
      const c = runCli(['check', '.', '--report', 'json=report.json', '--write-baseline', 'new-baseline.json'], { cwd: dir });
      expect(c.status, c.stderr).toBe(0);
      expect(readFileSync(join(dir, 'new-baseline.json'), 'utf8')).toContain('"version": 1');
    }
  });
});
