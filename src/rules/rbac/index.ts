import type { Rule } from '../../engine/types.js';
import { defaultServiceAccount } from './default-service-account.js';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.js';
import { rbacClusterSecretRead } from './rbac-cluster-secret-read.js';
import { rbacEscalationVerbs } from './rbac-escalation-verbs.js';
import { rbacSubjectNamespace } from './rbac-subject-namespace.js';
import { rbacWildcard } from './rbac-wildcard.js';

/** Rules of the `rbac` concern. */
export const rules: Rule[] = [
  rbacWildcard,
  rbacClusterAdminBinding,
  rbacClusterSecretRead,
  rbacEscalationVerbs,
  defaultServiceAccount,
  rbacSubjectNamespace,
];
