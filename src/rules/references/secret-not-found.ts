import { yaml } from '../shared/estate-index.js';
import type { Rule } from '../../engine/types.js';
import { assumeDefinedParam, checkMissing } from './missing-object.js';

/** A Secret counts as defined when a Secret, an ExternalSecret (target name) or a SealedSecret produces it. */
export const secretNotFound: Rule = {
  meta: {
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
      yaml([
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
  },
  check(ctx) {
    checkMissing(ctx, 'Secret');
  },
};
