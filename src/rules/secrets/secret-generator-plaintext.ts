import { yamlBlock } from '../shared/snippet.js';
import { committedSecretEntries, isGeneratedSecret, worthMasking } from '../../analysis/secrets/scan.js';
import { nameOf } from '../../core/resource.js';
import { defineRule } from '../../engine/rule.js';
import { baseTree, EXAMPLE_PASSWORD } from './examples.js';

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
        description: 'The prod overlay generates the database Secret from a literal written in its kustomization.',
        files: baseTree({ 'overlays/prod/kustomization.yaml': `resources:\n  - ../../base\nsecretGenerator:\n  - name: db\n    literals:\n      - password=${EXAMPLE_PASSWORD}\n` }),
        entry: 'overlays/prod',
        message: 'builds a Secret from committed values',
      },
      {
        description: 'The generator reads a committed env file: the values are in the repository all the same.',
        files: baseTree({
          'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nsecretGenerator:\n  - name: db\n    envs:\n      - db.env\n',
          'overlays/prod/db.env': `username=app\npassword=${EXAMPLE_PASSWORD}\n`,
        }),
        entry: 'overlays/prod',
        message: '(password, username; values not shown)',
      },
    ],
    good: [
      {
        description: 'The prod overlay adds an ExternalSecret; the Secret comes from the secret store and the kustomization holds no value.',
        files: baseTree({
          'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - external-secret.yaml\n',
          'overlays/prod/external-secret.yaml':
            'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\nspec:\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n  target: {name: db}\n  data:\n    - secretKey: password\n      remoteRef: {key: prod/db, property: password}\n',
        }),
        entry: 'overlays/prod',
      },
      {
        description: 'The generated value is a variable that the deployment tool substitutes (Flux `postBuild.substituteFrom`).',
        files: baseTree({ 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nsecretGenerator:\n  - name: db\n    literals:\n      - password=${DB_PASSWORD}\n' }),
        entry: 'overlays/prod',
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
