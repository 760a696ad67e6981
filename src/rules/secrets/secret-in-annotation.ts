import { yamlBlock } from '../shared/snippet.js';
import { scanAnnotations } from '../../analysis/secrets/scan.js';
import { kindOf, nameOf } from '../../core/resource.js';
import { defineRule } from '../../engine/rule.js';
import { reportHit } from './shared.js';
import { deployment } from '../shared/examples.js';
import { exampleGitlabToken, exampleVaultToken } from './examples.js';

export const rule = defineRule({
  id: 'secret-in-annotation',
  title: 'Annotations hold no secrets',
  concern: 'secrets',
  severity: 'error',
  rationale:
    'Annotations are readable by anyone who can list the object and are copied by tools (last-applied-configuration, GitOps controllers); a token or password there leaks.',
  remediation: [
    'Keep the value in a Secret and point to it by name:',
    '',
    yamlBlock([
      'metadata:',
      '  annotations:',
      '    example.com/credentials-secret: webhook-credentials',
    ]),
  ].join('\n'),
  examples: {
    bad: [
      { description: 'A CI token in an object annotation.', yaml: deployment(undefined, {}, { annotations: { 'ci.example.org/token': exampleGitlabToken() } }), message: 'GitLab token' },
      { description: 'A Vault token in an annotation.', yaml: deployment(undefined, {}, { annotations: { 'vault.example.org/token': exampleVaultToken() } }), message: 'Vault token' },
    ],
    good: [
      { description: 'Annotations that name a Secret or a setting.', yaml: deployment(undefined, {}, { annotations: { 'reloader.stakater.com/auto': 'true', 'example.org/secret-name': 'db-credentials' } }) },
      {
        description: 'Vault Agent annotations name the secret\'s path; the value is injected at run time.',
        yaml: deployment(undefined, {}, { annotations: { 'vault.hashicorp.com/agent-inject': 'true', 'vault.hashicorp.com/role': 'api', 'vault.hashicorp.com/agent-inject-secret-db': 'database/creds/api' } }),
      },
    ],
  },
  check(ctx) {
    for (const r of ctx.estate.resources) {
      if (kindOf(r) === 'Secret') continue;
      for (const hit of scanAnnotations(ctx.estate, r, ctx.secrets)) reportHit(ctx, hit, `${kindOf(r)}/${nameOf(r)}`);
    }
  },
});
