import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { writeTree } from '../engine/helpers.js';

const repo = path.resolve(__dirname, '../..');

const cleanPod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27.0
`;
const badWaiverPod = cleanPod.replace('  name: web\n', '  name: web\n  annotations:\n    prodgate.dev/waive.image-no-latest-tag: expires=2030-01-01\n');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

let out: string[] = [];
let err: string[] = [];
let cwd: string;

beforeEach(() => {
  out = [];
  err = [];
  cwd = process.cwd();
  process.exitCode = undefined;
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
});

afterEach(() => {
  vi.restoreAllMocks();
  process.chdir(cwd);
  process.exitCode = undefined;
});

async function prodgate(dir: string, ...args: string[]): Promise<Outcome> {
  process.chdir(dir);
  const code = await main(['node', 'prodgate', ...args]);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('prodgate check', () => {
  it('exits 0 when the gate passes', async () => {
    const dir = writeTree({ 'pod.yaml': cleanPod });
    const r = await prodgate(dir, 'check', 'pod.yaml', '--rule', 'waiver-invalid');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✔ gate passed/);
  });

  it('exits 1 on findings at or above the threshold, and 0 with a higher threshold', async () => {
    const dir = writeTree({ 'pod.yaml': badWaiverPod });
    const r = await prodgate(dir, 'check', 'pod.yaml', '--rule', 'waiver-invalid', '--format', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { rule: string; location: unknown }) => [f.rule, f.location])).toEqual([
      ['waiver-invalid', { file: 'pod.yaml', line: 6 }],
    ]);
    process.exitCode = undefined;
    out = [];
    const lenient = await prodgate(dir, 'check', 'pod.yaml', '--rule', 'waiver-invalid', '--fail-on', 'none');
    expect(lenient.code).toBe(0);
  });

  it('judges a single Pod manifest with the built-in rules', async () => {
    const dir = writeTree({ 'pod.yaml': cleanPod.replace('nginx:1.27.0', 'nginx:latest') });
    const r = await prodgate(dir, 'check', 'pod.yaml', '--format', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) expect(f.location.file).toBe('pod.yaml');
  });

  it('exits 2 with a located message for a bad config', async () => {
    const dir = writeTree({ 'pod.yaml': cleanPod, '.prodgate.yaml': 'profile: prod\nrulez: {}\n' });
    const r = await prodgate(dir, 'check', 'pod.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: .prodgate.yaml:2:1: invalid config: unknown setting "rulez" at the top level\n  hint: known settings here: profile, failOn, kubeVersion, defaultNamespace, ignore, rules, environments, external, podTemplates, waivers, network, secrets, schema\n');
  });

  it('exits 2 for bad input and bad usage', async () => {
    const dir = writeTree({ 'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n' });
    const bad = await prodgate(dir, 'check', 'bad.yaml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: bad\.yaml:\d+(:\d+)?: invalid YAML/);
    expect((await prodgate(dir, 'check', 'missing.yaml')).code).toBe(2);
    expect((await prodgate(dir, 'check', 'bad.yaml', '--format', 'xml')).code).toBe(2);
    expect((await prodgate(dir, 'check', 'bad.yaml', '--rule', 'no-such-rule')).code).toBe(2);
    expect((await prodgate(dir, 'check', 'bad.yaml', '--kube-version', 'latest')).code).toBe(2);
  });

  it('exits 2 when a kustomization cannot be rendered or a nearby config is invalid', async () => {
    const dir = writeTree({
      'broken/kustomization.yaml': 'resources:\n  - missing.yaml\n',
      'team/.prodgate.yaml': 'rules:\n  no-such-rule: off\n',
      'team/pod.yaml': cleanPod,
    });
    const broken = await prodgate(dir, 'check', 'broken');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^error: .*missing\.yaml/);
    err = [];
    const team = await prodgate(dir, 'check', 'team');
    expect(team.code).toBe(2);
    expect(team.stderr).toMatch(/^error: team\/\.prodgate\.yaml:2:3: invalid config: unknown rule "no-such-rule"/);
  });

  it('writes the report to a file with -o, and a baseline that makes the next run pass', async () => {
    const dir = writeTree({ 'pod.yaml': badWaiverPod });
    const w = await prodgate(dir, 'check', 'pod.yaml', '--rule', 'waiver-invalid', '--write-baseline', 'baseline.json');
    expect(w.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'baseline.json'), 'utf8')).findings).toHaveLength(1);
    const r = await prodgate(dir, 'check', 'pod.yaml', '--rule', 'waiver-invalid', '--baseline', 'baseline.json', '-f', 'sarif', '-o', 'out.sarif');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('writes further reports of one run with --report', async () => {
    const dir = writeTree({ 'pod.yaml': badWaiverPod });
    const r = await prodgate(dir, 'check', 'pod.yaml', '--rule', 'waiver-invalid', '--report', 'json=r.json', '--report', 'junit=r.xml');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/gate failed/);
    expect(JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')).findings).toHaveLength(1);
    expect(readFileSync(path.join(dir, 'r.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect((await prodgate(dir, 'check', 'pod.yaml', '--report', 'pdf=r.pdf')).code).toBe(2);
  });

  it('applies the profile chosen by the config for a path', async () => {
    const dir = writeTree({
      'overlays/dev/pod.yaml': badWaiverPod,
      '.prodgate.yaml': 'environments:\n  - paths: [overlays/dev]\n    profile: dev\nrules:\n  waiver-invalid: warning\n',
    });
    const r = await prodgate(dir, 'check', 'overlays/dev', '--rule', 'waiver-invalid', '-f', 'json');
    const report = JSON.parse(r.stdout);
    expect(report.summary.targets[0].profile).toBe('dev');
    expect(report.findings[0].severity).toBe('warning');
    expect(r.code).toBe(0); // dev fails on errors only
  });

  it('uses the nearest .prodgate.yaml of each checked path, or --config for all', async () => {
    const dir = writeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.prodgate.yaml': 'profile: prod\n',
      'team-a/.prodgate.yaml': 'profile: dev\n',
      'team-a/pod.yaml': badWaiverPod,
      'team-b/pod.yaml': badWaiverPod,
      'strict.yaml': 'profile: staging\n',
    });
    const r = await prodgate(dir, 'check', 'team-a', 'team-b', '--rule', 'waiver-invalid', '-f', 'json');
    expect(JSON.parse(r.stdout).summary.targets.map((t: { path: string; profile: string }) => [t.path, t.profile])).toEqual([
      ['team-a', 'dev'],
      ['team-b', 'prod'],
    ]);
    out = [];
    const all = await prodgate(dir, 'check', 'team-a', 'team-b', '--rule', 'waiver-invalid', '-f', 'json', '--config', 'strict.yaml');
    expect(JSON.parse(all.stdout).summary.targets.map((t: { profile: string }) => t.profile)).toEqual(['staging', 'staging']);
  });

  it('runs only the concerns asked for', async () => {
    const dir = writeTree({ 'pod.yaml': cleanPod.replace('nginx:1.27.0', 'nginx:latest') });
    const r = await prodgate(dir, 'check', 'pod.yaml', '--concern', 'images', '-f', 'json');
    const concernsSeen = new Set(JSON.parse(r.stdout).findings.map((f: { concern: string }) => f.concern));
    expect([...concernsSeen]).toEqual(['images']);
    expect((await prodgate(dir, 'check', 'pod.yaml', '--concern', 'colour')).code).toBe(2);
  });

  it('skips ignored paths when searching directories', async () => {
    const dir = writeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.prodgate.yaml': 'ignore: ["fixtures/**"]\n',
      'deploy/pod.yaml': cleanPod,
      'fixtures/broken/kustomization.yaml': 'resources: [missing.yaml]\n',
      'scratch/pod.yaml': cleanPod.replace('name: web', 'name: scratch'),
      'plain.yaml': 'profile: prod\n',
    });
    const r = await prodgate(dir, 'check', '.', '--rule', 'waiver-invalid', '--ignore', 'scratch', '-f', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary.targets).toMatchObject([{ path: '.', type: 'manifests', objects: 1 }]);
    out = [];
    // Without the config's ignore list the broken fixture is rendered, reported and fails the gate.
    const unignored = await prodgate(dir, 'check', '.', '--config', 'plain.yaml', '--ignore', 'scratch');
    expect(unignored.code).toBe(1);
    expect(unignored.stdout).toMatch(/missing\.yaml/);
  });

  it('shows help with examples', async () => {
    const r = await prodgate(repo, 'check', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ prodgate check/);
    expect(r.stdout).toMatch(/--baseline <file>/);
  });

  it('reads manifests from standard input', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx/esm', path.join(repo, 'src/cli/bin.ts'), 'check', '-', '--rule', 'waiver-invalid', '-f', 'json'], {
      cwd: repo,
      input: badWaiverPod,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].location).toEqual({ file: '<stdin>', line: 6 });
  });
});

describe('prodgate rules', () => {
  it('lists rules as text, json and markdown', async () => {
    const text = await prodgate(repo, 'rules');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^RULE\s+CONCERN\s+SEVERITY\s+TITLE\n/);
    expect(text.stdout).toMatch(/waiver-expired\s+config-hygiene\s+error\s+Waivers are renewed/);
    out = [];
    const json = JSON.parse((await prodgate(repo, 'rules', '--format', 'json')).stdout);
    expect(json.rules.find((r: { id: string }) => r.id === 'waiver-unused')).toMatchObject({
      concern: 'config-hygiene',
      severity: 'warning',
      severityByProfile: { dev: 'info', staging: 'warning', prod: 'warning' },
    });
    out = [];
    expect((await prodgate(repo, 'rules', '--format', 'markdown')).stdout).toMatch(/\| \[`waiver-invalid`\]\(docs\/rules\/waiver-invalid\.md\) \|/);
  });

  it('shows one rule and rejects unknown ones', async () => {
    const one = await prodgate(repo, 'rules', 'waiver-invalid');
    expect(one.stdout).toMatch(/^# waiver-invalid\n/);
    expect(one.stdout).toMatch(/## How to fix/);
    expect((await prodgate(repo, 'rules', 'nope')).code).toBe(2);
  });
});
