/**
 * The trust model of `.prodgate.yaml`: a repository may loosen its own gate, but every loosening
 * is visible in every report, the pipeline's `--fail-on` wins over the file, and
 * `--strict-config` refuses a loosening with the file and line.
 */
import { describe, expect, it } from 'vitest';
import { inProcessCli } from '../helpers/in-process-cli.js';
import { writeTree } from '../engine/helpers.js';

const latestPod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:latest
`;

const cli = inProcessCli();
const prodgate = cli.run;

const gateOff = { 'pod.yaml': latestPod, '.prodgate.yaml': 'profile: prod\nfailOn: none\n' };
const ruleOff = { 'pod.yaml': latestPod, '.prodgate.yaml': 'rules:\n  image-no-latest-tag: off\n' };
const envOff = {
  'pod.yaml': latestPod,
  '.prodgate.yaml': 'environments:\n  - paths: ["**"]\n    failOn: none\n',
};

describe('a repository config that loosens the gate', () => {
  it('passes, but the text report names the threshold, its source and the loosening', async () => {
    const r = await prodgate(writeTree(gateOff), 'check', 'pod.yaml', '--rule', 'image-no-latest-tag');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fail threshold: none \(from \.prodgate\.yaml:2(:\d+)?\)/);
    expect(r.stdout).toMatch(/warning: \.prodgate\.yaml:2: the repository's config loosens the gate: failOn: none is looser than the prod profile's warning/);
  });

  it('shows an environment-level loosening at its own line', async () => {
    const r = await prodgate(writeTree(envOff), 'check', 'pod.yaml', '--rule', 'image-no-latest-tag');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\.prodgate\.yaml:3: the repository's config loosens the gate: failOn: none/);
  });

  it('carries the threshold source and the loosenings in JSON, SARIF, JUnit, markdown and HTML', async () => {
    const dir = writeTree(ruleOff);
    const json = JSON.parse((await prodgate(dir, 'check', 'pod.yaml', '--format', 'json')).stdout);
    expect(json.summary.failOnSource).toBe('the prod profile');
    expect(json.summary.loosened).toEqual([{ file: '.prodgate.yaml', line: 2, message: 'turns off rule image-no-latest-tag' }]);
    cli.clear();
    const sarif = JSON.parse((await prodgate(dir, 'check', 'pod.yaml', '--format', 'sarif')).stdout);
    const notes = sarif.runs[0].invocations[0].toolConfigurationNotifications;
    expect(notes[0].message.text).toMatch(/turns off rule image-no-latest-tag/);
    expect(notes[0].locations[0].physicalLocation.region.startLine).toBe(2);
    for (const [format, pattern] of [
      ['junit', /<property name="loosened" value="\.prodgate\.yaml:2: turns off rule image-no-latest-tag"\/>/],
      ['markdown', /`\.prodgate\.yaml:2`: turns off rule image-no-latest-tag/],
      ['html', /loosens the gate: <code>\.prodgate\.yaml:2<\/code> turns off rule image-no-latest-tag/],
    ] as const) {
      cli.clear();
      expect((await prodgate(dir, 'check', 'pod.yaml', '--format', format)).stdout).toMatch(pattern);
    }
  });

  it('cannot override the pipeline: --fail-on on the command line wins', async () => {
    const r = await prodgate(writeTree(gateOff), 'check', 'pod.yaml', '--rule', 'image-no-latest-tag', '--fail-on', 'warning');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/fail threshold: warning \(from --fail-on\)/);
  });

  it('is refused under --strict-config, naming the line (exit 2)', async () => {
    for (const [tree, line, what] of [
      [gateOff, 2, /failOn: none is looser/],
      [ruleOff, 2, /turns off rule image-no-latest-tag/],
      [envOff, 3, /failOn: none is looser/],
    ] as const) {
      cli.clear();
      const r = await prodgate(writeTree(tree), 'check', 'pod.yaml', '--strict-config');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^error: \\.prodgate\\.yaml:${line}(:\\d+)?: `, 'm'));
      expect(r.stderr).toMatch(what);
    }
  });

  it('lowering a severity is a loosening; raising one is not', async () => {
    const lowered = { 'pod.yaml': latestPod, '.prodgate.yaml': 'rules:\n  image-no-latest-tag: info\n' };
    const raised = { 'pod.yaml': latestPod, '.prodgate.yaml': 'rules:\n  image-no-latest-tag: error\n' };
    const lowRun = await prodgate(writeTree(lowered), 'check', 'pod.yaml', '--strict-config');
    expect(lowRun.code).toBe(2);
    expect(lowRun.stderr).toMatch(/lowers rule image-no-latest-tag from \w+ to info/);
    const r = await prodgate(writeTree(raised), 'check', 'pod.yaml', '--strict-config', '--rule', 'image-no-latest-tag');
    expect(r.code).toBe(1);
  });
});
