import { defineRule } from '../../engine/rule.js';
import { deployment, deploymentObject, manifests } from '../shared/examples.js';
import { containerResourceParts } from './container-resource.js';

export const rule = defineRule({
  id: 'container-cpu-limits',
  ...containerResourceParts({
    resource: 'cpu',
    field: 'limits',
    severity: 'warning',
    disabledIn: ['dev'],
    rationale:
      'A container without a cpu limit can use every idle core of the node and starve its neighbours. Some teams prefer no CPU limits to avoid throttling; lower or disable this rule in the config if that is your policy.',
  }),
  examples: {
    bad: [
      { description: 'The container states no cpu limit.', yaml: deployment(undefined, { resources: { requests: { cpu: '250m', memory: '256Mi' } } }), message: 'resources.limits.cpu' },
      {
        description: 'A namespace LimitRange default does not count unless `honorLimitRangeDefaults` is set.',
        yaml: manifests({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', default: { cpu: '250m' } }] } }, deploymentObject()),
      },
    ],
    good: [
      { description: 'The cpu limit is set.', yaml: deployment(undefined, { resources: { requests: { cpu: '250m' }, limits: { cpu: '1' } } }) },
      {
        description: 'With `honorLimitRangeDefaults`, the namespace LimitRange supplies it.',
        yaml: manifests({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', default: { cpu: '250m' } }] } }, deploymentObject()),
        params: { honorLimitRangeDefaults: true },
      },
    ],
  },
});
