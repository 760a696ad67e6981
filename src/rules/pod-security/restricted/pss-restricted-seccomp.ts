import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { restricted } from '../examples.js';
import { getMap } from '../../../core/resource.js';
import { containerScPath, isWindowsPod, podScPath } from '../../shared/pod.js';
import { podNoun, pssParts } from '../pss.js';

const VALID_TYPES = new Set(['RuntimeDefault', 'Localhost']);

export const rule = defineRule({
  id: 'pss-restricted-seccomp',
  ...pssParts({
    level: 'restricted',
    control: 'Seccomp',
    title: 'A seccomp profile is set (RuntimeDefault or Localhost)',
    since: 19,
    rationale:
      'Without an explicit seccomp profile many runtimes run containers Unconfined, exposing every system call of the kernel.',
    remediation: [
      'Set `seccompProfile.type: RuntimeDefault` in the pod security context (containers inherit it), or on every container (Windows pods are exempt from 1.25).',
      '',
      yamlBlock(['spec:', '  securityContext:', '    seccompProfile:', '      type: RuntimeDefault']),
    ].join('\n'),
    evaluate(s) {
      if (s.minor >= 25 && isWindowsPod(s.t)) return;
      const podProfile = getMap(s.t.spec, ['securityContext', 'seccompProfile']);
      const podValid = podProfile !== undefined && VALID_TYPES.has(String(podProfile.type ?? ''));
      if (podProfile && !podValid) {
        s.pod(podScPath(s.t, 'seccompProfile', 'type'), `${podNoun(s.t)} sets seccompProfile.type to "${String(podProfile.type ?? '')}".`);
      }
      for (const c of s.containers) {
        const profile = getMap(c.container, ['securityContext', 'seccompProfile']);
        if (profile) {
          if (!VALID_TYPES.has(String(profile.type ?? ''))) {
            s.container(c, containerScPath(c, 'seccompProfile', 'type'), `sets seccompProfile.type to "${String(profile.type ?? '')}".`);
          }
        } else if (!podValid) {
          s.container(
            c,
            containerScPath(c, 'seccompProfile', 'type'),
            'has no seccompProfile and the pod security context sets no RuntimeDefault or Localhost profile.',
          );
        }
      }
    },
  }),
  examples: {
    bad: [
      {
        description: 'No seccomp profile at all.',
        yaml: restricted({ pod: { securityContext: { seccompProfile: undefined } } }),
        message: 'has no seccompProfile',
      },
      {
        description: 'The container turns seccomp off.',
        yaml: restricted({ container: { securityContext: { seccompProfile: { type: 'Unconfined' } } } }),
        message: 'seccompProfile.type to "Unconfined"',
      },
    ],
    good: [
      { description: 'RuntimeDefault on the pod.', yaml: restricted() },
      {
        description: 'A profile loaded on the node (Localhost), set on the container.',
        yaml: restricted({
          pod: { securityContext: { seccompProfile: undefined } },
          container: { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/app.json' } } },
        }),
      },
    ],
  },
});
