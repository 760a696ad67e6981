import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod } from '../examples.js';
import { pssParts, reportUnmaskedProc } from '../pss.js';

export const rule = defineRule({
  id: 'pss-baseline-proc-mount-type',
  ...pssParts({
    level: 'baseline',
    control: '/proc Mount Type',
    title: 'The default /proc masks are kept',
    rationale:
      'The default /proc mount masks kernel interfaces that leak host information or allow writes to kernel settings; `Unmasked` exposes them.',
    remediation: [
      'Remove `procMount` (or set it to `Default`). From Kubernetes 1.35 the baseline level allows other values for pods in a user namespace (`hostUsers: false`).',
      '',
      yamlBlock(['securityContext:', '  procMount: Default']),
    ].join('\n'),
    evaluate(s) {
      // From 1.35 the baseline level relaxes this control for pods in a user namespace.
      if (s.minor >= 35 && s.t.spec.hostUsers === false) return;
      reportUnmaskedProc(s);
    },
  }),
  examples: {
    bad: [
      {
        description: 'An unmasked /proc exposes the node\'s kernel interfaces.',
        yaml: pod({ container: { securityContext: { procMount: 'Unmasked' } } }),
        message: 'procMount to "Unmasked"',
      },
      {
        description: 'Before Kubernetes 1.35 a user namespace does not make an unmasked /proc acceptable.',
        yaml: pod({ pod: { hostUsers: false }, container: { securityContext: { procMount: 'Unmasked' } } }),
        kubeVersion: '1.34',
      },
    ],
    good: [
      { description: 'The default masked /proc.', yaml: pod({ container: { securityContext: { procMount: 'Default' } } }) },
      {
        description: 'From Kubernetes 1.35 the baseline level allows an unmasked /proc in a user namespace (`hostUsers: false`); the restricted level does not.',
        yaml: pod({ pod: { hostUsers: false }, container: { securityContext: { procMount: 'Unmasked' } } }),
        kubeVersion: '1.35',
      },
    ],
  },
});
