import { scanConfigMap } from '../../analysis/secrets/scan.js';
import { nameOf } from '../../core/resource.js';
import type { Rule } from '../../engine/types.js';
import { reportHit } from './shared.js';

export const rule: Rule = {
  meta: {
    id: 'secret-in-configmap',
    title: 'ConfigMaps hold no secrets',
    concern: 'secrets',
    severity: 'error',
    rationale:
      'ConfigMaps are readable by anyone who can read the namespace configuration, are printed by `kubectl describe`, and land in Git in plain text: a password, token, key or credentialed connection string there is leaked.',
    remediation: [
      'Move the value to a Secret that comes from a secret store, and reference it from the pod:',
      '',
      '```yaml',
      'env:',
      '  - name: DATABASE_URL',
      '    valueFrom:',
      '      secretKeyRef:',
      '        name: db-credentials',
      '        key: url',
      '```',
    ].join('\n'),
  },
  check(ctx) {
    for (const r of ctx.estate.byKind('ConfigMap')) {
      for (const hit of scanConfigMap(r, ctx.secrets)) reportHit(ctx, hit, `ConfigMap/${nameOf(r)}`);
    }
  },
};
