
import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { assumeDefinedParam, checkMissing } from './missing-object.js';
import { deployment, manifests } from '../shared/examples.js';

const withClaim = deployment(undefined, { volumeMounts: [{ name: 'uploads', mountPath: '/uploads' }] }, { podSpec: { volumes: [{ name: 'uploads', persistentVolumeClaim: { claimName: 'uploads' } }] } });

/** StatefulSet volumes backed by `volumeClaimTemplates` are created by the controller and are not references. */
export const rule = defineRule({
  id: 'pvc-not-found',
  title: 'Referenced PersistentVolumeClaims are defined',
  concern: 'references',
  severity: 'error',
  rationale: 'A pod that mounts a PersistentVolumeClaim that does not exist stays Pending forever.',
  remediation:
    'Define the claim (or, for a StatefulSet, use `volumeClaimTemplates`):\n\n' +
    yamlBlock([
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
  examples: {
    bad: [{ description: 'The pods mount claim `uploads`, which nothing defines.', yaml: withClaim, message: '"uploads"' }],
    good: [
      {
        description: 'The claim is part of the estate.',
        yaml: `${manifests({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'uploads' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } })}---\n${withClaim}`,
      },
    ],
  },
  check(ctx) {
    checkMissing(ctx, 'PersistentVolumeClaim');
  },
});
