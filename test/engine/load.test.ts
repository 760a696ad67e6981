import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.js';
import { discoverTargets } from '../../src/input/load.js';
import { loadTarget } from '../../src/engine/load.js';
import { runCheck } from '../../src/index.js';
import { writeTree } from './helpers.js';
import { imageTagRule } from './test-rules.js';

const pod = (name: string, image = 'nginx') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: c
      image: ${image}
`;
const kustomization = (resources: string[]) => `resources:\n${resources.map((r) => `  - ${r}`).join('\n')}\n`;

describe('discoverTargets', () => {
  it('renders a kustomization directory, and finds overlays (not their bases) when searching a tree', () => {
    const dir = writeTree({
      'app/base/kustomization.yaml': kustomization(['pod.yaml']),
      'app/base/pod.yaml': pod('p'),
      'app/overlays/prod/kustomization.yaml': kustomization(['../../base']),
      'app/overlays/prod/patches/patch.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n',
      'app/overlays/dev/kustomization.yaml': `${kustomization(['../../base', '../../../shared/cm.yaml'])}patches:\n  - path: ../../../shared/patch.yaml\n`,
      'shared/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\n',
      'shared/patch.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\n',
      'plain/a.yaml': pod('a'),
      'plain/sub/b.yml': pod('b'),
      'plain/notes.yaml': 'title: not a manifest\n',
      'chart/Chart.yaml': 'name: c\n',
      'chart/templates/x.yaml': '{{ .Values.x }}\n',
      '.hidden/c.yaml': pod('c'),
    });
    expect(discoverTargets(['app/overlays/prod'], { root: dir }).map((t) => t.input)).toEqual([
      { type: 'kustomize', path: 'app/overlays/prod' },
    ]);
    const all = discoverTargets(['.'], { root: dir });
    expect(all.map((t) => t.input)).toEqual([
      { type: 'kustomize', path: 'app/overlays/dev' },
      { type: 'kustomize', path: 'app/overlays/prod' },
      { type: 'manifests', path: '.' },
    ]);
    expect(all[2]!.files!.map((f) => f.slice(dir.length + 1)).sort()).toEqual(['plain/a.yaml', 'plain/notes.yaml', 'plain/sub/b.yml']);
  });

  it('treats a kustomization file argument as its directory and - as stdin', () => {
    const dir = writeTree({ 'k/kustomization.yaml': kustomization(['p.yaml']), 'k/p.yaml': pod('p') });
    expect(discoverTargets(['k/kustomization.yaml', '-'], { root: dir }).map((t) => t.input)).toEqual([
      { type: 'kustomize', path: 'k' },
      { type: 'stdin', path: '-' },
    ]);
  });

  it('fails on a missing path and on a directory without anything to check', () => {
    const dir = writeTree({ 'empty/README.md': '# nothing\n' });
    expect(() => discoverTargets(['nope'], { root: dir })).toThrow(/no such file or directory: nope/);
    expect(() => discoverTargets(['empty'], { root: dir })).toThrow(/no kustomization or Kubernetes manifest/);
    const chart = writeTree({ 'chart/Chart.yaml': 'name: c\n', 'chart/templates/d.yaml': '{{ .Values.x }}\n' });
    try {
      discoverTargets(['chart'], { root: chart });
      throw new Error('expected an error');
    } catch (e) {
      expect((e as { hint?: string }).hint).toMatch(/helm template … \| prodgate check -/);
    }
  });
});

describe('loadTarget', () => {
  it('reads manifest files, expands Lists and skips files that are not manifests', () => {
    const dir = writeTree({
      'm/a.yaml': `${pod('a')}---\n# just a comment\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: cm}\n`,
      'm/values.yaml': 'replicaCount: 1\n',
    });
    const [t] = discoverTargets(['m'], { root: dir });
    const { estate } = loadTarget(t!, { root: dir });
    expect(estate.resources.map((r) => `${r.body.kind}/${(r.body.metadata as { name: string }).name}@${r.origin.file}:${r.origin.line}`)).toEqual([
      'Pod/a@m/a.yaml:1',
      'ConfigMap/cm@m/a.yaml:15',
    ]);
    expect(estate.files.get('m/a.yaml')!.documents).toEqual([
      { startLine: 1, endLine: 8 },
      { startLine: 9, endLine: 10 },
      { startLine: 11, endLine: 17 },
    ]);
  });

  it('refuses a document that is not a Kubernetes object in a file given explicitly', () => {
    const dir = writeTree({ 'bad.yaml': `${pod('a')}---\nfoo: bar\n` });
    const [t] = discoverTargets(['bad.yaml'], { root: dir });
    try {
      loadTarget(t!, { root: dir });
      throw new Error('expected an error');
    } catch (e) {
      expect(isUserError(e)).toBe(true);
      expect((e as { location: unknown }).location).toMatchObject({ file: 'bad.yaml', line: 10 });
    }
  });

  it('refuses an empty stream or file: judging nothing would pass the gate', () => {
    expect(() => runCheck({ inputs: ['-'], rules: [imageTagRule], load: { readStdin: () => '' } })).toThrow(
      'no Kubernetes objects on standard input',
    );
    const dir = writeTree({ 'empty.yaml': '# nothing here\n' });
    expect(() => runCheck({ inputs: ['empty.yaml'], rules: [imageTagRule], load: { root: dir } })).toThrow('no Kubernetes objects in this file');
  });

  it('leaves Helm test hooks out of the estate', () => {
    const hook = pod('t').replace('  name: t\n', '  name: t\n  annotations:\n    helm.sh/hook: test\n');
    const dir = writeTree({ 'm.yaml': `${pod('web')}---\n${hook}` });
    const [t] = discoverTargets(['m.yaml'], { root: dir });
    const loaded = loadTarget(t!, { root: dir });
    expect(loaded.estate.resources).toHaveLength(1);
    expect(loaded.skipped).toEqual([
      { object: { apiVersion: 'v1', kind: 'Pod', namespace: '', name: 't' }, location: { file: 'm.yaml', line: 10 }, reason: 'Helm test hook' },
    ]);
  });

  it('reads a stream from stdin', () => {
    const run = runCheck({
      inputs: ['-'],
      rules: [imageTagRule],
      load: { readStdin: () => `# Source: chart/templates/pod.yaml\n${pod('from-helm')}` },
    });
    // Helm's `# Source:` comment names the template; the line is counted within the rendered document.
    expect(run.findings.map((f) => [f.object.name, f.location])).toEqual([['from-helm', { file: 'chart/templates/pod.yaml', line: 8, column: 7 }]]);
    expect(run.targets).toMatchObject([{ path: '-', type: 'stdin', objects: 1 }]);
  });

  it('checks a single Pod manifest', () => {
    const dir = writeTree({ 'pod.yaml': pod('single', 'busybox') });
    const run = runCheck({ inputs: ['pod.yaml'], rules: [imageTagRule], load: { root: dir } });
    expect(run.findings.map((f) => [f.rule, f.path, f.location?.line])).toEqual([['test-image-tag', 'spec.containers[name=c].image', 8]]);
    expect(run.passed).toBe(false);
  });
});
