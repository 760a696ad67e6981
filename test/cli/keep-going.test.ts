/**
 * A repository-wide run keeps going past roots it cannot render: each becomes an error entry
 * (with file:line) in every format and fails the gate, and the other roots are still judged.
 * Modelled on GitOps monorepos where one overlay references a file that was moved and a stray
 * YAML file does not parse.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcessCli } from '../helpers/in-process-cli.js';
import { writeTree } from '../engine/helpers.js';

const cli = inProcessCli();

const tree = writeTree;

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
          image: registry.example.com/api
`;

const repo = () =>
  tree({
    'apps/good/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'apps/good/deployment.yaml': deployment,
    'apps/broken/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - moved-away.yaml\n',
    'apps/broken/deployment.yaml': deployment,
    'manifests/ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n',
    'manifests/stray.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {a: [\n',
  });

describe('a directory run with broken roots', () => {
  it('judges the rest, lists what could not be rendered and fails the gate (text)', async () => {
    const root = repo();
    const r = await cli.run(root, 'check', '.', '--rule', 'image-no-latest-tag');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/apps\/good\/deployment\.yaml:\d+/);
    expect(r.stdout).toMatch(/2 inputs could not be read or rendered/);
    expect(r.stdout).toMatch(/apps\/broken\/kustomization\.yaml:3:\d+: apps\/broken: .*moved-away\.yaml/);
    expect(r.stdout).toMatch(/manifests\/stray\.yaml:\d+:\d+: \.: invalid YAML/);
    expect(r.stdout).toMatch(/not rendered: apps\/broken \(kustomize/);
    expect(r.stdout).toMatch(/gate failed: .*2 inputs not rendered/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('fails the gate on a broken root even when the rest is clean', async () => {
    const root = repo();
    const r = await cli.run(root, 'check', '.', '--rule', 'image-digest-pinning');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/gate failed: 2 inputs not rendered/);
  });

  it('reports them in JSON, SARIF, JUnit, Markdown, HTML and GitHub annotations', async () => {
    const root = repo();
    const json = JSON.parse((await cli.run(root, 'check', '.', '--rule', 'image-no-latest-tag', '-f', 'json')).stdout);
    expect(json.summary.passed).toBe(false);
    expect(json.summary.inputErrors).toEqual([
      expect.objectContaining({ target: 'apps/broken', file: 'apps/broken/kustomization.yaml', line: 3 }),
      expect.objectContaining({ target: '.', file: 'manifests/stray.yaml' }),
    ]);
    expect(json.findings.map((f: { location: { file: string } }) => f.location.file)).toEqual(['apps/good/deployment.yaml']);
    cli.clear();
    const sarif = JSON.parse((await cli.run(root, 'check', '.', '--rule', 'image-no-latest-tag', '-f', 'sarif')).stdout);
    const inv = sarif.runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications.filter((n: { level: string }) => n.level === 'error')).toHaveLength(2);
    cli.clear();
    const junit = (await cli.run(root, 'check', '.', '--rule', 'image-no-latest-tag', '-f', 'junit')).stdout;
    expect(junit).toMatch(/<testsuites [^>]*errors="2"/);
    expect(junit).toMatch(/<error type="not-rendered"/);
    cli.clear();
    expect((await cli.run(root, 'check', '.', '--rule', 'image-no-latest-tag', '-f', 'markdown')).stdout).toMatch(/Not rendered, so not judged[\s\S]*apps\/broken/);
    cli.clear();
    expect((await cli.run(root, 'check', '.', '--rule', 'image-no-latest-tag', '-f', 'html')).stdout).toMatch(/class="input-error"/);
    cli.clear();
    const gh = (await cli.run(root, 'check', '.', '--rule', 'image-no-latest-tag', '-f', 'github')).stdout;
    expect(gh).toMatch(/^::error file=apps\/broken\/kustomization\.yaml,line=3,title=prodgate%3A apps\/broken not rendered::/m);
  });

  it('--ignore DIR/** leaves the directory out entirely', async () => {
    const root = repo();
    const r = await cli.run(root, 'check', '.', '--rule', 'image-no-latest-tag', '--ignore', 'apps/broken/**', '--ignore', 'manifests/stray.yaml');
    expect(r.stdout).not.toMatch(/not rendered|could not be read/);
    expect(r.stdout).toMatch(/apps\/good\/deployment\.yaml/);
  });

  it('a root named on the command line still stops the run with exit 2', async () => {
    const root = repo();
    const r = await cli.run(root, 'check', 'apps/broken');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/apps\/broken\/kustomization\.yaml:3/);
  });

  it('nothing judged because nothing rendered is exit 2, naming the first error', async () => {
    const root = tree({ 'a/kustomization.yaml': 'resources: [missing.yaml]\n', 'b/kustomization.yaml': 'resources: [gone.yaml]\n' });
    const r = await cli.run(root, 'check', '.');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a: .*missing\.yaml.*\(and 1 more input that could not be rendered\)/);
  });
});

describe('GitHub annotations', () => {
  it('are capped at ten per type, failing ones first, the rest in the step summary', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 14; i++) files[`d${String(i).padStart(2, '0')}.yaml`] = deployment.replace('name: api\n', `name: api${i}\n`);
    const root = tree(files);
    const summary = path.join(root, 'summary.md');
    writeFileSync(summary, '');
    process.env.GITHUB_STEP_SUMMARY = summary;
    try {
      const r = await cli.run(root, 'check', '.', '--rule', 'image-no-latest-tag', '-f', 'github');
      expect(r.stdout.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(10);
      expect(r.stdout).toMatch(/\(4 more in the job summary\)/);
      const md = readFileSync(summary, 'utf8');
      expect(md).toMatch(/4 finding\(s\) beyond GitHub's 10 annotations per type/);
      expect(md.split('\n').filter((l) => l.startsWith('| error |'))).toHaveLength(4);
    } finally {
      delete process.env.GITHUB_STEP_SUMMARY;
    }
  });
});
