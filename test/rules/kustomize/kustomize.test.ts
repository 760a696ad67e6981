import { describe, expect, it } from 'vitest';
import { kustomizeDeprecatedField } from '../../../src/rules/kustomize/deprecated-fields.js';
import { rules } from '../../../src/rules/kustomize/index.js';
import { overlayCopiesBase } from '../../../src/rules/kustomize/overlay-copies-base.js';
import { Estate, type KustomizationInfo } from '../../../src/model/estate.js';
import { newMap, type ValueMap } from '../../../src/model/provenance.js';
import { parseYaml } from '../../../src/yaml/parse.js';
import { checkEstate } from '../../../src/rules/engine.js';
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

describe('overlay-copies-base', () => {
  it('passes an overlay that patches only what differs', () => {
    const estate = renderTree(
      { ...base, 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n', 'overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n' },
      'overlays/prod',
    );
    expect(runRule(overlayCopiesBase, estate)).toEqual([]);
  });
  it('fails a patch that set nearly every field of a base resource (by provenance), at the patch', () => {
    // A merge that attributes every field the patch writes to the patch: the object body comes
    // from the overlay file, its origin from the base.
    const copy = base['base/deploy.yaml'].replace('replicas: 1', 'replicas: 3');
    const patched = parseYaml(copy, 'overlays/prod/deploy-copy.yaml').docs[0]!.value as ValueMap;
    const kustomizations: KustomizationInfo[] = [
      { file: 'overlays/prod/kustomization.yaml', kind: 'Kustomization', fields: {}, value: newMap() },
      { file: 'base/kustomization.yaml', kind: 'Kustomization', fields: {}, value: newMap() },
    ];
    const estate = new Estate([{ body: patched, origin: { file: 'base/deploy.yaml', line: 1 } }], { kustomizations });
    const r = runRule(overlayCopiesBase, estate);
    expect(r.map(where)).toEqual(['overlays/prod/deploy-copy.yaml:1']);
    expect(r[0]!.message).toMatch(/restates Deployment api from base\/deploy.yaml \(\d+ of \d+ fields\)/);
    expect(runRule(overlayCopiesBase, new Estate([{ body: patched, origin: { file: 'overlays/prod/x.yaml', line: 1 } }], { kustomizations }))).toEqual([]);
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
