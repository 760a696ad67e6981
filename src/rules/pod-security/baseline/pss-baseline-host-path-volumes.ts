import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { podNoun, pssParts } from '../pss.js';

export const rule = defineRule({
  id: 'pss-baseline-host-path-volumes',
  ...pssParts({
    level: 'baseline',
    control: 'HostPath Volumes',
    title: 'No hostPath volumes',
    rationale:
      'A hostPath volume exposes the node\'s filesystem to the pod: the container runtime socket, kubelet credentials or other pods\' data are one path away.',
    remediation: [
      'Replace hostPath volumes with an emptyDir, a PersistentVolumeClaim or a CSI volume.',
      '',
      yamlBlock(['volumes:', '  - name: cache', '    emptyDir: {}']),
    ].join('\n'),
    evaluate(s) {
      const volumes = s.t.spec.volumes;
      if (!Array.isArray(volumes)) return;
      volumes.forEach((v, i) => {
        const hostPath = getPath(v, ['hostPath']);
        if (hostPath === undefined || hostPath === null) return;
        const name = getPath(v, ['name']);
        const where = getPath(hostPath, ['path']);
        s.pod(
          [...s.t.specPath, 'volumes', i, 'hostPath'],
          `${podNoun(s.t)} mounts the hostPath volume "${String(name ?? i)}"${typeof where === 'string' ? ` (${where})` : ''}.`,
        );
      });
    },
  }),
  examples: {
    bad: [
      {
        description: 'A hostPath volume mounts the node\'s log directory.',
        yaml: pod({ pod: { volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }] }, container: { volumeMounts: [{ name: 'logs', mountPath: '/var/log/node' }] } }),
        message: 'hostPath volume "logs" (/var/log)',
      },
      {
        description: 'The container runtime socket: control of every container on the node.',
        yaml: pod({ pod: { volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } }] }, container: { volumeMounts: [{ name: 'docker', mountPath: '/var/run/docker.sock' }] } }),
      },
    ],
    good: [
      { description: 'An emptyDir instead.', yaml: pod({ pod: { volumes: [{ name: 'logs', emptyDir: {} }] }, container: { volumeMounts: [{ name: 'logs', mountPath: '/var/log/app' }] } }) },
      {
        description: 'A PersistentVolumeClaim for data that must outlive the pod.',
        yaml: pod({ pod: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'app-data' } }] }, container: { volumeMounts: [{ name: 'data', mountPath: '/data' }] } }),
      },
    ],
  },
});
