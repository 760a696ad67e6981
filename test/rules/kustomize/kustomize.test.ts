import { describe, expect, it } from 'vitest';
import { rule as kustomizeDeprecatedField } from '../../../src/rules/kustomize/kustomize-deprecated-field.js';
import { rules } from '../../../src/rules/kustomize/index.js';
import { rule as overlayCopiesBase } from '../../../src/rules/kustomize/overlay-copies-base.js';
import { checkEstate } from '../../../src/index.js';
import { runRule } from '../../helpers/rules.js';
import { deployment, what, where } from '../availability/helpers.js';
import { renderTree } from './render.js';

const base = {
  'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
  'base/deploy.yaml': deployment('api', {
    replicas: 1,
    podSpec: '          ports:\n            - containerPort: 8080\n          env:\n            - name: A\n              value: "1"\n            - name: B\n              value: "2"',
  }),
};

describe('kustomize rules: metadata', () => {
  it('every rule has an id, rationale and a YAML remediation', () => {
    for (const r of rules) {
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.concern).toBe('kustomize');
      expect(r.meta.remediation).toContain('```yaml');
    }
  });
});

describe('kustomize-deprecated-field', () => {
  it('passes a kustomization with current fields', () => {
    const estate = renderTree(
      { ...base, 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nlabels:\n  - pairs:\n      env: prod\npatches:\n  - path: replicas.yaml\n', 'overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n' },
      'overlays/prod',
    );
    expect(runRule(kustomizeDeprecatedField, estate)).toEqual([]);
  });
  it('fails each deprecated field at its line in the kustomization that uses it', () => {
    const estate = renderTree(
      {
        ...base,
        'overlays/prod/kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nbases:\n  - ../../base\ncommonLabels:\n  env: prod\npatchesStrategicMerge:\n  - replicas.yaml\n',
        'overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n',
      },
      'overlays/prod',
    );
    const r = runRule(kustomizeDeprecatedField, estate);
    expect(r.map(where)).toEqual(['overlays/prod/kustomization.yaml:3', 'overlays/prod/kustomization.yaml:5', 'overlays/prod/kustomization.yaml:7']);
    expect(r.map((x) => x.message)).toEqual([
      "'bases' is deprecated in overlays/prod/kustomization.yaml; use `resources`",
      "'commonLabels' is deprecated in overlays/prod/kustomization.yaml; use `labels` (with `includeSelectors: true` to keep selector behaviour)",
      "'patchesStrategicMerge' is deprecated in overlays/prod/kustomization.yaml; use `patches`",
    ]);
    expect(String(r[0]!.resource.body.kind)).toBe('Kustomization');
  });
  it('is waived by an inline comment in the kustomization file', () => {
    const estate = renderTree(
      {
        ...base,
        'overlays/prod/kustomization.yaml':
          'bases:  # prodgate-waive kustomize-deprecated-field reason="migrating with kustomize edit fix in OPS-7" expires=2026-12-31\n  - ../../base\n',
      },
      'overlays/prod',
    );
    const findings = checkEstate(estate, { rules: [kustomizeDeprecatedField], today: '2026-06-01' }).findings;
    expect(findings.map((f) => [f.rule, f.waived?.reason ?? null])).toEqual([['kustomize-deprecated-field', 'migrating with kustomize edit fix in OPS-7']]);
  });
  it('finds deprecated fields in a base too', () => {
    const estate = renderTree(
      {
        'base/kustomization.yaml': 'resources:\n  - deploy.yaml\ncommonLabels:\n  team: shop\n',
        'base/deploy.yaml': base['base/deploy.yaml'],
        'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n',
      },
      'overlays/prod',
    );
    expect(runRule(kustomizeDeprecatedField, estate).map(where)).toEqual(['base/kustomization.yaml:3']);
  });
});

/** An overlay over `base` with one strategic merge patch file, `overlays/prod/deploy.yaml`. */
function overlayPatch(patch: string): Record<string, string> {
  return { 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: deploy.yaml\n', 'overlays/prod/deploy.yaml': patch };
}

describe('overlay-copies-base', () => {
  it('passes an overlay that patches only what differs', () => {
    const estate = renderTree(
      { ...base, 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n', 'overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n' },
      'overlays/prod',
    );
    expect(runRule(overlayCopiesBase, estate)).toEqual([]);
  });
  it('fails an overlay patch that restates the whole base resource, at the patch', () => {
    const copy = base['base/deploy.yaml'].replace('replicas: 1', 'replicas: 3');
    const estate = renderTree({ ...base, ...overlayPatch(copy) }, 'overlays/prod');
    const r = runRule(overlayCopiesBase, estate);
    expect(r.map(what)).toEqual(['Deployment/api ']);
    expect(r.map(where)).toEqual([`overlays/prod/deploy.yaml:${copy.split('\n').indexOf('kind: Deployment') + 1}`]);
    expect(r[0]!.message).toBe(
      'patch overlays/prod/deploy.yaml copies the base instead of patching it: it restates 10 of the 10 fields Deployment api has in base/deploy.yaml; keep only the fields that differ',
    );
  });
  it('counts fields a patch restates with the same value, and finds a copy with a few changes', () => {
    const copy = base['base/deploy.yaml'].replace('replicas: 1', 'replicas: 3').replace('value: "2"', 'value: "20"');
    const r = runRule(overlayCopiesBase, renderTree({ ...base, ...overlayPatch(copy) }, 'overlays/prod'));
    expect(r.map((x) => x.message.match(/restates \d+ of the \d+ fields/)?.[0])).toEqual(['restates 10 of the 10 fields']);
  });
  it('passes a long patch that adds fields to a small base instead of restating it', () => {
    const additions = deployment('api', {
      replicas: 3,
      extraSpec: '  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0',
      podSpec: [
        '          resources:',
        '            requests: {cpu: 100m, memory: 128Mi}',
        '            limits: {cpu: "1", memory: 512Mi}',
        '          readinessProbe:',
        '            httpGet: {path: /ready, port: 8080}',
        '            periodSeconds: 5',
        '          livenessProbe:',
        '            httpGet: {path: /live, port: 8080}',
        '          securityContext:',
        '            runAsNonRoot: true',
        '            readOnlyRootFilesystem: true',
        '            allowPrivilegeEscalation: false',
        '        - name: proxy',
        '          image: example/proxy:2.1.0',
        '          args: ["--upstream", "127.0.0.1:8080", "--port", "9090"]',
      ].join('\n'),
    })
      // Only the container it patches and the fields it adds: selector and labels stay in the base.
      .replace(/  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n/, '  template:\n')
      .replace('          image: example/api:1.0.0\n', '');
    const estate = renderTree({ ...base, ...overlayPatch(additions) }, 'overlays/prod');
    expect(estate.resources[0]!.body.spec).toMatchObject({ replicas: 3, strategy: { type: 'RollingUpdate' } });
    expect(runRule(overlayCopiesBase, estate)).toEqual([]);
    // Only what it wrote over the base counts: replicas and the container name that locates it.
    const all = runRule(overlayCopiesBase, estate, { params: { patchRatio: 0.01 } });
    expect(all.map((x) => x.message.match(/restates \d+ of the \d+ fields/)?.[0])).toEqual(['restates 2 of the 10 fields']);
  });
  it('takes its threshold from patchRatio', () => {
    // replicas, image and one env value, with the container and env names that locate them: 5 of the 10 base fields.
    const patch = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  replicas: 3',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: main',
      '          image: example/api:1.1.0',
      '          env:',
      '            - name: A',
      '              value: "10"',
      '',
    ].join('\n');
    const estate = renderTree({ ...base, ...overlayPatch(patch) }, 'overlays/prod');
    expect(runRule(overlayCopiesBase, estate)).toEqual([]);
    const r = runRule(overlayCopiesBase, estate, { params: { patchRatio: 0.5 } });
    expect(r.map((x) => x.message.match(/restates \d+ of the \d+ fields/)?.[0])).toEqual(['restates 5 of the 10 fields']);
    expect(r.map(where)).toEqual(['overlays/prod/deploy.yaml:2']);
  });
  it('is waived by an inline comment in the patch', () => {
    const copy = `# prodgate-waive overlay-copies-base reason="prod pins its own copy until OPS-42 lands" expires=2026-12-31\n${base['base/deploy.yaml'].replace('replicas: 1', 'replicas: 3')}`;
    const estate = renderTree({ ...base, ...overlayPatch(copy) }, 'overlays/prod');
    const findings = checkEstate(estate, { rules: [overlayCopiesBase], today: '2026-06-01' }).findings;
    expect(findings.map((f) => [f.rule, `${f.location?.file}:${f.location?.line}`, f.waived?.reason ?? null])).toEqual([
      ['overlay-copies-base', 'overlays/prod/deploy.yaml:3', 'prod pins its own copy until OPS-42 lands'],
    ]);
  });
  it('fails an overlay resource that duplicates a base resource under a new name, on the overlay copy', () => {
    const copy = base['base/deploy.yaml'].replace('name: api\n', 'name: api-prod\n').replace('replicas: 1', 'replicas: 3');
    const estate = renderTree(
      { ...base, 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - deploy-prod.yaml\n', 'overlays/prod/deploy-prod.yaml': copy },
      'overlays/prod',
    );
    const r = runRule(overlayCopiesBase, estate);
    expect(r.map(what)).toEqual(['Deployment/api-prod ']);
    expect(r.map(where)).toEqual(['overlays/prod/deploy-prod.yaml:1']);
  });
  it('does not compare sibling bases', () => {
    const copy = base['base/deploy.yaml'].replace('name: api\n', 'name: api-v2\n');
    const estate = renderTree(
      {
        ...base,
        'base-v2/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
        'base-v2/deploy.yaml': copy,
        'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - ../../base-v2\n',
      },
      'overlays/prod',
    );
    expect(runRule(overlayCopiesBase, estate)).toEqual([]);
  });
  it('finds a copy of a resource from a base included through an intermediate layer', () => {
    const copy = base['base/deploy.yaml'].replace('name: api\n', 'name: api-prod\n');
    const estate = renderTree(
      {
        ...base,
        'mid/kustomization.yaml': 'resources:\n  - ../base\n',
        'overlays/prod/kustomization.yaml': 'resources:\n  - ../../mid\n  - copy.yaml\n',
        'overlays/prod/copy.yaml': copy,
      },
      'overlays/prod',
    );
    expect(runRule(overlayCopiesBase, estate).map(where)).toEqual(['overlays/prod/copy.yaml:1']);
  });
  it('does not compare unrelated resources or plain manifests', () => {
    const other = deployment('worker', { replicas: 1 });
    const estate = renderTree(
      { ...base, 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - worker.yaml\n', 'overlays/prod/worker.yaml': other },
      'overlays/prod',
    );
    expect(runRule(overlayCopiesBase, estate)).toEqual([]);
    expect(runRule(overlayCopiesBase, `${base['base/deploy.yaml']}---\n${base['base/deploy.yaml'].replace('name: api\n', 'name: api-2\n')}`)).toEqual([]);
  });
});
