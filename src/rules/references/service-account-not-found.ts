import { yaml } from '../shared/estate-index.js';
import type { Rule } from '../../engine/types.js';
import { assumeDefinedParam, checkMissing } from './missing-object.js';

export const serviceAccountNotFound: Rule = {
  meta: {
    id: 'service-account-not-found',
    title: 'Referenced ServiceAccounts are defined',
    concern: 'references',
    severity: 'error',
    rationale:
      'The API server refuses to create pods whose ServiceAccount does not exist: the workload rolls out zero pods.',
    remediation:
      'Define the ServiceAccount next to the workload (or fix `serviceAccountName`):\n\n' +
      yaml(['apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: api']),
    params: { assumeDefined: assumeDefinedParam },
  },
  check(ctx) {
    // Every namespace has a `default` ServiceAccount (judged by `default-service-account`).
    checkMissing(ctx, 'ServiceAccount', (n) => n === 'default');
  },
};
