import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { assumeDefinedParam, checkMissing } from './missing-object.js';
import { deploymentObject, manifests } from '../shared/examples.js';
import { externalSecret } from './examples.js';

const dbPassword = (name: string) => ({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name, key: 'password' } } });
const withSecret = (name: string) => deploymentObject(undefined, { env: [dbPassword(name)] });

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
    bad: [
      {
        description: 'The ExternalSecret `db` writes its Secret as `db-credentials` (`spec.target.name`); the pods read `db`.',
        yaml: manifests(externalSecret('db', 'db-credentials'), withSecret('db')),
        message: '"db"',
      },
      {
        description: 'The database password is provided, but the registry credentials in `imagePullSecrets` are not.',
        yaml: manifests(externalSecret('db'), deploymentObject(undefined, { env: [dbPassword('db')] }, { podSpec: { imagePullSecrets: [{ name: 'registry-credentials' }] } })),
        message: '"registry-credentials"',
      },
    ],
    good: [
      { description: 'An ExternalSecret materialises it.', yaml: manifests(externalSecret('db'), withSecret('db')) },
      {
        description: 'A SealedSecret materialises it under its template name.',
        yaml: manifests(
          { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'db-sealed' }, spec: { encryptedData: { password: 'AgBy3i4OJSWK+PiTySYZZA==' }, template: { metadata: { name: 'db' } } } },
          withSecret('db'),
        ),
      },
      {
        description: 'A reference marked `optional: true` does not stop the pod.',
        yaml: manifests(deploymentObject(undefined, { envFrom: [{ secretRef: { name: 'api-overrides', optional: true } }] })),
      },
    ],
  },
  check(ctx) {
    checkMissing(ctx, 'Secret');
  },
});
