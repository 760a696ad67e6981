import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/index.js';
import { writeTree } from './helpers.js';
import { imageTagRule, privilegedRule, replicasRule } from './test-rules.js';

const base = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: api
          image: shop/api
        - name: proxy
          image: envoy:1.30
`;
const patch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: proxy
          securityContext:
            privileged: true
`;

function tree(extra: Record<string, string> = {}) {
  return writeTree({
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/deployment.yaml': base,
    'overlays/prod/kustomization.yaml': 'namespace: shop\nresources:\n  - ../../base\npatches:\n  - path: patches/api.yaml\n',
    'overlays/prod/patches/api.yaml': patch,
    ...extra,
  });
}

describe('kustomize estates', () => {
  it('locate findings in the base or the patch that set the field', () => {
    const dir = tree();
    const run = runCheck({ inputs: ['overlays/prod'], rules: [imageTagRule, privilegedRule, replicasRule], load: { root: dir } });
    expect(run.findings.map((f) => [f.rule, f.object.namespace, f.path, `${f.location?.file}:${f.location?.line}`])).toEqual([
      ['test-replicas', 'shop', 'spec.replicas', 'base/deployment.yaml:6'],
      ['test-image-tag', 'shop', 'spec.template.spec.containers[name=api].image', 'base/deployment.yaml:11'],
      ['test-privileged', 'shop', 'spec.template.spec.containers[name=proxy].securityContext.privileged', 'overlays/prod/patches/api.yaml:11'],
    ]);
  });

  it('searching a tree checks the overlay, not the base on its own', () => {
    const run = runCheck({ inputs: ['.'], rules: [imageTagRule], load: { root: tree() } });
    expect(run.targets.map((t) => [t.path, t.type])).toEqual([['overlays/prod', 'kustomize']]);
  });

  it('honour inline waivers written in the base and in a patch', () => {
    const dir = tree({
      'base/deployment.yaml': `# prodgate-waive test-image-tag reason="built in-house, tag set by CI" expires=2030-01-01\n${base}`,
      'overlays/prod/patches/api.yaml': `# prodgate-waive test-privileged container=proxy reason="needs NET_ADMIN" expires=2030-01-01\n${patch}`,
    });
    const run = runCheck({ inputs: ['overlays/prod'], rules: [imageTagRule, privilegedRule], load: { root: dir }, today: '2026-06-01' });
    expect(run.findings.map((f) => [f.rule, f.waived?.reason ?? null])).toEqual([
      ['test-image-tag', 'built in-house, tag set by CI'],
      ['test-privileged', 'needs NET_ADMIN'],
    ]);
    expect(run.passed).toBe(true);
  });

  it('judge a waiver that commonAnnotations copies onto many objects once', () => {
    const dir = tree({
      'overlays/prod/kustomization.yaml':
        'namespace: shop\nresources:\n  - ../../base\n  - cm.yaml\npatches:\n  - path: patches/api.yaml\ncommonAnnotations:\n  prodgate.dev/waive.test-image-tag: reason="tags set by CI" expires=2030-01-01\n',
      'overlays/prod/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n',
    });
    const run = runCheck({ inputs: ['overlays/prod'], rules: [imageTagRule], load: { root: dir }, today: '2026-06-01' });
    // Used on the Deployment, so not unused because the ConfigMap has no image finding.
    expect(run.findings.map((f) => [f.rule, f.object.kind, f.waived !== null])).toEqual([['test-image-tag', 'Deployment', true]]);
    // A blanket waiver that waives nothing anywhere is reported once, not once per object.
    const blanket = tree({
      'overlays/prod/kustomization.yaml':
        'namespace: shop\nresources:\n  - ../../base\n  - cm.yaml\ncommonAnnotations:\n  prodgate.dev/waive.test-privileged: reason="x" expires=2030-01-01\n',
      'overlays/prod/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n',
    });
    const stale = runCheck({ inputs: ['overlays/prod'], rules: [imageTagRule, privilegedRule], load: { root: blanket }, today: '2026-06-01' });
    expect(stale.findings.filter((f) => f.rule === 'waiver-unused').map((f) => f.location?.file)).toEqual(['overlays/prod/kustomization.yaml']);
  });

  it('call a waiver in a shared base unused only if no overlay of the run uses it', () => {
    const dir = tree({
      'base/deployment.yaml': base.replace(
        '  name: api\n',
        '  name: api\n  annotations:\n    prodgate.dev/waive.test-image-tag.api: reason="tag set by CI" expires=2030-01-01\n',
      ),
      // The staging overlay pins the image, so the waiver has nothing to waive there.
      'overlays/staging/kustomization.yaml': 'namespace: staging\nresources:\n  - ../../base\nimages:\n  - name: shop/api\n    newTag: "1.2.3"\n',
    });
    const both = runCheck({ inputs: ['overlays'], rules: [imageTagRule], load: { root: dir }, today: '2026-06-01' });
    expect(both.targets.map((t) => t.path)).toEqual(['overlays/prod', 'overlays/staging']);
    expect(both.findings.map((f) => [f.rule, f.object.namespace, f.waived !== null])).toEqual([['test-image-tag', 'shop', true]]);
    const stagingOnly = runCheck({ inputs: ['overlays/staging'], rules: [imageTagRule], load: { root: dir }, today: '2026-06-01' });
    expect(stagingOnly.findings.map((f) => [f.rule, f.location?.file])).toEqual([['waiver-unused', 'base/deployment.yaml']]);
  });

  it('honour waiver annotations added by an overlay patch', () => {
    const dir = tree({
      'overlays/prod/patches/api.yaml': patch.replace(
        '  name: api\n',
        '  name: api\n  annotations:\n    prodgate.dev/waive.test-privileged.proxy: reason="needs NET_ADMIN" expires=2020-01-01\n',
      ),
    });
    const run = runCheck({ inputs: ['overlays/prod'], rules: [privilegedRule], load: { root: dir }, today: '2026-06-01' });
    expect(run.findings.map((f) => [f.rule, f.waived, `${f.location?.file}:${f.location?.line}`])).toEqual([
      ['waiver-expired', null, 'overlays/prod/patches/api.yaml:6'],
      ['test-privileged', null, 'overlays/prod/patches/api.yaml:13'],
    ]);
  });
});
