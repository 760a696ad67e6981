import type { Rule } from '../../engine/types.js';
import { rule as datastoreExposed } from './datastore-exposed.js';
import { rule as datastoreUnapprovedClient } from './datastore-unapproved-client.js';
import { rule as namespaceDefaultDenyIngress } from './namespace-default-deny-ingress.js';
import { rule as networkPolicyAllowsAll } from './network-policy-allows-all.js';
import { rule as workloadWithoutNetworkPolicy } from './workload-without-network-policy.js';

/** Rules of the `network` concern. */
export const rules: Rule[] = [
  datastoreExposed,
  datastoreUnapprovedClient,
  namespaceDefaultDenyIngress,
  workloadWithoutNetworkPolicy,
  networkPolicyAllowsAll,
];
