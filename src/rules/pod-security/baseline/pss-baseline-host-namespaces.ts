import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod } from '../examples.js';
import { podNoun, pssParts } from '../pss.js';

export const rule = defineRule({
  id: 'pss-baseline-host-namespaces',
  ...pssParts({
    level: 'baseline',
    control: 'Host Namespaces',
    title: 'No sharing of the host network, PID or IPC namespace',
    rationale:
      'Sharing the host network, process or IPC namespace lets a pod see and talk to everything on the node: other pods\' traffic, host processes, shared memory.',
    remediation: [
      'Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec (or set them to `false`).',
      '',
      yamlBlock(['spec:', '  hostNetwork: false', '  hostPID: false', '  hostIPC: false']),
    ].join('\n'),
    evaluate(s) {
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
        if (s.t.spec[field] === true) s.pod([...s.t.specPath, field], `${podNoun(s.t)} sets ${field}: true.`);
      }
    },
  }),
  examples: {
    bad: [
      { description: 'The pod shares the node\'s network namespace.', yaml: pod({ pod: { hostNetwork: true } }), message: 'hostNetwork' },
      { description: 'The pod sees every process of the node and its shared memory.', yaml: pod({ pod: { hostPID: true, hostIPC: true } }), message: 'hostPID' },
    ],
    good: [
      { description: 'The pod has its own namespaces (the default).', yaml: pod() },
      { description: 'The host namespaces explicitly turned off.', yaml: pod({ pod: { hostNetwork: false, hostPID: false, hostIPC: false } }) },
    ],
  },
});
