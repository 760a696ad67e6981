import { yaml } from '../shared/estate-index.js';
import type { Rule } from '../../engine/types.js';
import { assumeDefinedParam, checkMissing } from './missing-object.js';

export const configMapNotFound: Rule = {
  meta: {
    id: 'configmap-not-found',
    title: 'Referenced ConfigMaps are defined',
    concern: 'references',
    severity: 'error',
    rationale:
      'A pod that mounts or reads a ConfigMap that does not exist stays in `ContainerCreating` or `CreateContainerConfigError`; ' +
      'a rename in one overlay without the other is the usual cause.',
    remediation:
      'Define the ConfigMap (for example with a generator in the kustomization), fix the name, or mark the reference optional:\n\n' +
      yaml(['configMapGenerator:', '  - name: api-config', '    literals:', '      - LOG_LEVEL=info']),
    params: { assumeDefined: assumeDefinedParam },
  },
  check(ctx) {
    // kube-root-ca.crt is published into every namespace by the control plane.
    checkMissing(ctx, 'ConfigMap', (n) => n === 'kube-root-ca.crt');
  },
};
