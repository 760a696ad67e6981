/**
 * The command line as a hostile or confused user drives it: every case spawns the real CLI and
 * asserts the exit code, a short `error: file:line: …` on stderr, no stack trace, and no ANSI
 * escapes (the output is a pipe, and NO_COLOR is set).
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const repo = join(import.meta.dirname, '..', '..');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
const runsAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: b\n';

const files: Record<string, string | Buffer> = {
  'cm.json': '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"data":{"a":"b"}}\n',
  'empty.yaml': '',
  'deep.yaml': `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  'garbage.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xff, 0xfe, 0x0a]),
  'scalar.yaml': 'just a scalar\n',
  'list.yaml': '- a\n- b\n',
  'nokind.yaml': 'apiVersion: v1\nmetadata:\n  name: x\n',
  'noname.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n',
  'noperm.yaml': configMap,
  'huge.json': JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'huge' },
    data: Object.fromEntries(Array.from({ length: 20000 }, (_, i) => [`k${i}`, 'v'.repeat(40)])),
  }),
  'sp ace/ünï/cm.yaml': configMap,
  'nyaml/readme.txt': 'not a manifest\n',
  'emptydir/.keep-not-yaml': '',
  'kmiss/kustomization.yaml': 'resources:\n- missing.yaml\n',
  'kok/kustomization.yaml': 'resources:\n- cm.yaml\n',
  'kok/cm.yaml': configMap,
  'badcfg.yaml': 'profile: [\n',
  'wrongcfg.yaml': 'profile: 3\n',
  'unkcfg.yaml': 'rules:\n  no-such-rule:\n    severity: error\n',
  'kvcfg.yaml': 'kubeVersion: "0.5"\n',
};

interface Case {
  args: string[];
  stdin?: string | Buffer;
  code: number;
  /** What stderr must say (for exit 2: the error line). */
  err?: RegExp;
  out?: RegExp;
}

const kustomization = 'resources:\n- cm.yaml\n';

const cases: Case[] = [
  // Paths that are missing, empty or not manifests.
  { args: ['check', 'nonexist.yaml'], code: 2, err: /^error: no such file or directory: nonexist\.yaml$/m },
  { args: ['reach', 'loop', '--to', 'app=x'], code: 2, err: /^error: symbolic link loop: loop$/m },
  { args: ['validate', 'emptydir'], code: 2, err: /no kustomization or Kubernetes manifest .* found under emptydir/ },
  { args: ['reach', 'nyaml', '--to', 'app=x'], code: 2, err: /found under nyaml/ },
  { args: ['check', 'empty.yaml'], code: 2, err: /^error: empty\.yaml:1: no Kubernetes objects in this file$/m },
  { args: ['check', '-'], stdin: '', code: 2, err: /^error: <stdin>:1: no Kubernetes objects on standard input$/m },
  { args: ['validate', 'garbage.yaml'], code: 2, err: /^error: garbage\.yaml:1: binary content/m },
  { args: ['check', 'deep.yaml'], code: 2, err: /^error: deep\.yaml:1:\d+: YAML nesting deeper than 256 levels/m },
  { args: ['check', '-'], stdin: Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), code: 2, err: /^error: <stdin>:1: not UTF-8 text$/m },
  // Root reads anything, so an unreadable file can only be tested as another user.
  runsAsRoot
    ? { args: ['check', 'noperm.yaml'], code: 0 }
    : { args: ['check', 'noperm.yaml'], code: 2, err: /^error: cannot read noperm\.yaml: EACCES$/m },
  { args: ['check', 'scalar.yaml'], code: 2, err: /^error: scalar\.yaml:1: document is not a Kubernetes object/m },
  { args: ['validate', 'list.yaml'], code: 2, err: /^error: list\.yaml:1: document is not a Kubernetes object/m },
  { args: ['check', 'nokind.yaml'], code: 2, err: /^error: nokind\.yaml:1: document is not a Kubernetes object/m },
  { args: ['validate', 'noname.yaml'], code: 2, err: /^error: noname\.yaml:1: ConfigMap object has no metadata\.name$/m },
  {
    args: ['check', '-'],
    stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 123\n',
    code: 2,
    err: /^error: <stdin>:1: ConfigMap object's metadata\.name must be a string$/m,
  },
  // Valid inputs of unusual shapes pass.
  { args: ['check', 'cm.json'], code: 0, out: /checked cm\.json/ },
  { args: ['validate', 'huge.json'], code: 0, out: /checked huge\.json/ },
  { args: ['check', 'sp ace/ünï/cm.yaml'], code: 0, out: /checked sp ace\/ünï\/cm\.yaml/ },
  // Bad flags and flag values.
  { args: ['check', 'cm.json', '--format', 'xml'], code: 2, err: /argument 'xml' is invalid/ },
  { args: ['check', 'cm.json', '--kube-version', 'banana'], code: 2, err: /--kube-version must look like 1\.33, not "banana"/ },
  { args: ['validate', 'cm.json', '--kube-version', '0.9'], code: 2, err: /--kube-version must look like 1\.33, not "0\.9"/ },
  { args: ['check', 'cm.json', '--profile', 'qa'], code: 2, err: /argument 'qa' is invalid/ },
  { args: ['validate', 'cm.json', '--fail-on', 'panic'], code: 2, err: /argument 'panic' is invalid/ },
  { args: ['check', 'cm.json', '--load-restrictor', 'sometimes'], code: 2, err: /argument 'sometimes' is invalid/ },
  { args: ['check', 'cm.json', '--report', 'sarif'], code: 2, err: /--report expects FORMAT=FILE/ },
  { args: ['check', 'cm.json', '--bogus'], code: 2, err: /unknown option '--bogus'/ },
  { args: ['reach', 'cm.json', '--to', 'app'], code: 2, err: /--to expects label=value pairs/ },
  { args: ['reach', 'cm.json', '--to', 'app=x'], code: 2, err: /no workload has pod labels app=x/ },
  { args: ['rules', 'no-such-rule'], code: 2, err: /unknown rule "no-such-rule"/ },
  // Bad configuration files.
  { args: ['check', 'cm.json', '-c', 'badcfg.yaml'], code: 2, err: /^error: badcfg\.yaml:2:1: invalid YAML/m },
  { args: ['check', 'cm.json', '-c', 'wrongcfg.yaml'], code: 2, err: /^error: wrongcfg\.yaml:1:1: invalid config: profile: must be string$/m },
  { args: ['validate', 'cm.json', '-c', 'unkcfg.yaml'], code: 2, err: /^error: unkcfg\.yaml:2:3: invalid config: unknown rule "no-such-rule"$/m },
  { args: ['check', 'cm.json', '-c', 'kvcfg.yaml'], code: 2, err: /^error: kvcfg\.yaml:1:1: invalid config: kubeVersion: must be a Kubernetes version/m },
  { args: ['check', 'cm.json', '--crd-schemas', 'cm.json'], code: 2, err: /--crd-schemas: no CustomResourceDefinition found in cm\.json/ },
  // Kustomizations: missing files, and a kustomization where a stream is expected.
  { args: ['check', 'kmiss'], code: 2, err: /^error: kmiss\/kustomization\.yaml:2:3: .*missing\.yaml/m },
  { args: ['build', 'kmiss'], code: 2, err: /^error: kmiss\/kustomization\.yaml:2:3: .*missing\.yaml/m },
  { args: ['check', '-'], stdin: kustomization, code: 2, err: /^error: <stdin>:1: this is a kustomization, not a Kubernetes object$/m },
  { args: ['build', '-'], code: 2, err: /build renders a kustomization directory; it cannot read standard input/ },
  // Output destinations that cannot be written.
  { args: ['check', 'cm.json', '-o', 'emptydir'], code: 2, err: /^error: --output: cannot write emptydir: it is a directory$/m },
  { args: ['build', 'kok', '-o', 'nodir/out.yaml'], code: 2, err: /^error: --output: cannot write nodir\/out\.yaml: its directory does not exist$/m },
  // Text output of every command, coloured nowhere (see the ANSI assertion below).
  { args: ['build', 'kok'], code: 0, out: /name: ok/ },
  { args: ['rules'], code: 0, out: /rules; `prodgate rules <id>`/ },
  { args: ['rules', 'waiver-expired'], code: 0, out: /waiver-expired/ },
  { args: ['reach', join(repo, 'examples/kfm/infra/clusters/prod'), '--to', 'app=vector'], code: 0, out: /vector/ },
];

interface Result {
  code: number;
  out: string;
  err: string;
}

let tmp: string;
const results = new Map<Case, Result>();

function spawnCli(c: Case): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', tsx, join(repo, 'src/cli/bin.ts'), ...c.args],
      { cwd: tmp, env: { ...process.env, NO_COLOR: '1', PRODGATE_DEBUG: '' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, out, err) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, out, err });
      },
    );
    child.stdin!.end(c.stdin ?? '');
  });
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'prodgate-robust-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(tmp, rel)), { recursive: true });
    writeFileSync(join(tmp, rel), content);
  }
  chmodSync(join(tmp, 'noperm.yaml'), 0o000);
  symlinkSync('loop', join(tmp, 'loop'));
  const queue = [...cases];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) results.set(c, await spawnCli(c));
  };
  await Promise.all([worker(), worker(), worker()]);
}, 240_000);

afterAll(() => {
  chmodSync(join(tmp, 'noperm.yaml'), 0o644);
  rmSync(tmp, { recursive: true, force: true });
});

describe('the command line on bad input', () => {
  it.each(cases.map((c) => [c.args.join(' ') + (c.stdin !== undefined ? ' <stdin' : ''), c] as const))('%s', (_, c) => {
    const r = results.get(c)!;
    expect(r.code, r.err).toBe(c.code);
    expect(r.err).not.toMatch(/internal error|\n\s+at |Error:|node:internal/);
    expect(r.out + r.err).not.toMatch(/\x1b/);
    if (c.err) expect(r.err).toMatch(c.err);
    if (c.out) expect(r.out).toMatch(c.out);
    if (c.code === 2) {
      expect(r.err).toMatch(/^error: /);
      // The error, and at most one line of hint or guidance.
      expect(r.err.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
      expect(r.out).toBe('');
    }
  });
});

describe('--help', () => {
  it.each(['build', 'check', 'validate', 'reach', 'rules', ''])('"%s" documents examples and exit codes', async (command) => {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    try {
      expect(await main(['node', 'prodgate', ...(command ? [command] : []), '--help'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(out).toMatch(/\nExamples:\n {2}\$ prodgate /);
    expect(out).toMatch(/Exit codes: 0 .*2 usage or input error/);
  });
});
