import { yamlBlock } from '../../shared/snippet.js';
import { defineRule } from '../../../engine/rule.js';
import { restricted } from '../examples.js';
import { getPath } from '../../../core/resource.js';
import { containerScPath, isWindowsPod, stringList } from '../../shared/pod.js';
import { pssParts } from '../pss.js';

export const rule = defineRule({
  id: 'pss-restricted-capabilities',
  ...pssParts({
    level: 'restricted',
    control: 'Capabilities',
    title: 'Containers drop ALL capabilities and add at most NET_BIND_SERVICE',
    since: 22,
    rationale:
      'The runtime default set still includes capabilities such as CHOWN, DAC_OVERRIDE and SETUID; restricted pods drop them all and may only add back binding to low ports.',
    remediation: [
      'Drop ALL capabilities on every container and add back only NET_BIND_SERVICE if needed (Windows pods are exempt from 1.25).',
      '',
      yamlBlock(['securityContext:', '  capabilities:', '    drop: [ALL]', '    add: [NET_BIND_SERVICE]']),
    ].join('\n'),
    evaluate(s) {
      if (s.minor >= 25 && isWindowsPod(s.t)) return;
      for (const c of s.containers) {
        const drop = stringList(getPath(c.container, ['securityContext', 'capabilities', 'drop']));
        if (!drop.includes('ALL')) {
          s.container(c, containerScPath(c, 'capabilities', 'drop'), 'does not drop ALL capabilities (capabilities.drop must include "ALL").');
        }
        const add = stringList(getPath(c.container, ['securityContext', 'capabilities', 'add']));
        const badIndex = add.findIndex((cap) => cap !== 'NET_BIND_SERVICE');
        if (badIndex >= 0) {
          const bad = add.filter((cap) => cap !== 'NET_BIND_SERVICE');
          s.container(c, containerScPath(c, 'capabilities', 'add', badIndex), `adds ${bad.join(', ')}; only NET_BIND_SERVICE may be added.`);
        }
      }
    },
  }),
  examples: {
    bad: [
      {
        description: 'Only NET_RAW is dropped; the rest of the default set is kept.',
        yaml: restricted({ container: { securityContext: { capabilities: { drop: ['NET_RAW'] } } } }),
        message: 'does not drop ALL capabilities',
      },
      {
        description: 'Everything dropped, but SYS_TIME added back.',
        yaml: restricted({ container: { securityContext: { capabilities: { drop: ['ALL'], add: ['SYS_TIME'] } } } }),
        message: 'only NET_BIND_SERVICE may be added',
      },
    ],
    good: [
      { description: '`drop: [ALL]` with nothing added back.', yaml: restricted() },
      {
        description: '`drop: [ALL]`, adding back only NET_BIND_SERVICE.',
        yaml: restricted({ container: { securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } } }),
      },
    ],
  },
});
