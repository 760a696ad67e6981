import { yamlBlock } from '../shared/snippet.js';
import { committedSecretEntries, isGeneratedSecret, worthMasking } from '../../analysis/secrets/scan.js';
import { kindOf, nameOf } from '../../core/resource.js';
import { defineRule } from '../../engine/rule.js';
import { manifests } from '../shared/examples.js';
import { EXAMPLE_PASSWORD, secretObject } from './examples.js';

export const rule = defineRule({
  id: 'secret-plaintext',
  title: 'No Secret is committed with its values',
  concern: 'secrets',
  severity: 'error',
  rationale:
    'A `kind: Secret` with `data` or `stringData` in the repository puts the credential in Git history for everyone with read access; base64 is an encoding, not encryption. Commit a reference (ExternalSecret), a SealedSecret, or a SOPS-encrypted file instead.',
  remediation: [
    'Replace the Secret with a reference the cluster resolves at runtime:',
    '',
    yamlBlock([
      'apiVersion: external-secrets.io/v1beta1',
      'kind: ExternalSecret',
      'metadata:',
      '  name: db-credentials',
      'spec:',
      '  secretStoreRef:',
      '    kind: ClusterSecretStore',
      '    name: vault',
      '  target:',
      '    name: db-credentials',
      '  data:',
      '    - secretKey: password',
      '      remoteRef:',
      '        key: prod/db',
      '        property: password',
    ]),
    '',
    'Then rotate the exposed credential: it stays in Git history.',
  ].join('\n'),
  examples: {
    bad: [
      { description: 'A Secret committed with its password.', yaml: manifests(secretObject({ stringData: { password: EXAMPLE_PASSWORD } })), message: 'values not shown' },
      { description: 'Base64 is an encoding, not encryption.', yaml: manifests(secretObject({ data: { password: Buffer.from(EXAMPLE_PASSWORD).toString('base64') } })) },
    ],
    good: [
      {
        description: 'An ExternalSecret that fetches the value from the secret store.',
        yaml: manifests({
          apiVersion: 'external-secrets.io/v1beta1',
          kind: 'ExternalSecret',
          metadata: { name: 'db' },
          spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, target: { name: 'db' }, data: [{ secretKey: 'password', remoteRef: { key: 'prod/db', property: 'password' } }] },
        }),
      },
      { description: 'A value substituted at deploy time.', yaml: manifests(secretObject({ stringData: { password: '${DB_PASSWORD}' } })) },
    ],
  },
  check(ctx) {
    for (const r of ctx.estate.byKind('Secret')) {
      if (isGeneratedSecret(r)) continue;
      const entries = committedSecretEntries(r);
      if (entries.length === 0) continue;
      for (const e of entries) if (worthMasking(e)) ctx.secrets.add(e.value);
      const keys = entries.map((e) => `${e.path[0]}.${e.key}`);
      ctx.report({
        resource: r,
        path: entries[0]!.path,
        message: `${kindOf(r)}/${nameOf(r)} is committed with ${entries.length} value${entries.length === 1 ? '' : 's'} in plain text (${keys.join(', ')}; values not shown)`,
      });
    }
  },
});
