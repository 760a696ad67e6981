import { yamlBlock } from '../shared/snippet.js';
import { scanConfigMap } from '../../analysis/secrets/scan.js';
import { nameOf } from '../../core/resource.js';
import { defineRule } from '../../engine/rule.js';
import { reportHit } from './shared.js';
import { manifests } from '../shared/examples.js';
import { EXAMPLE_PASSWORD, exampleCertificate, examplePrivateKey } from './examples.js';

const configMap = (data: Record<string, string>) => manifests({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api' }, data });

export const rule = defineRule({
  id: 'secret-in-configmap',
  title: 'ConfigMaps hold no secrets',
  concern: 'secrets',
  severity: 'error',
  rationale:
    'ConfigMaps are readable by anyone who can read the namespace configuration, are printed by `kubectl describe`, and land in Git in plain text: a password, token, key or credentialed connection string there is leaked.',
  remediation: [
    'Move the value to a Secret that comes from a secret store, and reference it from the pod:',
    '',
    yamlBlock([
      'env:',
      '  - name: DATABASE_URL',
      '    valueFrom:',
      '      secretKeyRef:',
      '        name: db-credentials',
      '        key: url',
    ]),
  ].join('\n'),
  examples: {
    bad: [
      { description: 'A connection string with the password in a ConfigMap.', yaml: configMap({ DATABASE_URL: `postgres://app:${EXAMPLE_PASSWORD}@db:5432/app` }), message: 'with a password' },
      { description: 'A TLS private key in a ConfigMap.', yaml: configMap({ 'tls.crt': exampleCertificate(), 'tls.key': examplePrivateKey() }), message: 'private key' },
    ],
    good: [
      {
        description: 'The password stays in a Secret; the ConfigMap holds a reference and ordinary settings.',
        yaml: configMap({ DATABASE_URL: 'postgres://app:${DB_PASSWORD}@db:5432/app', DB_PASSWORD_SECRET: 'db-credentials', LOG_LEVEL: 'info' }),
      },
      { description: 'A CA certificate is public and may live in a ConfigMap.', yaml: configMap({ 'ca.crt': exampleCertificate() }) },
    ],
  },
  check(ctx) {
    for (const r of ctx.estate.byKind('ConfigMap')) {
      for (const hit of scanConfigMap(r, ctx.secrets)) reportHit(ctx, hit, `ConfigMap/${nameOf(r)}`);
    }
  },
});
