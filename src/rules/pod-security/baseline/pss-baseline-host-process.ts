import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { containerScPath, podScPath } from '../../shared/pod.js';
import { podNoun, pssParts } from '../pss.js';

export const rule = defineRule({
  id: 'pss-baseline-host-process',
  ...pssParts({
    level: 'baseline',
    control: 'HostProcess',
    title: 'No Windows HostProcess containers',
    rationale:
      'A Windows HostProcess container runs directly on the node with the privileges of a host process, outside any container isolation.',
    remediation: [
      'Remove `windowsOptions.hostProcess` (or set it to `false`) at pod and container level; node agents that need it belong in a privileged system namespace, waived explicitly.',
      '',
      yamlBlock(['securityContext:', '  windowsOptions:', '    hostProcess: false']),
    ].join('\n'),
    evaluate(s) {
      if (getPath(s.t.spec, ['securityContext', 'windowsOptions', 'hostProcess']) === true) {
        s.pod(podScPath(s.t, 'windowsOptions', 'hostProcess'), `${podNoun(s.t)} sets securityContext.windowsOptions.hostProcess: true.`);
      }
      for (const c of s.containers) {
        if (getPath(c.container, ['securityContext', 'windowsOptions', 'hostProcess']) === true) {
          s.container(c, containerScPath(c, 'windowsOptions', 'hostProcess'), 'sets securityContext.windowsOptions.hostProcess: true.');
        }
      }
    },
  }),
  examples: {
    bad: [
      {
        description: 'A Windows HostProcess pod runs its containers as processes on the node (HostProcess pods also use the host network).',
        yaml: pod({ pod: { os: { name: 'windows' }, hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true } } } }),
        message: 'windowsOptions.hostProcess: true',
      },
      {
        description: 'One container asks to run as a HostProcess.',
        yaml: pod({ pod: { os: { name: 'windows' } }, container: { securityContext: { windowsOptions: { hostProcess: true } } } }),
      },
    ],
    good: [
      { description: 'An ordinary Windows container.', yaml: pod({ pod: { os: { name: 'windows' }, securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } } } }) },
      { description: '`hostProcess: false` is the default, stated.', yaml: pod({ pod: { os: { name: 'windows' } }, container: { securityContext: { windowsOptions: { hostProcess: false } } } }) },
    ],
  },
});
