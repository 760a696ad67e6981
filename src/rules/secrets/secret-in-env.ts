import { yamlBlock } from '../shared/snippet.js';
import { scanContainers } from '../../analysis/secrets/scan.js';
import { kindOf, nameOf } from '../../core/resource.js';
import { defineRule } from '../../engine/rule.js';
import { reportHit } from './shared.js';
import { deployment } from '../shared/examples.js';
import { EXAMPLE_PASSWORD } from './examples.js';

export const rule = defineRule({
  id: 'secret-in-env',
  title: 'Containers get secrets from Secrets, not literals',
  concern: 'secrets',
  severity: 'error',
  rationale:
    'An `env[].value`, `args` or `command` literal is part of the manifest: it is committed, shown by `kubectl get -o yaml` to anyone who can read the workload, and copied into every ReplicaSet.',
  remediation: [
    'Reference the Secret instead of writing the value:',
    '',
    yamlBlock([
      'env:',
      '  - name: DB_PASSWORD',
      '    valueFrom:',
      '      secretKeyRef:',
      '        name: db-credentials',
      '        key: password',
    ]),
  ].join('\n'),
  examples: {
    bad: [
      { description: 'A password as a literal environment value.', yaml: deployment(undefined, { env: [{ name: 'DB_PASSWORD', value: EXAMPLE_PASSWORD }] }), message: 'DB_PASSWORD' },
      { description: 'A password as a command-line argument.', yaml: deployment(undefined, { args: ['--password', EXAMPLE_PASSWORD] }), message: 'args' },
    ],
    good: [
      {
        description: 'The value comes from a Secret; other literals are ordinary settings.',
        yaml: deployment(undefined, {
          env: [
            { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
            { name: 'PASSWORD_FILE', value: '/run/secrets/db' },
            { name: 'NODE_ENV', value: 'production' },
          ],
        }),
      },
      {
        description: 'The Secret is mounted as a file and the argument names the file.',
        yaml: deployment(
          undefined,
          { args: ['--password-file', '/run/secrets/db/password'], volumeMounts: [{ name: 'db', mountPath: '/run/secrets/db', readOnly: true }] },
          { podSpec: { volumes: [{ name: 'db', secret: { secretName: 'db' } }] } },
        ),
      },
    ],
  },
  check(ctx) {
    for (const t of ctx.estate.podTemplates()) {
      const r = t.workload;
      for (const hit of scanContainers(ctx.estate, r, ctx.secrets)) reportHit(ctx, hit, `${kindOf(r)}/${nameOf(r)}`);
    }
  },
});
