import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod } from '../examples.js';
import { getMap, getPath } from '../../../core/resource.js';
import { containerScPath, mapEntries, podMetadataPath, podScPath } from '../../shared/pod.js';
import { podNoun, pssParts } from '../pss.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

export const rule = defineRule({
  id: 'pss-baseline-apparmor',
  ...pssParts({
    level: 'baseline',
    control: 'AppArmor',
    title: 'AppArmor is not disabled or overridden',
    rationale:
      'The runtime\'s default AppArmor profile confines what a container may do on the node; `Unconfined` removes that confinement.',
    remediation: [
      'Use the runtime default (or a Localhost profile) instead of `Unconfined`.',
      '',
      yamlBlock(['securityContext:', '  appArmorProfile:', '    type: RuntimeDefault']),
    ].join('\n'),
    evaluate(s) {
      const podProfile = getMap(s.t.spec, ['securityContext', 'appArmorProfile']);
      if (podProfile && !ALLOWED_TYPES.has(String(podProfile.type ?? ''))) {
        s.pod(podScPath(s.t, 'appArmorProfile', 'type'), `${podNoun(s.t)} sets appArmorProfile.type to "${String(podProfile.type ?? '')}".`);
      }
      for (const c of s.containers) {
        const profile = getMap(c.container, ['securityContext', 'appArmorProfile']);
        if (profile && !ALLOWED_TYPES.has(String(profile.type ?? ''))) {
          s.container(c, containerScPath(c, 'appArmorProfile', 'type'), `sets appArmorProfile.type to "${String(profile.type ?? '')}".`);
        }
      }
      const metaPath = podMetadataPath(s.t);
      for (const [key, value] of mapEntries(getPath(s.t.workload.body, [...metaPath, 'annotations']))) {
        if (!key.startsWith(ANNOTATION_PREFIX)) continue;
        const v = value === null ? '' : String(value);
        if (allowedAnnotation(v)) continue;
        const name = key.slice(ANNOTATION_PREFIX.length);
        const c = s.containers.find((x) => x.name === name);
        const path = [...metaPath, 'annotations', key];
        if (c) s.container(c, path, `is given the AppArmor profile "${v}" by annotation ${key}.`);
        else s.pod(path, `${podNoun(s.t)} sets the AppArmor annotation ${key} to "${v}".`);
      }
    },
  }),
  examples: {
    bad: [
      {
        description: 'AppArmor turned off for the whole pod.',
        yaml: pod({ pod: { securityContext: { appArmorProfile: { type: 'Unconfined' } } } }),
        message: 'appArmorProfile.type to "Unconfined"',
      },
      {
        description: 'AppArmor turned off for one container through the older annotation.',
        yaml: pod({ annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } }),
        message: 'by annotation',
      },
    ],
    good: [
      { description: 'The runtime\'s default AppArmor profile.', yaml: pod({ pod: { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } } }) },
      {
        description: 'A profile loaded on the node (Localhost) for one container.',
        yaml: pod({ container: { securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-apparmor-app' } } } }),
      },
    ],
  },
});
