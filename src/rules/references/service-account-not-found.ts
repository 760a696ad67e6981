
import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { assumeDefinedParam, checkMissing } from './missing-object.js';
import { deploymentObject, manifests } from '../shared/examples.js';

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
    bad: [{ description: 'The pods run as ServiceAccount `api`, which nothing defines: they are never created.', yaml: manifests(runAs('api')), message: '"api"' }],
    good: [
      { description: 'The ServiceAccount is part of the estate.', yaml: manifests({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api' } }, runAs('api')) },
      { description: 'Every namespace has `default`.', yaml: manifests(runAs('default')) },
    ],
  },
  check(ctx) {
    // Every namespace has a `default` ServiceAccount (judged by `default-service-account`).
    checkMissing(ctx, 'ServiceAccount', (n) => n === 'default');
  },
});
