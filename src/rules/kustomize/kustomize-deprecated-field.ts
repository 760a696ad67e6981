
import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { kustomizationResource } from './layers.js';
import { deployment } from '../shared/examples.js';

const base = { 'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n', 'base/deployment.yaml': deployment() };

/** Deprecated kustomization fields (kustomize v5 warns about each) and what replaces them. */
export const deprecatedFields: Record<string, string> = {
  bases: '`resources`',
  commonLabels: '`labels` (with `includeSelectors: true` to keep selector behaviour)',
  imageTags: '`images`',
  patchesJson6902: '`patches`',
  patchesStrategicMerge: '`patches`',
  vars: '`replacements`',
};

const byLowerName = new Map(Object.keys(deprecatedFields).map((k) => [k.toLowerCase(), k]));

/** Reported once per field and kustomization file, at the line the field is written on. */
export const rule = defineRule({
  id: 'kustomize-deprecated-field',
  title: 'Kustomizations use no deprecated fields',
  concern: 'kustomize',
  severity: 'warning',
  rationale:
    'Kustomize v5 deprecates `bases`, `commonLabels`, `imageTags`, `patchesJson6902`, `patchesStrategicMerge` and `vars`; ' +
    'they print warnings on every build and will be removed. `kustomize edit fix` rewrites most of them.',
  remediation:
    'Run `kustomize edit fix`, or rewrite the fields by hand:\n\n' +
    yamlBlock([
      'resources:            # was: bases',
      '  - ../../base',
      'labels:               # was: commonLabels',
      '  - pairs:',
      '      env: prod',
      '    includeSelectors: true',
      'patches:              # was: patchesStrategicMerge / patchesJson6902',
      '  - path: patches/api.yaml',
    ]),
  examples: {
    bad: [
      {
        description: 'An overlay written with `bases`, `commonLabels` and `patchesStrategicMerge`.',
        files: {
          ...base,
          'overlays/prod/kustomization.yaml': 'bases:\n  - ../../base\ncommonLabels:\n  env: prod\npatchesStrategicMerge:\n  - replicas.yaml\n',
          'overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n',
        },
        entry: 'overlays/prod',
        message: "'bases' is deprecated",
      },
      {
        description: 'Checking the overlay also reports the `commonLabels` of the base it builds on.',
        files: {
          'base/kustomization.yaml': 'resources:\n  - deployment.yaml\ncommonLabels:\n  team: shop\n',
          'base/deployment.yaml': deployment(),
          'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n',
        },
        entry: 'overlays/prod',
        message: "'commonLabels' is deprecated in base/kustomization.yaml",
      },
    ],
    good: [
      {
        description: 'The same overlay with `resources`, `labels` and `patches`.',
        files: {
          ...base,
          'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nlabels:\n  - pairs:\n      env: prod\n    includeSelectors: true\npatches:\n  - path: replicas.yaml\n',
          'overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n',
        },
        entry: 'overlays/prod',
      },
      {
        description: 'The base sets its labels with `labels`.',
        files: {
          'base/kustomization.yaml': 'resources:\n  - deployment.yaml\nlabels:\n  - pairs:\n      team: shop\n',
          'base/deployment.yaml': deployment(),
          'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n',
        },
        entry: 'overlays/prod',
      },
    ],
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const k of ctx.estate.kustomizations) {
      if (seen.has(k.file)) continue;
      seen.add(k.file);
      let resource: ReturnType<typeof kustomizationResource> | undefined;
      for (const [field, location] of Object.entries(k.fields)) {
        const canonical = byLowerName.get(field.toLowerCase());
        if (!canonical) continue;
        resource ??= kustomizationResource(k);
        ctx.report({
          resource,
          path: [field],
          location,
          message: `'${canonical}' is deprecated in ${k.file}; use ${deprecatedFields[canonical]}`,
        });
      }
    }
  },
});
