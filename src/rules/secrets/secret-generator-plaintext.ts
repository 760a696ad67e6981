import { committedSecretEntries, isGeneratedSecret, worthMasking } from '../../analysis/secrets/scan.js';
import { nameOf } from '../../core/resource.js';
import type { Rule } from '../../engine/types.js';

export const rule: Rule = {
  meta: {
    id: 'secret-generator-plaintext',
    title: 'No secretGenerator reads committed literals or files',
    concern: 'secrets',
    severity: 'error',
    rationale:
      'A `secretGenerator` with `literals`, `files` or `envs` makes a Secret out of values that live in the repository: the credential is committed even though no `kind: Secret` is written by hand.',
    remediation: [
      'Drop the generator and reference the secret from a secret store (or generate it from a file that is never committed and encrypted with SOPS):',
      '',
      '```yaml',
      '# kustomization.yaml',
      'resources:',
      '  - external-secret.yaml   # an ExternalSecret named like the generated Secret',
      '```',
    ].join('\n'),
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
};
