import { yamlBlock } from '../shared/snippet.js';
import { isMap } from '../../core/provenance.js';
import { getList, kindOf, nameOf } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { datastores, matchersParam } from './datastores.js';
import { manifests } from '../shared/examples.js';
import { claimVolume, dataDeployment, postgres, postgresStatefulSet, redisDeployment } from './examples.js';

/**
 * A datastore keeps its data on a PersistentVolumeClaim: a StatefulSet `volumeClaimTemplates`
 * entry or a `persistentVolumeClaim` volume. Reported at the first `emptyDir` volume when there is
 * one (the field to replace), else at the datastore container's volume mounts.
 */
export const rule = defineRule({
  id: 'datastore-persistence',
  title: 'Datastores keep their data on a PersistentVolumeClaim',
  concern: 'persistence',
  severity: 'error',
  rationale:
    'A datastore on `emptyDir` (or the container filesystem) loses every write when its pod is rescheduled, evicted or ' +
    'upgraded. Production datastores need a persistent volume.\n\n' +
    '*How it decides:* datastores are detected by the image of a main container (the `matchers` parameter; exporters, backup tools, proxies and operators excluded; Jobs and CronJobs are never datastores) or by their name/component/app label. A StatefulSet `volumeClaimTemplates` entry or a `persistentVolumeClaim` volume passes; otherwise the finding points at the `emptyDir` volume, or at the container\'s volume mounts.',
  remediation:
    'Use a StatefulSet with a volume claim template (or a PersistentVolumeClaim volume):\n\n' +
    yamlBlock([
      'spec:',
      '  volumeClaimTemplates:',
      '    - metadata:',
      '        name: data',
      '      spec:',
      '        accessModes: [ReadWriteOnce]',
      '        storageClassName: standard-rwo',
      '        resources:',
      '          requests:',
      '            storage: 50Gi',
    ]),
  params: { matchers: matchersParam },
  disabledIn: ['dev'],
  examples: {
    bad: [
      { description: 'Postgres keeps its data in an emptyDir: gone when the pod moves.', yaml: manifests(postgresStatefulSet({ volumes: [{ name: 'data', emptyDir: {} }] })), message: 'emptyDir' },
      { description: 'Redis with no volume at all writes into the container filesystem.', yaml: manifests(redisDeployment()), message: 'no PersistentVolumeClaim' },
      {
        description: 'An in-house engine declared as a datastore in `.prodgate.yaml` (`network.datastores`) is judged too.',
        yaml: manifests(dataDeployment('ledger', 'registry.example.com/ledger-engine:2.1', [{ name: 'data', emptyDir: {} }])),
        settings: { network: { datastores: [{ image: 'registry.example.com/ledger-engine' }] } },
        message: 'configured datastore',
      },
    ],
    good: [
      { description: 'A volume claim template gives each replica its own volume.', yaml: manifests(postgres) },
      { description: 'Redis mounts a PersistentVolumeClaim.', yaml: manifests(redisDeployment([claimVolume('redis-data')])) },
    ],
  },
  check(ctx) {
    for (const ds of datastores(ctx.estate, ctx.params.matchers, ctx.settings?.network?.datastores)) {
      const t = ds.template;
      if (kindOf(t.workload) === 'StatefulSet' && getList(t.workload.body, ['spec', 'volumeClaimTemplates']).length > 0) continue;
      const volumes = getList(t.spec, ['volumes']);
      if (volumes.some((v) => isMap(v) && isMap(v.persistentVolumeClaim))) continue;
      const emptyDir = volumes.findIndex((v) => isMap(v) && v.emptyDir !== undefined);
      const name = `${kindOf(t.workload)} ${nameOf(t.workload)}`;
      ctx.report({
        resource: t.workload,
        path: emptyDir >= 0 ? [...t.specPath, 'volumes', emptyDir, 'emptyDir'] : [...(ds.containerPath ?? t.specPath), 'volumeMounts'],
        message:
          emptyDir >= 0
            ? `${ds.matcher.name} datastore ${name} keeps its data in an emptyDir volume, lost when the pod moves`
            : `${ds.matcher.name} datastore ${name} has no PersistentVolumeClaim; its data lives in the container filesystem`,
      });
    }
  },
});
