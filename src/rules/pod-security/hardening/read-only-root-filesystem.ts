import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { pod, restricted } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { containerScPath, podContainers } from '../../shared/pod.js';
import { hardeningParts } from './hardening.js';

export const rule = defineRule({
  id: 'read-only-root-filesystem',
  ...hardeningParts(
    {
      title: 'Containers use a read-only root filesystem',
      severity: 'warning',
      rationale:
        'A writable root filesystem lets an attacker drop tools or modify binaries inside the container, and hides state that disappears on restart. No Pod Security Standards level requires it.',
      remediation: [
        'Set `readOnlyRootFilesystem: true` and mount an emptyDir where the application must write (e.g. /tmp).',
        '',
        yamlBlock([
          'containers:',
          '  - name: api',
          '    securityContext:',
          '      readOnlyRootFilesystem: true',
          '    volumeMounts:',
          '      - name: tmp',
          '        mountPath: /tmp',
          'volumes:',
          '  - name: tmp',
          '    emptyDir: {}',
        ]),
      ].join('\n'),
      disabledIn: ['dev'],
    },
    ({ ctx, t, report }) => {
      for (const c of podContainers(ctx.estate, t)) {
        const v = getPath(c.container, ['securityContext', 'readOnlyRootFilesystem']);
        if (v === true) continue;
        report(
          c,
          containerScPath(c, 'readOnlyRootFilesystem'),
          v === false ? 'sets readOnlyRootFilesystem: false.' : 'does not set readOnlyRootFilesystem: true.',
        );
      }
    },
  ),
  examples: {
    bad: [
      { description: 'A writable root filesystem (the default).', yaml: pod(), message: 'does not set readOnlyRootFilesystem: true' },
      {
        description: 'A writable root filesystem, stated.',
        yaml: pod({ container: { securityContext: { readOnlyRootFilesystem: false } } }),
        message: 'sets readOnlyRootFilesystem: false',
      },
    ],
    good: [
      {
        description: 'Read-only root, an emptyDir for /tmp.',
        yaml: restricted({ container: { volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] }, pod: { volumes: [{ name: 'tmp', emptyDir: {} }] } }),
      },
      { description: 'Read-only root for an application that writes nothing locally.', yaml: pod({ container: { securityContext: { readOnlyRootFilesystem: true } } }) },
    ],
  },
});
