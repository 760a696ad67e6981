import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { assumeDefinedParam, checkMissing } from './missing-object.js';
import { deploymentObject, manifests } from '../shared/examples.js';
import { claim } from './examples.js';

const withClaim = (claimName: string, namespace?: string) =>
  deploymentObject(undefined, { volumeMounts: [{ name: 'uploads', mountPath: '/uploads' }] }, { namespace, podSpec: { volumes: [{ name: 'uploads', persistentVolumeClaim: { claimName } }] } });

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
    bad: [
      { description: 'The pods mount claim `uploads`; the estate defines `api-uploads`.', yaml: manifests(claim('api-uploads'), withClaim('uploads')), message: '"uploads"' },
      {
        description: 'The claim is in namespace `media`, the Deployment in `web`: a pod mounts claims of its own namespace only.',
        yaml: manifests(claim('uploads', 'media'), withClaim('uploads', 'web')),
        message: 'not defined in namespace web',
      },
    ],
    good: [
      { description: 'The claim is part of the estate.', yaml: manifests(claim('uploads'), withClaim('uploads')) },
      {
        description: 'A StatefulSet volume from `volumeClaimTemplates`: the controller creates a claim per pod.',
        yaml: manifests({
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'postgres' },
          spec: {
            serviceName: 'postgres',
            selector: { matchLabels: { app: 'postgres' } },
            template: {
              metadata: { labels: { app: 'postgres' } },
              spec: { containers: [{ name: 'postgres', image: 'postgres:16.4', volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }] }] },
            },
            volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } }],
          },
        }),
      },
    ],
  },
  check(ctx) {
    checkMissing(ctx, 'PersistentVolumeClaim');
  },
});
