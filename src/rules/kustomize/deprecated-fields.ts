import { yaml } from '../shared/estate-index.js';
import type { Rule } from '../../engine/types.js';
import { kustomizationResource } from './layers.js';

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
export const kustomizeDeprecatedField: Rule = {
  meta: {
    id: 'kustomize-deprecated-field',
    title: 'Kustomizations use no deprecated fields',
    concern: 'kustomize',
    severity: 'warning',
    rationale:
      'Kustomize v5 deprecates `bases`, `commonLabels`, `imageTags`, `patchesJson6902`, `patchesStrategicMerge` and `vars`; ' +
      'they print warnings on every build and will be removed. `kustomize edit fix` rewrites most of them.',
    remediation:
      'Run `kustomize edit fix`, or rewrite the fields by hand:\n\n' +
      yaml([
        'resources:            # was: bases',
        '  - ../../base',
        'labels:               # was: commonLabels',
        '  - pairs:',
        '      env: prod',
        '    includeSelectors: true',
        'patches:              # was: patchesStrategicMerge / patchesJson6902',
        '  - path: patches/api.yaml',
      ]),
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
};
