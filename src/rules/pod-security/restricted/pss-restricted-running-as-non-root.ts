import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { restricted } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { containerScPath, podScPath } from '../../shared/pod.js';
import { podNoun, pssParts } from '../pss.js';

export const rule = defineRule({
  id: 'pss-restricted-running-as-non-root',
  ...pssParts({
    level: 'restricted',
    control: 'Running as Non-root',
    title: 'Containers must run as non-root (runAsNonRoot: true)',
    rationale:
      'With `runAsNonRoot: true` the kubelet refuses to start a container whose user is root, so an image that silently runs as root cannot reach production.',
    remediation: [
      'Set `runAsNonRoot: true` in the pod security context (containers inherit it) and never set it to false on a container.',
      '',
      yamlBlock(['spec:', '  securityContext:', '    runAsNonRoot: true', '    runAsUser: 10001']),
    ].join('\n'),
    evaluate(s) {
      const podValue = getPath(s.t.spec, ['securityContext', 'runAsNonRoot']);
      if (podValue === false) s.pod(podScPath(s.t, 'runAsNonRoot'), `${podNoun(s.t)} sets runAsNonRoot: false.`);
      for (const c of s.containers) {
        const v = getPath(c.container, ['securityContext', 'runAsNonRoot']);
        if (v === true) continue;
        if (v === false) {
          s.container(c, containerScPath(c, 'runAsNonRoot'), 'sets runAsNonRoot: false.');
        } else if (v === undefined || v === null) {
          // A container inherits only a pod-level `true`.
          if (podValue !== true) {
            s.container(c, containerScPath(c, 'runAsNonRoot'), 'does not set runAsNonRoot: true and the pod security context does not either.');
          }
        } else {
          s.container(c, containerScPath(c, 'runAsNonRoot'), `sets runAsNonRoot to ${JSON.stringify(v)} instead of true.`);
        }
      }
    },
  }),
  examples: {
    bad: [
      {
        description: 'The pod explicitly allows a root user.',
        yaml: restricted({ pod: { securityContext: { runAsNonRoot: false } } }),
        message: 'sets runAsNonRoot: false',
      },
      {
        description: 'Neither the pod nor the container requires a non-root user.',
        yaml: restricted({ pod: { securityContext: { runAsNonRoot: undefined } } }),
        message: 'does not set runAsNonRoot: true',
      },
    ],
    good: [
      { description: '`runAsNonRoot: true` on the pod, inherited by the container.', yaml: restricted() },
      {
        description: '`runAsNonRoot: true` on the container itself.',
        yaml: restricted({ pod: { securityContext: { runAsNonRoot: undefined } }, container: { securityContext: { runAsNonRoot: true } } }),
      },
    ],
  },
});
