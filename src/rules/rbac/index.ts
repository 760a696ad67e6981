import type { Rule } from '../../engine/types.js';
import { rule as defaultServiceAccount } from './default-service-account.js';
import { rule as rbacClusterAdminBinding } from './rbac-cluster-admin-binding.js';
import { rule as rbacClusterSecretRead } from './rbac-cluster-secret-read.js';
import { rule as rbacEscalationVerbs } from './rbac-escalation-verbs.js';
import { rule as rbacSubjectNamespace } from './rbac-subject-namespace.js';
import { rule as rbacWildcard } from './rbac-wildcard.js';

/** Rules of the `rbac` concern. */
export const rules: Rule[] = [
  rbacWildcard,
  rbacClusterAdminBinding,
  rbacClusterSecretRead,
  rbacEscalationVerbs,
  defaultServiceAccount,
  rbacSubjectNamespace,
];
