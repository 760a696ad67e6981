import { defineRule } from '../../../engine/rule.js';
import { restricted } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { containerScPath } from '../../shared/pod.js';
import { pssParts, yamlBlock } from '../pss.js';

export const rule = defineRule({
  id: 'pss-restricted-proc-mount-type',
  ...pssParts({
    level: 'restricted',
    control: '/proc Mount Type',
    title: 'The default /proc masks are kept, even in a user namespace',
    since: 35,
    rationale:
      'From Kubernetes 1.35 the baseline level lets pods in a user namespace (`hostUsers: false`) unmask /proc; the restricted level still requires the default masks. Other pods are covered by the baseline rule.',
    remediation: ['Remove `procMount` (or set it to `Default`).', '', yamlBlock(['securityContext:', '  procMount: Default'])].join('\n'),
    evaluate(s) {
      // Pods outside a user namespace already fail the baseline control; report only what baseline lets through.
      if (s.t.spec.hostUsers !== false) return;
      for (const c of s.containers) {
        const procMount = getPath(c.container, ['securityContext', 'procMount']);
        if (procMount === undefined || procMount === null || procMount === 'Default') continue;
        s.container(c, containerScPath(c, 'procMount'), `sets securityContext.procMount to "${String(procMount)}".`);
      }
    },
  }),
  examples: {
    bad: [
      {
        description: 'A pod in a user namespace unmasks /proc: baseline allows it from 1.35, restricted does not.',
        yaml: restricted({ pod: { hostUsers: false }, container: { securityContext: { procMount: 'Unmasked' } } }),
      },
    ],
    good: [
      { description: 'The default masked /proc in a user namespace.', yaml: restricted({ pod: { hostUsers: false }, container: { securityContext: { procMount: 'Default' } } }) },
    ],
  },
});
