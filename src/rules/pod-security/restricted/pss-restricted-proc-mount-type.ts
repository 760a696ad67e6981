import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { restricted } from '../examples.js';
import { pssParts, reportUnmaskedProc } from '../pss.js';

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
      reportUnmaskedProc(s);
    },
  }),
  examples: {
    bad: [
      {
        description: 'A pod in a user namespace unmasks /proc: baseline allows it from 1.35, restricted does not.',
        yaml: restricted({ pod: { hostUsers: false }, container: { securityContext: { procMount: 'Unmasked' } } }),
        message: 'procMount to "Unmasked"',
      },
      {
        description: 'The same for an init container.',
        yaml: restricted({
          pod: {
            hostUsers: false,
            initContainers: [
              {
                name: 'setup',
                image: 'registry.example.com/setup:1.0',
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, procMount: 'Unmasked' },
              },
            ],
          },
        }),
        message: 'setup',
      },
    ],
    good: [
      { description: 'The default masked /proc in a user namespace.', yaml: restricted({ pod: { hostUsers: false }, container: { securityContext: { procMount: 'Default' } } }) },
      { description: 'A user namespace that leaves `procMount` at its default.', yaml: restricted({ pod: { hostUsers: false } }) },
    ],
  },
});
