import { getPath } from '../../../core/resource.js';
import { containerScPath, podScPath } from '../../shared/pod.js';
import { podNoun, pssRule, yamlBlock } from '../pss.js';

export const rule = pssRule({
  id: 'pss-baseline-host-process',
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
});
