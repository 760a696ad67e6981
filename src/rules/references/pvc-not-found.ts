import { yaml } from '../shared/estate-index.js';
import type { Rule } from '../../engine/types.js';
import { assumeDefinedParam, checkMissing } from './missing-object.js';

/** StatefulSet volumes backed by `volumeClaimTemplates` are created by the controller and are not references. */
export const pvcNotFound: Rule = {
  meta: {
    id: 'pvc-not-found',
    title: 'Referenced PersistentVolumeClaims are defined',
    concern: 'references',
    severity: 'error',
    rationale: 'A pod that mounts a PersistentVolumeClaim that does not exist stays Pending forever.',
    remediation:
      'Define the claim (or, for a StatefulSet, use `volumeClaimTemplates`):\n\n' +
      yaml([
        'apiVersion: v1',
        'kind: PersistentVolumeClaim',
        'metadata:',
        '  name: data',
        'spec:',
        '  accessModes: [ReadWriteOnce]',
        '  storageClassName: standard-rwo',
        '  resources:',
        '    requests:',
        '      storage: 20Gi',
      ]),
    params: { assumeDefined: assumeDefinedParam },
  },
  check(ctx) {
    checkMissing(ctx, 'PersistentVolumeClaim');
  },
};
