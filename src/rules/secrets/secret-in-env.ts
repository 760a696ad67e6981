import { scanContainers } from '../../analysis/secrets/scan.js';
import { kindOf, nameOf } from '../../core/resource.js';
import type { Rule } from '../../engine/types.js';
import { reportHit } from './shared.js';

export const rule: Rule = {
  meta: {
    id: 'secret-in-env',
    title: 'Containers get secrets from Secrets, not literals',
    concern: 'secrets',
    severity: 'error',
    rationale:
      'An `env[].value`, `args` or `command` literal is part of the manifest: it is committed, shown by `kubectl get -o yaml` to anyone who can read the workload, and copied into every ReplicaSet.',
    remediation: [
      'Reference the Secret instead of writing the value:',
      '',
      '```yaml',
      'env:',
      '  - name: DB_PASSWORD',
      '    valueFrom:',
      '      secretKeyRef:',
      '        name: db-credentials',
      '        key: password',
      '```',
    ].join('\n'),
  },
  check(ctx) {
    for (const t of ctx.estate.podTemplates()) {
      const r = t.workload;
      for (const hit of scanContainers(ctx.estate, r, ctx.secrets)) reportHit(ctx, hit, `${kindOf(r)}/${nameOf(r)}`);
    }
  },
};
