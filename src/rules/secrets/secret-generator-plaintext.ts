import { yamlBlock } from '../shared/snippet.js';
import { committedSecretEntries, isGeneratedSecret, worthMasking } from '../../analysis/secrets/scan.js';
import { nameOf } from '../../core/resource.js';
import { defineRule } from '../../engine/rule.js';
import { EXAMPLE_PASSWORD } from './examples.js';

export const rule = defineRule({
  id: 'secret-generator-plaintext',
  title: 'No secretGenerator reads committed literals or files',
  concern: 'secrets',
  severity: 'error',
  rationale:
    'A `secretGenerator` with `literals`, `files` or `envs` makes a Secret out of values that live in the repository: the credential is committed even though no `kind: Secret` is written by hand.',
  remediation: [
    'Drop the generator and reference the secret from a secret store (or generate it from a file that is never committed and encrypted with SOPS):',
    '',
    yamlBlock([
      '# kustomization.yaml',
      'resources:',
      '  - external-secret.yaml   # an ExternalSecret named like the generated Secret',
    ]),
  ].join('\n'),
  examples: {
    bad: [
      {
        description: 'A secretGenerator with the password as a literal in the kustomization.',
        files: { 'kustomization.yaml': `secretGenerator:\n  - name: db\n    literals:\n      - password=${EXAMPLE_PASSWORD}\n` },
        message: 'builds a Secret from committed values',
      },
    ],
    good: [
      {
        description: 'The Secret comes from the secret store; the kustomization holds no value.',
        files: {
          'kustomization.yaml': 'resources:\n  - external-secret.yaml\n',
          'external-secret.yaml':
            'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\nspec:\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n  target: {name: db}\n  data:\n    - secretKey: password\n      remoteRef: {key: prod/db, property: password}\n',
        },
      },
    ],
  },
  check(ctx) {
    for (const r of ctx.estate.byKind('Secret')) {
      if (!isGeneratedSecret(r)) continue;
      const entries = committedSecretEntries(r);
      if (entries.length === 0) continue;
      for (const e of entries) if (worthMasking(e)) ctx.secrets.add(e.value);
      ctx.report({
        resource: r,
        path: entries[0]!.path,
        location: r.origin,
        message: `secretGenerator ${nameOf(r)} builds a Secret from committed values (${entries.map((e) => e.key).join(', ')}; values not shown)`,
      });
    }
  },
});
