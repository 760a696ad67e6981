import { yamlBlock } from '../shared/snippet.js';
import { isMap } from '../../core/provenance.js';
import { getList, getPath, kindOf, nameOf, str } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { datastores, matchersParam } from './datastores.js';
import { manifests } from '../shared/examples.js';
import { claimVolume, persistentVolumeClaim, postgres, postgresStatefulSet, redisDeployment } from './examples.js';

/**
 * The claims of a datastore name a storage class. Reported on the claim template or on the
 * PersistentVolumeClaim object (the field to add). An explicit empty class (`""`, static
 * provisioning) is a choice and passes.
 */
export const rule = defineRule({
  id: 'datastore-storage-class',
  title: 'Datastore volume claims name a storage class',
  concern: 'persistence',
  severity: 'warning',
  rationale:
    'A claim without `storageClassName` gets whatever the cluster default is (often a slow, non-replicated or ' +
    'delete-on-release class), which differs between clusters and changes silently.',
  remediation:
    'Name the production storage class on the claim:\n\n' +
    yamlBlock(['spec:', '  storageClassName: premium-rwo', '  accessModes: [ReadWriteOnce]']),
  params: { matchers: matchersParam },
  disabledIn: ['dev'],
  examples: {
    bad: [
      { description: 'The claim template leaves the storage class to the cluster default.', yaml: manifests(postgresStatefulSet({ claim: {} })), message: 'no storageClassName' },
      {
        description: 'The PersistentVolumeClaim that Redis mounts names no storage class.',
        yaml: manifests(redisDeployment([claimVolume('redis-data')]), persistentVolumeClaim('redis-data')),
        message: 'PersistentVolumeClaim redis-data',
      },
    ],
    good: [
      { description: 'A storage class chosen for the datastore.', yaml: manifests(postgres) },
      {
        description: 'An explicitly empty class binds a pre-provisioned volume (static provisioning): a deliberate choice.',
        yaml: manifests(redisDeployment([claimVolume('redis-data')]), persistentVolumeClaim('redis-data', { storageClassName: '', volumeName: 'redis-data-pv' })),
      },
    ],
  },
  check(ctx) {
    const seen = new Set<object>();
    for (const ds of datastores(ctx.estate, ctx.params.matchers, ctx.settings?.network?.datastores)) {
      const t = ds.template;
      const what = `${ds.matcher.name} datastore ${kindOf(t.workload)} ${nameOf(t.workload)}`;
      if (kindOf(t.workload) === 'StatefulSet') {
        getList(t.workload.body, ['spec', 'volumeClaimTemplates']).forEach((c, i) => {
          if (getPath(c, ['spec', 'storageClassName']) !== undefined) return;
          ctx.report({
            resource: t.workload,
            path: ['spec', 'volumeClaimTemplates', i, 'spec', 'storageClassName'],
            message: `claim template ${str(getPath(c, ['metadata', 'name']))} of ${what} has no storageClassName`,
          });
        });
      }
      for (const v of getList(t.spec, ['volumes'])) {
        if (!isMap(v) || !isMap(v.persistentVolumeClaim)) continue;
        const pvc = ctx.estate.get('PersistentVolumeClaim', t.namespace, str(v.persistentVolumeClaim.claimName));
        if (!pvc || seen.has(pvc) || getPath(pvc.body, ['spec', 'storageClassName']) !== undefined) continue;
        seen.add(pvc);
        ctx.report({
          resource: pvc,
          path: ['spec', 'storageClassName'],
          message: `PersistentVolumeClaim ${nameOf(pvc)} of ${what} has no storageClassName`,
        });
      }
    }
  },
});
