import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { restricted } from '../examples.js';
import { isMap } from '../../../core/provenance.js';
import { podNoun, pssParts } from '../pss.js';

/** Inline volume sources the restricted level allows. */
export const RESTRICTED_VOLUME_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

export const rule = defineRule({
  id: 'pss-restricted-volume-types',
  ...pssParts({
    level: 'restricted',
    control: 'Volume Types',
    title: 'Only core volume types',
    rationale:
      'Beyond hostPath, inline volume sources such as nfs, iscsi, rbd or gitRepo let a pod mount storage the cluster administrator never provisioned; restricted pods use PersistentVolumeClaims for that.',
    remediation: [
      'Use only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret volumes; move other storage behind a PersistentVolume and claim it.',
      '',
      yamlBlock(['volumes:', '  - name: data', '    persistentVolumeClaim:', '      claimName: data']),
    ].join('\n'),
    evaluate(s) {
      const volumes = s.t.spec.volumes;
      if (!Array.isArray(volumes)) return;
      volumes.forEach((v, i) => {
        if (!isMap(v)) return;
        const present = (k: string) => v[k] !== undefined && v[k] !== null;
        if (RESTRICTED_VOLUME_SOURCES.some(present)) return;
        const source = Object.keys(v).find((k) => k !== 'name' && present(k));
        // A volume without a source is defaulted to emptyDir by the API server, and the
        // standard allows it (pod-security-admission's restrictedVolumes check).
        if (source === undefined) return;
        const name = typeof v.name === 'string' ? v.name : String(i);
        s.pod(
          [...s.t.specPath, 'volumes', i, source],
          `${podNoun(s.t)} uses the restricted volume type ${source} in volume "${name}".`,
        );
      });
    },
  }),
  examples: {
    bad: [
      {
        description: 'An inline NFS volume.',
        yaml: restricted({ pod: { volumes: [{ name: 'share', nfs: { server: 'nfs.example.com', path: '/exports' } }] } }),
        message: 'volume type nfs',
      },
      {
        description: 'A gitRepo volume clones a repository the cluster never vetted.',
        yaml: restricted({ pod: { volumes: [{ name: 'site', gitRepo: { repository: 'https://git.example.com/site.git', revision: 'main' } }] } }),
        message: 'volume type gitRepo',
      },
    ],
    good: [
      {
        description: 'A PersistentVolumeClaim, a ConfigMap and a volume without a source (defaulted to emptyDir).',
        yaml: restricted({ pod: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }, { name: 'config', configMap: { name: 'app' } }, { name: 'scratch' }] } }),
      },
      {
        description: 'A projected service account token for another audience.',
        yaml: restricted({ pod: { volumes: [{ name: 'vault-token', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds: 3600 } }] } }] } }),
      },
    ],
  },
});
