import { scanAnnotations } from '../../analysis/secrets/scan.js';
import { kindOf, nameOf } from '../../core/resource.js';
import type { Rule } from '../../engine/types.js';
import { reportHit } from './shared.js';

export const rule: Rule = {
  meta: {
    id: 'secret-in-annotation',
    title: 'Annotations hold no secrets',
    concern: 'secrets',
    severity: 'error',
    rationale:
      'Annotations are readable by anyone who can list the object and are copied by tools (last-applied-configuration, GitOps controllers); a token or password there leaks.',
    remediation: [
      'Keep the value in a Secret and point to it by name:',
      '',
      '```yaml',
      'metadata:',
      '  annotations:',
      '    example.com/credentials-secret: webhook-credentials',
      '```',
    ].join('\n'),
  },
  check(ctx) {
    for (const r of ctx.estate.resources) {
      if (kindOf(r) === 'Secret') continue;
      for (const hit of scanAnnotations(ctx.estate, r, ctx.secrets)) reportHit(ctx, hit, `${kindOf(r)}/${nameOf(r)}`);
    }
  },
};
