import { scanOtherFields } from '../../analysis/secrets/scan.js';
import { kindOf, nameOf } from '../../core/resource.js';
import type { Rule } from '../../engine/types.js';
import { reportHit } from './shared.js';

export const rule: Rule = {
  meta: {
    id: 'secret-in-manifest',
    title: 'No secret is written into any other field',
    concern: 'secrets',
    severity: 'error',
    rationale:
      'Custom resources, Ingress and Service specs, and every other field end up in Git and in the API server in plain text: private keys, provider tokens, credentialed URLs and password fields there are leaked.',
    remediation: [
      'Use the field’s secret reference form instead of the literal (most operators offer one):',
      '',
      '```yaml',
      'spec:',
      '  auth:',
      '    passwordSecretRef:',
      '      name: db-credentials',
      '      key: password',
      '```',
    ].join('\n'),
  },
  check(ctx) {
    for (const r of ctx.estate.resources) {
      for (const hit of scanOtherFields(ctx.estate, r, ctx.secrets)) reportHit(ctx, hit, `${kindOf(r)}/${nameOf(r)}`);
    }
  },
};
