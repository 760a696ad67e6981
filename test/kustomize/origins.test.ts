/**
 * Where rendered fields come from: objects keep their defining file:line, generated objects
 * point at their generator entry, and fields a transformer wrote point at the kustomization
 * field that configured it. Paths are relative to the build's root.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/kustomize/index.js';
import { locate } from '../../src/core/resource.js';

const root = mkdtempSync(join(tmpdir(), 'prodgate-origins-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files: Record<string, string> = {
  'base/kustomization.yaml': ['resources:', '- deploy.yaml', 'configMapGenerator:', '- name: settings', '  literals: [a=1]', ''].join('\n'),
  'base/deploy.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '      - name: app',
    '        image: nginx:1.0',
    '        envFrom:',
    '        - configMapRef:',
    '            name: settings',
    '',
  ].join('\n'),
  'prod/kustomization.yaml': [
    'resources:',
    '- ../base',
    'namespace: prod',
    'namePrefix: prod-',
    'commonLabels:',
    '  team: core',
    'images:',
    '- name: nginx',
    '  newTag: "1.27"',
    'configMapGenerator:',
    '- name: settings',
    '  behavior: merge',
    '  literals: [b=2]',
    '',
  ].join('\n'),
};
for (const [p, c] of Object.entries(files)) {
  mkdirSync(dirname(join(root, p)), { recursive: true });
  writeFileSync(join(root, p), c);
}

const result = build(join(root, 'prod'), { root });
const deploy = result.resources.find((r) => r.body.kind === 'Deployment')!;
const cm = result.resources.find((r) => r.body.kind === 'ConfigMap')!;

describe('provenance of a rendered overlay', () => {
  it('keeps the defining file and line of each object', () => {
    expect(deploy.origin).toEqual({ file: 'base/deploy.yaml', line: 1 });
    expect(cm.origin).toEqual({ file: 'base/kustomization.yaml', line: 4 });
  });

  it('attributes transformer-written fields to the configuring kustomization line', () => {
    expect(locate(deploy, ['metadata', 'namespace'])).toMatchObject({ file: 'prod/kustomization.yaml', line: 3 });
    expect(locate(deploy, ['metadata', 'name'])).toMatchObject({ file: 'prod/kustomization.yaml', line: 4 });
    expect(locate(deploy, ['metadata', 'labels', 'team'])).toMatchObject({ file: 'prod/kustomization.yaml', line: 5 });
    expect(locate(deploy, ['spec', 'template', 'spec', 'containers', 0, 'image'])).toMatchObject({ file: 'prod/kustomization.yaml', line: 8 });
  });

  it('keeps untouched fields at their source line', () => {
    expect(locate(deploy, ['spec', 'template', 'spec', 'containers', 0, 'name'])).toMatchObject({ file: 'base/deploy.yaml', line: 9 });
  });

  it('points merged generator data at the generator that wrote each key', () => {
    expect(locate(cm, ['data', 'a'])).toMatchObject({ file: 'base/kustomization.yaml', line: 4 });
    expect(locate(cm, ['data', 'b'])).toMatchObject({ file: 'prod/kustomization.yaml', line: 11 });
  });

  it('rewrites references to the renamed, hashed ConfigMap', () => {
    const ref = (deploy.body as any).spec.template.spec.containers[0].envFrom[0].configMapRef.name;
    expect(ref).toBe((cm.body as any).metadata.name);
    expect(ref).toMatch(/^prod-settings-[a-z0-9]{10}$/);
  });

  it('lists every kustomization loaded, outermost first, with field lines', () => {
    expect(result.kustomizations.map((k) => k.file)).toEqual(['prod/kustomization.yaml', 'base/kustomization.yaml']);
    expect(result.kustomizations[0]!.kind).toBe('Kustomization');
    expect(result.kustomizations[0]!.fields.namePrefix).toMatchObject({ line: 4 });
  });
});

describe('deprecation warnings', () => {
  it('reports each deprecated field once per kustomization, in kustomize wording', () => {
    expect(result.warnings).toEqual([
      "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    ]);
  });
});

describe('provenance of rewritten references', () => {
  it('points a rewritten reference at what set the target name', () => {
    const loc = locate(deploy, ['spec', 'template', 'spec', 'containers', 0, 'envFrom', 0, 'configMapRef', 'name']);
    expect(loc).toEqual(locate(cm, ['metadata', 'name']));
  });
});
