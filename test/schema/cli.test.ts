import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const repo = join(import.meta.dirname, '..', '..');
const crdDir = join(import.meta.dirname, 'crds');
let tmp: string;
const cwd = process.cwd();

function write(rel: string, text: string): void {
  const file = join(tmp, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

async function prodgate(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    process.exitCode = undefined;
    const code = await main(['node', 'prodgate', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

interface JsonFinding {
  rule: string;
  severity: string;
  path: string;
  message: string;
  location: { file: string; line: number } | null;
}

async function validateJson(...args: string[]): Promise<{ code: number; findings: JsonFinding[] }> {
  const r = await prodgate('validate', '--format', 'json', ...args);
  expect(r.err).not.toMatch(/internal error/);
  return { code: r.code, findings: (JSON.parse(r.out) as { findings: JsonFinding[] }).findings };
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: registry.example/api:1.0.0
`;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'prodgate-validate-'));
  write('base/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
  write('base/deployment.yaml', deployment);
  write(
    'overlays/prod/kustomization.yaml',
    'resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n',
  );
  write(
    'overlays/prod/replicas.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replica: 3\n  template:\n    spec:\n      containers:\n        - name: api\n          resources:\n            limits: {memory: 1 GB}\n',
  );
  write(
    'legacy/all.yaml',
    'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: report}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: r, image: "r:1"}]\n' +
      '---\napiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: api}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}\n  maxReplicas: 3\n',
  );
  write('custom/widget.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: 3\n  colour: red\n');
  process.chdir(tmp);
});

afterAll(() => {
  process.chdir(cwd);
  rmSync(tmp, { recursive: true, force: true });
});


describe('prodgate validate', () => {
  it('points schema errors into the overlay patch that introduced them', async () => {
    const { code, findings } = await validateJson('overlays/prod');
    expect(code).toBe(1);
    expect(findings.map((f) => [f.rule, f.path, f.location?.file, f.location?.line])).toEqual([
      ['schema-unknown-field', 'spec.replica', 'overlays/prod/replicas.yaml', 6],
      ['schema-valid', 'spec.template.spec.containers[name=api].resources.limits.memory', 'overlays/prod/replicas.yaml', 12],
    ]);
  });

  it('runs only the schema and deprecations rules', async () => {
    const { code, findings } = await validateJson('base');
    // A one-replica Deployment without probes or resources would fail `check`; validate accepts it.
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('reports removed and deprecated APIs for the target version', async () => {
    const at = async (v: string) => (await validateJson('legacy', '--kube-version', v)).findings.map((f) => [f.rule, f.severity]);
    expect(await at('1.24')).toEqual([
      ['api-deprecated', 'warning'],
      ['api-deprecated', 'warning'],
    ]);
    expect(await at('1.25')).toEqual([
      ['api-removed', 'error'],
      ['api-deprecated', 'warning'],
    ]);
    expect(await at('1.26')).toEqual([
      ['api-removed', 'error'],
      ['api-removed', 'error'],
    ]);
    const removed = (await validateJson('legacy', '--kube-version', '1.30')).findings[1]!;
    expect(removed.message).toMatch(/autoscaling\/v2beta2 HorizontalPodAutoscaler is no longer served by Kubernetes 1.30: removed in 1.26/);
    expect(removed.location).toEqual({ file: 'legacy/all.yaml', line: 13 });
  });

  it('takes the target version per environment from .prodgate.yaml', async () => {
    const cronjob = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: r}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: r, image: "r:1"}]\n';
    write('envs/old-cluster/cronjob.yaml', cronjob);
    write('envs/new-cluster/cronjob.yaml', cronjob);
    write('envs/.prodgate.yaml', 'kubeVersion: "1.30"\nenvironments:\n  - paths: ["old-cluster"]\n    kubeVersion: "1.23"\n');
    const got = await validateJson('envs/old-cluster', 'envs/new-cluster');
    expect(got.findings.map((f) => [f.rule, f.location?.file])).toEqual([
      ['api-removed', 'envs/new-cluster/cronjob.yaml'],
      ['api-deprecated', 'envs/old-cluster/cronjob.yaml'],
    ]);
    // The command line wins over the file.
    const forced = await validateJson('envs/old-cluster', '--kube-version', '1.25');
    expect(forced.findings.map((f) => f.rule)).toEqual(['api-removed']);
  });

  it('takes custom resource schemas from --crd-schemas', async () => {
    const without = await validateJson('custom');
    expect(without.findings.map((f) => [f.rule, f.severity])).toEqual([['schema-unknown-kind', 'warning']]);
    const withCrds = await validateJson('custom', '--crd-schemas', crdDir);
    expect(withCrds.findings.map((f) => [f.rule, f.path, f.location?.line])).toEqual([['schema-unknown-field', 'spec.colour', 6]]);
  });

  it('check takes --crd-schemas as validate does', async () => {
    const r = await prodgate('check', '--format', 'json', '--concern', 'schema', 'custom', '--crd-schemas', crdDir);
    expect(r.err).not.toMatch(/internal error/);
    const findings = (JSON.parse(r.out) as { findings: JsonFinding[] }).findings;
    expect(findings.map((f) => [f.rule, f.path, f.location?.line])).toEqual([['schema-unknown-field', 'spec.colour', 6]]);
  });

  it('--unknown-kinds sets how objects without a schema are reported', async () => {
    expect((await validateJson('custom', '--unknown-kinds', 'error')).findings.map((f) => f.severity)).toEqual(['error']);
    const ignored = await validateJson('custom', '--unknown-kinds', 'ignore');
    expect(ignored.findings).toEqual([]);
    expect(ignored.code).toBe(0);
  });

  it('refuses a malformed --kube-version and a missing --crd-schemas path', async () => {
    const bad = await prodgate('validate', 'base', '--kube-version', 'latest');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--kube-version must look like 1.33/);
    const missing = await prodgate('validate', 'base', '--crd-schemas', 'nope/');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--crd-schemas: nope\/ does not exist/);
  });

  it('validates Helm output on standard input', () => {
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href, join(repo, 'src/cli/bin.ts'), 'validate', '-', '--kube-version', '1.22', '--format', 'json'], {
      cwd: tmp,
      input: deployment.replace('  selector:', '  replicas: "2"\n  selector:') + '---\napiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: web}\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).not.toMatch(/internal error/);
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.map((f) => [f.rule, f.path])).toEqual([
      ['schema-valid', 'spec.replicas'],
      ['api-removed', 'apiVersion'],
    ]);
    expect(r.status).toBe(1);
  });
});
