
import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { assumeDefinedParam, checkMissing } from './missing-object.js';
import { deploymentObject, manifests } from '../shared/examples.js';

const withSecret = (name: string) => deploymentObject(undefined, { env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name, key: 'password' } } }] });

/** A Secret counts as defined when a Secret, an ExternalSecret (target name) or a SealedSecret produces it. */
export const rule = defineRule({
  id: 'secret-not-found',
  title: 'Referenced Secrets are defined or produced by a secret controller',
  concern: 'references',
  severity: 'error',
  rationale:
    'A pod that needs a Secret nobody creates never starts. Secrets are kept out of Git, so the estate should carry the ' +
    'reference object that materialises them (ExternalSecret, SealedSecret).\n\n' +
    '*How it decides:* references come from volumes, projected volumes, `env` and `envFrom` of every container, and `imagePullSecrets`; references marked `optional: true` are exempt. A Secret is defined by a Secret, an ExternalSecret (`spec.target.name`, else its name) or a SealedSecret (its template name, else its name) in the pod\'s namespace, or by a name in `assumeDefined`.',
  remediation:
    'Add an ExternalSecret (or SealedSecret) that produces the Secret, or list the name in `assumeDefined` if another system creates it:\n\n' +
    yamlBlock([
      'apiVersion: external-secrets.io/v1beta1',
      'kind: ExternalSecret',
      'metadata:',
      '  name: api-secrets',
      'spec:',
      '  secretStoreRef:',
      '    name: vault',
      '    kind: ClusterSecretStore',
      '  target:',
      '    name: api-secrets',
      '  dataFrom:',
      '    - extract:',
      '        key: prod/api',
    ]),
  params: { assumeDefined: assumeDefinedParam },
  examples: {
    bad: [{ description: 'The pods read Secret `db`, which nothing creates.', yaml: manifests(withSecret('db')), message: '"db"' }],
    good: [
      {
        description: 'An ExternalSecret materialises it.',
        yaml: manifests(
          { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'db' }, spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, target: { name: 'db' }, data: [{ secretKey: 'password', remoteRef: { key: 'prod/db', property: 'password' } }] } },
          withSecret('db'),
        ),
      },
    ],
  },
  check(ctx) {
    checkMissing(ctx, 'Secret');
  },
});
