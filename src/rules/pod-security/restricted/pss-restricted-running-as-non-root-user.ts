import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { restricted } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { asNumber, containerScPath, podScPath } from '../../shared/pod.js';
import { podNoun, pssParts } from '../pss.js';

export const rule = defineRule({
  id: 'pss-restricted-running-as-non-root-user',
  ...pssParts({
    level: 'restricted',
    control: 'Running as Non-root user',
    title: 'Containers do not set runAsUser: 0',
    since: 23,
    rationale: 'An explicit `runAsUser: 0` runs the container as root, whatever the image declares.',
    remediation: [
      'Run as a non-zero user ID at pod or container level.',
      '',
      yamlBlock(['securityContext:', '  runAsUser: 10001']),
    ].join('\n'),
    evaluate(s) {
      if (asNumber(getPath(s.t.spec, ['securityContext', 'runAsUser'])) === 0) {
        s.pod(podScPath(s.t, 'runAsUser'), `${podNoun(s.t)} sets runAsUser: 0 (root).`);
      }
      for (const c of s.containers) {
        if (asNumber(getPath(c.container, ['securityContext', 'runAsUser'])) === 0) {
          s.container(c, containerScPath(c, 'runAsUser'), 'sets runAsUser: 0 (root).');
        }
      }
    },
  }),
  examples: {
    bad: [
      { description: 'The container runs as UID 0.', yaml: restricted({ container: { securityContext: { runAsUser: 0 } } }), message: 'Container "app" sets runAsUser: 0' },
      { description: 'The pod runs every container as UID 0.', yaml: restricted({ pod: { securityContext: { runAsUser: 0 } } }), message: 'Pod sets runAsUser: 0' },
    ],
    good: [
      { description: 'A non-zero UID.', yaml: restricted({ container: { securityContext: { runAsUser: 10001 } } }) },
      {
        description: 'No UID at all: the image\'s user applies, and `runAsNonRoot` refuses root.',
        yaml: restricted({ pod: { securityContext: { runAsUser: undefined } } }),
      },
    ],
  },
});
