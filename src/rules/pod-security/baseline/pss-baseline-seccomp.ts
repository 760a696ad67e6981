import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod } from '../examples.js';
import { getMap, getPath } from '../../../core/resource.js';
import { containerScPath, mapEntries, podMetadataPath, podScPath } from '../../shared/pod.js';
import { podNoun, pssParts } from '../pss.js';

const VALID_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function validAnnotation(v: string): boolean {
  return v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
}

export const rule = defineRule({
  id: 'pss-baseline-seccomp',
  ...pssParts({
    level: 'baseline',
    control: 'Seccomp',
    title: 'Seccomp is not disabled',
    rationale: 'A seccomp profile filters the system calls a container can make; `Unconfined` exposes the whole kernel surface.',
    remediation: [
      'Set the seccomp profile to `RuntimeDefault` (or a `Localhost` profile), never `Unconfined`.',
      '',
      yamlBlock(['securityContext:', '  seccompProfile:', '    type: RuntimeDefault']),
    ].join('\n'),
    evaluate(s) {
      if (s.minor < 19) {
        // Before 1.19 seccomp was configured through alpha annotations.
        const metaPath = podMetadataPath(s.t);
        for (const [key, value] of mapEntries(getPath(s.t.workload.body, [...metaPath, 'annotations']))) {
          const v = value === null ? '' : String(value);
          if (key === POD_ANNOTATION && !validAnnotation(v)) {
            s.pod([...metaPath, 'annotations', key], `${podNoun(s.t)} sets ${key} to "${v}".`);
          } else if (key.startsWith(CONTAINER_ANNOTATION_PREFIX) && !validAnnotation(v)) {
            const c = s.containers.find((x) => x.name === key.slice(CONTAINER_ANNOTATION_PREFIX.length));
            if (c) s.container(c, [...metaPath, 'annotations', key], `is given the seccomp profile "${v}" by annotation ${key}.`);
          }
        }
        return;
      }
      const podProfile = getMap(s.t.spec, ['securityContext', 'seccompProfile']);
      if (podProfile && !VALID_TYPES.has(String(podProfile.type ?? ''))) {
        s.pod(podScPath(s.t, 'seccompProfile', 'type'), `${podNoun(s.t)} sets seccompProfile.type to "${String(podProfile.type ?? '')}".`);
      }
      for (const c of s.containers) {
        const profile = getMap(c.container, ['securityContext', 'seccompProfile']);
        if (profile && !VALID_TYPES.has(String(profile.type ?? ''))) {
          s.container(c, containerScPath(c, 'seccompProfile', 'type'), `sets seccompProfile.type to "${String(profile.type ?? '')}".`);
        }
      }
    },
  }),
  examples: {
    bad: [
      {
        description: 'Seccomp explicitly turned off for the pod.',
        yaml: pod({ pod: { securityContext: { seccompProfile: { type: 'Unconfined' } } } }),
        message: 'seccompProfile.type to "Unconfined"',
      },
      {
        description: 'One container turns off the profile the pod sets.',
        yaml: pod({ pod: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }, container: { securityContext: { seccompProfile: { type: 'Unconfined' } } } }),
        message: 'Container "app"',
      },
    ],
    good: [
      { description: 'The runtime\'s default seccomp profile.', yaml: pod({ pod: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } } }) },
      { description: 'No profile at all: the baseline level forbids only `Unconfined` (the restricted level requires a profile).', yaml: pod() },
    ],
  },
});
