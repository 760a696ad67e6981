import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { assumeDefinedParam, checkMissing } from './missing-object.js';
import { deploymentObject, manifests } from '../shared/examples.js';
import { serviceAccount } from './examples.js';

const runAs = (name: string) => deploymentObject(undefined, {}, { podSpec: { serviceAccountName: name } });

export const rule = defineRule({
  id: 'service-account-not-found',
  title: 'Referenced ServiceAccounts are defined',
  concern: 'references',
  severity: 'error',
  rationale:
    'The API server refuses to create pods whose ServiceAccount does not exist: the workload rolls out zero pods.',
  remediation:
    'Define the ServiceAccount next to the workload (or fix `serviceAccountName`):\n\n' +
    yamlBlock(['apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: api']),
  params: { assumeDefined: assumeDefinedParam },
  examples: {
    bad: [
      {
        description: 'The pods run as ServiceAccount `api`; the estate defines `api-server`. No pod is ever created.',
        yaml: manifests(serviceAccount('api-server'), runAs('api')),
        message: '"api"',
      },
      {
        description: 'The ServiceAccount is in namespace `shop`, the Deployment in `checkout`.',
        yaml: manifests(serviceAccount('api', 'shop'), deploymentObject(undefined, {}, { namespace: 'checkout', podSpec: { serviceAccountName: 'api' } })),
        message: 'not defined in namespace checkout',
      },
    ],
    good: [
      { description: 'The ServiceAccount is part of the estate.', yaml: manifests(serviceAccount('api'), runAs('api')) },
      { description: 'Every namespace has `default`.', yaml: manifests(runAs('default')) },
    ],
  },
  check(ctx) {
    // Every namespace has a `default` ServiceAccount (judged by `default-service-account`).
    checkMissing(ctx, 'ServiceAccount', (n) => n === 'default');
  },
});
