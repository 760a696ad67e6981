import { yamlBlock } from '../shared/snippet.js';
import { scanOtherFields } from '../../analysis/secrets/scan.js';
import { kindOf, nameOf } from '../../core/resource.js';
import { defineRule } from '../../engine/rule.js';
import { reportHit } from './shared.js';
import { manifests } from '../shared/examples.js';
import { EXAMPLE_PASSWORD, exampleGitlabToken } from './examples.js';

const application = (repoURL: string) =>
  manifests({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'shop', namespace: 'argocd' },
    spec: { project: 'default', source: { repoURL, path: 'overlays/prod', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' } },
  });

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
    bad: [
      { description: 'A password field in a custom resource.', yaml: database({ password: EXAMPLE_PASSWORD }), message: 'spec.auth.password' },
      { description: 'An access token in the repository URL of an Argo CD Application.', yaml: application(`https://oauth2:${exampleGitlabToken()}@gitlab.acme.dev/shop/deploy.git`), message: 'spec.source.repoURL' },
    ],
    good: [
      { description: 'The custom resource refers to a Secret.', yaml: database({ passwordSecretRef: { name: 'db', key: 'password' } }) },
      { description: 'The repository URL carries no credentials (Argo CD reads them from its repository Secret).', yaml: application('https://gitlab.acme.dev/shop/deploy.git') },
    ],
  },
  check(ctx) {
    for (const r of ctx.estate.resources) {
      for (const hit of scanOtherFields(ctx.estate, r, ctx.secrets)) reportHit(ctx, hit, `${kindOf(r)}/${nameOf(r)}`);
    }
  },
});
