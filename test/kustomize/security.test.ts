/**
 * Untrusted repositories: path escapes, symlink tricks, cycles, hostile YAML, remote locations
 * and anything that would execute code must end in a UserError naming the place — never a
 * hang, a crash, network access or a program run.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isUserError, UserError } from '../../src/core/errors.js';
import { build } from '../../src/kustomize/index.js';
import { main } from '../../src/cli/main.js';

const dirs: string[] = [];

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'prodgate-sec-'));
  dirs.push(root);
  for (const [p, content] of Object.entries(files)) {
    const full = join(root, p);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n';

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('expected a UserError, but the build succeeded');
}

describe('load restrictor', () => {
  it('refuses a resource file outside the kustomization root', () => {
    const root = tree({ 'app/kustomization.yaml': 'resources:\n- ../outside.yaml\n', 'outside.yaml': CM });
    const e = userError(() => build(join(root, 'app'), { root }));
    expect(e.message).toMatch(/^security; file '.*outside\.yaml' is not in or below '.*app'$/);
    expect(e.location).toMatchObject({ file: 'app/kustomization.yaml', line: 2 });
  });

  it('refuses a symlink inside the root that points outside it', () => {
    const root = tree({ 'app/kustomization.yaml': 'resources:\n- link.yaml\n', 'secret.yaml': CM });
    symlinkSync(join(root, 'secret.yaml'), join(root, 'app', 'link.yaml'));
    const e = userError(() => build(join(root, 'app'), { root }));
    expect(e.message).toMatch(/security; file .* is not in or below/);
  });

  it('LoadRestrictionsNone lifts the restriction', () => {
    const root = tree({ 'app/kustomization.yaml': 'resources:\n- ../outside.yaml\n', 'outside.yaml': CM });
    const result = build(join(root, 'app'), { root, loadRestrictor: 'none' });
    expect(result.resources.map((r) => r.origin)).toEqual([{ file: 'outside.yaml', line: 1 }]);
  });

  it('refuses generator files outside the root', () => {
    const root = tree({ 'app/kustomization.yaml': 'configMapGenerator:\n- name: x\n  files:\n  - ../../../../etc/passwd\n' });
    const e = userError(() => build(join(root, 'app'), { root }));
    expect(e.message).toMatch(/security; file '\/etc\/passwd' is not in or below/);
  });

  it('allows a base directory outside the root (kustomize does)', () => {
    const root = tree({ 'shared/kustomization.yaml': 'resources:\n- cm.yaml\n', 'shared/cm.yaml': CM, 'app/kustomization.yaml': 'resources:\n- ../shared\n' });
    expect(build(join(root, 'app'), { root }).resources).toHaveLength(1);
  });

  it('accepts an absolute file path inside the root and refuses one outside it', () => {
    const root = tree({ 'app/cm.yaml': CM, 'outside.yaml': CM.replace('name: c', 'name: o') });
    writeFileSync(join(root, 'app', 'kustomization.yaml'), `resources:\n- ${join(root, 'app', 'cm.yaml')}\n`);
    expect(build(join(root, 'app'), { root }).resources).toHaveLength(1);
    writeFileSync(join(root, 'app', 'kustomization.yaml'), `resources:\n- ${join(root, 'outside.yaml')}\n`);
    expect(userError(() => build(join(root, 'app'), { root })).message).toMatch(/security; file .* is not in or below/);
  });

  it('refuses an absolute directory', () => {
    const root = tree({ 'kustomization.yaml': 'resources:\n- /etc\n' });
    expect(userError(() => build(root, { root })).message).toMatch(/new root '\/etc' cannot be absolute/);
  });
});

describe('cycles and symlink loops', () => {
  it('detects a symlink loop between files', () => {
    const root = tree({ 'kustomization.yaml': 'resources:\n- a.yaml\n' });
    symlinkSync(join(root, 'b.yaml'), join(root, 'a.yaml'));
    symlinkSync(join(root, 'a.yaml'), join(root, 'b.yaml'));
    const e = userError(() => build(root, { root }));
    expect(e.message).toMatch(/symbolic links/);
  });

  it('detects a directory symlinked to its own parent', () => {
    const root = tree({ 'kustomization.yaml': 'resources:\n- loop\n' });
    symlinkSync(root, join(root, 'loop'));
    expect(userError(() => build(root, { root })).message).toMatch(/cycle detected/);
  });

  it('detects a cycle between two kustomizations', () => {
    const root = tree({ 'a/kustomization.yaml': 'resources:\n- ../b\n', 'b/kustomization.yaml': 'resources:\n- ../a\n' });
    const e = userError(() => build(join(root, 'a'), { root }));
    expect(e.message).toMatch(/cycle detected: candidate root '.*\/a' contains visited root/);
    expect(e.location).toMatchObject({ file: 'b/kustomization.yaml', line: 2 });
  });
});

describe('hostile YAML', () => {
  it('refuses an alias bomb quickly', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: bomb', 'data:', '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const root = tree({ 'kustomization.yaml': 'resources:\n- bomb.yaml\n', 'bomb.yaml': lines.join('\n') + '\n' });
    const e = userError(() => build(root, { root }));
    expect(e.message).toMatch(/alias bomb refused/);
    expect(e.location?.file).toBe('bomb.yaml');
  });

  const nested = (depth: number) =>
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';

  it('refuses deeply nested input', () => {
    const root = tree({ 'kustomization.yaml': 'resources:\n- deep.yaml\n', 'deep.yaml': nested(300) });
    const e = userError(() => build(root, { root }));
    expect(e.message).toMatch(/nesting deeper than 256 levels/);
    expect(e.location?.file).toBe('deep.yaml');
  });

  it('refuses pathologically nested input without crashing', () => {
    const root = tree({ 'kustomization.yaml': 'resources:\n- deep.yaml\n', 'deep.yaml': nested(20_000) });
    expect(userError(() => build(root, { root })).location?.file).toBe('deep.yaml');
  });

  it('refuses binary garbage', () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const root = tree({ 'kustomization.yaml': 'resources:\n- blob.yaml\n', 'blob.yaml': garbage });
    const e = userError(() => build(root, { root }));
    expect(e.location?.file).toBe('blob.yaml');
  });

  it('refuses a stream with more documents than the limit before parsing it', () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n';
    const root = tree({ 'kustomization.yaml': 'resources:\n- many.yaml\n', 'many.yaml': doc.repeat(50_001) });
    expect(userError(() => build(root, { root })).message).toMatch(/more than 50000 YAML documents/);
  });
});

describe('nothing remote, nothing executed', () => {
  for (const url of [
    'https://raw.githubusercontent.com/org/repo/main/deploy.yaml',
    'github.com/org/repo/deploy?ref=v1.0.0',
    'git@github.com:org/repo.git',
    'ssh://git@example.com/org/repo.git',
    'git::https://example.com/org/repo.git//base',
  ]) {
    it(`refuses remote resource ${url}`, () => {
      const root = tree({ 'kustomization.yaml': `namePrefix: x-\nresources:\n- ${url}\n` });
      const e = userError(() => build(root, { root }));
      expect(e.message).toMatch(/remote location/);
      expect(e.location).toMatchObject({ file: 'kustomization.yaml', line: 3 });
    });
  }

  it('refuses a remote component', () => {
    const root = tree({ 'kustomization.yaml': 'components:\n- https://example.com/comp\n' });
    expect(userError(() => build(root, { root })).message).toMatch(/remote location/);
  });

  const marker = (root: string) => join(root, 'EXECUTED');
  const script = (root: string) => `#!/bin/sh\ntouch ${marker(root)}\n`;

  it('never runs an exec transformer plugin', () => {
    const root = tree({
      'kustomization.yaml': 'resources:\n- cm.yaml\ntransformers:\n- plugin.yaml\n',
      'cm.yaml': CM,
      'plugin.yaml': 'apiVersion: example.com/v1\nkind: Evil\nmetadata:\n  name: evil\n',
    });
    writeFileSync(join(root, 'Evil'), script(root), { mode: 0o755 });
    const e = userError(() => build(root, { root }));
    expect(e.message).toMatch(/^transformers: example.com\/v1\/Evil 'evil' is an external plugin; prodgate never executes/);
    expect(e.location?.file).toBe('plugin.yaml');
    expect(existsSync(marker(root))).toBe(false);
  });

  it('never runs a KRM function (inline generator config)', () => {
    const root = tree({
      'kustomization.yaml': [
        'generators:',
        '- |-',
        '  apiVersion: example.com/v1',
        '  kind: Gen',
        '  metadata:',
        '    name: fn',
        '    annotations:',
        '      config.kubernetes.io/function: |',
        '        exec:',
        '          path: ./run.sh',
        '',
      ].join('\n'),
    });
    writeFileSync(join(root, 'run.sh'), script(root), { mode: 0o755 });
    const e = userError(() => build(root, { root }));
    expect(e.message).toMatch(/^generators: .* is a KRM function/);
    expect(e.location?.file).toBe('kustomization.yaml');
    expect(existsSync(marker(root))).toBe(false);
  });

  it('refuses validators', () => {
    const root = tree({ 'kustomization.yaml': 'resources: []\nvalidators:\n- v.yaml\n', 'v.yaml': 'apiVersion: v1\nkind: Validator\nmetadata:\n  name: v\n' });
    expect(userError(() => build(root, { root })).message).toMatch(/^validators: /);
  });

  it('refuses helm charts', () => {
    const root = tree({ 'kustomization.yaml': 'helmCharts:\n- name: nginx\n  repo: https://charts.example.com\n' });
    const e = userError(() => build(root, { root }));
    expect(e.message).toMatch(/'helmCharts' is not supported: prodgate never runs helm/);
    expect(e.location).toMatchObject({ file: 'kustomization.yaml', line: 1 });
  });
});

describe('prodgate build CLI', () => {
  it('writes the rendered stream with -o and deprecation warnings to stderr', async () => {
    const root = tree({ 'kustomization.yaml': 'commonLabels:\n  a: b\nresources:\n- cm.yaml\n', 'cm.yaml': CM });
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    });
    const out = join(root, 'out.yaml');
    try {
      expect(await main(['node', 'prodgate', 'build', root, '-o', out])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(readFileSync(out, 'utf8')).toBe('apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  labels:\n    a: b\n  name: c\n');
    expect(errors.join('')).toMatch(/^# Warning: 'commonLabels' is deprecated/);
  });


  it('exits 2 with a one-line error and no stack trace', async () => {
    const root = tree({ 'kustomization.yaml': 'resources:\n- ../../etc/passwd\n' });
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    });
    try {
      const code = await main(['node', 'prodgate', 'build', root]);
      expect(code).toBe(2);
    } finally {
      spy.mockRestore();
    }
    const text = errors.join('');
    expect(text).toMatch(/^error: .*kustomization\.yaml:2:3: /);
    expect(text).not.toMatch(/\n\s+at /);
  });
});
