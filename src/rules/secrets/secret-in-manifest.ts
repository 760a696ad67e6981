import { yamlBlock } from '../shared/snippet.js';
import { scanOtherFields } from '../../analysis/secrets/scan.js';
import { kindOf, nameOf } from '../../core/resource.js';
import { defineRule } from '../../engine/rule.js';
import { reportHit } from './shared.js';
import { manifests } from '../shared/examples.js';
import { EXAMPLE_PASSWORD } from './examples.js';

const database = (auth: Record<string, unknown>) => manifests({ apiVersion: 'example.org/v1', kind: 'Database', metadata: { name: 'catalog' }, spec: { auth } });

export const rule = defineRule({
  id: 'secret-in-manifest',
  title: 'No secret is written into any other field',
  concern: 'secrets',
  severity: 'error',
  rationale:
    'Custom resources, Ingress and Service specs, and every other field end up in Git and in the API server in plain text: private keys, provider tokens, credentialed URLs and password fields there are leaked.',
  remediation: [
    'Use the field’s secret reference form instead of the literal (most operators offer one):',
    '',
    yamlBlock([
      'spec:',
      '  auth:',
      '    passwordSecretRef:',
      '      name: db-credentials',
      '      key: password',
    ]),
  ].join('\n'),
  examples: {
    bad: [{ description: 'A password field in a custom resource.', yaml: database({ password: EXAMPLE_PASSWORD }) }],
    good: [{ description: 'The custom resource refers to a Secret.', yaml: database({ passwordSecretRef: { name: 'db', key: 'password' } }) }],
  },
  check(ctx) {
    for (const r of ctx.estate.resources) {
      for (const hit of scanOtherFields(ctx.estate, r, ctx.secrets)) reportHit(ctx, hit, `${kindOf(r)}/${nameOf(r)}`);
    }
  },
});
