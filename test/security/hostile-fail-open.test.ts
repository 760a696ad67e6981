/** A run that judged nothing never passes; a run that skipped files says which and why. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/hostile.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'prodgate-failopen-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const compose = 'services:\n  web:\n    image: nginx:1.27\n';
const workflow = 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n';
const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n';

describe('nothing to judge', () => {
  it('a directory of YAML that is not Kubernetes fails with exit 2 and says why', () => {
    const dir = tree({ 'docker-compose.yml': compose, '.github/workflows/ci.yaml': workflow, 'values.yaml': 'replicaCount: 2\n' });
    for (const cmd of ['check', 'validate']) {
      const r = runCli([cmd, dir], { timeoutMs: 20_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^error: nothing to judge: /m);
      expect(r.stderr).toMatch(/docker-compose\.yml \(a Compose file, not Kubernetes manifests\)/);
      expect(r.stderr).toMatch(/values\.yaml \(no apiVersion and kind/);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stdout).not.toMatch(/gate passed/);
    }
  });

  it('a kustomization that renders no objects fails with exit 2', () => {
    const dir = tree({ 'kustomization.yaml': 'resources: []\n' });
    const r = runCli(['check', dir], { timeoutMs: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nothing to judge: .*renders no objects/);
  });
});

describe('skipped files', () => {
  const dir = tree({ 'pod.yaml': pod, 'docker-compose.yml': compose });
  it('are listed in the text report', () => {
    const r = runCli(['check', dir, '--rule', 'image-no-latest-tag'], { timeoutMs: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/1 file skipped: .*docker-compose\.yml \(a Compose file, not Kubernetes manifests\)/);
  });

  it('are listed in JSON and SARIF', () => {
    const json = JSON.parse(runCli(['check', dir, '--rule', 'image-no-latest-tag', '--format', 'json'], { timeoutMs: 20_000 }).stdout);
    expect(json.summary.skippedFiles).toEqual([{ file: expect.stringMatching(/docker-compose\.yml$/), reason: 'a Compose file, not Kubernetes manifests' }]);
    const sarif = JSON.parse(runCli(['check', dir, '--rule', 'image-no-latest-tag', '--format', 'sarif'], { timeoutMs: 20_000 }).stdout);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
    expect(notes).toHaveLength(1);
    expect(notes[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/docker-compose\.yml$/);
  });
});

describe('patterns from the config file', () => {
  it('run in linear time (dev-settings name and value patterns)', () => {
    const name = 'A'.repeat(40);
    const dir = tree({
      'pod.yaml': pod.replace('      image: nginx:latest\n', `      image: nginx:1.27\n      env:\n        - name: ${name}\n          value: "${'a'.repeat(40)}"\n`),
      '.prodgate.yaml':
        'rules:\n  dev-settings-in-production:\n    params:\n      settings:\n        - name: "(A|AA)*C"\n          value: "(a|aa)*c"\n          label: nothing\n',
    });
    const r = runCli(['check', 'pod.yaml', '--rule', 'dev-settings-in-production'], { cwd: dir, timeoutMs: 15_000 });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(0);
    expect(r.ms).toBeLessThan(10_000);
  });
});
