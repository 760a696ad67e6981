import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { containerScPath } from '../../shared/pod.js';
import { pssParts } from '../pss.js';

export const rule = defineRule({
  id: 'pss-baseline-privileged-containers',
  ...pssParts({
    level: 'baseline',
    control: 'Privileged Containers',
    title: 'No privileged containers',
    rationale: 'A privileged container has every capability and all host devices; it is root on the node in all but name.',
    remediation: [
      'Remove `privileged: true`; grant the specific capability the workload needs instead, if any.',
      '',
      yamlBlock(['securityContext:', '  privileged: false']),
    ].join('\n'),
    evaluate(s) {
      for (const c of s.containers) {
        if (getPath(c.container, ['securityContext', 'privileged']) === true) {
          s.container(c, containerScPath(c, 'privileged'), 'runs privileged (securityContext.privileged: true).');
        }
      }
    },
  }),
  examples: {
    bad: [
      { description: 'A privileged container.', yaml: pod({ container: { securityContext: { privileged: true } } }), message: 'runs privileged' },
      {
        description: 'A privileged init container counts as well.',
        yaml: pod({ pod: { initContainers: [{ name: 'setup', image: 'registry.example.com/setup:1.0', securityContext: { privileged: true } }] } }),
        message: 'setup',
      },
    ],
    good: [
      { description: 'An unprivileged container.', yaml: pod({ container: { securityContext: { privileged: false } } }) },
      {
        description: 'The one capability the workload needs instead of full privileges.',
        yaml: pod({ container: { securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } } }),
      },
    ],
  },
});
