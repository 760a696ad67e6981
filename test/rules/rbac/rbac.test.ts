import { describe, expect, it } from 'vitest';
import { rule as defaultServiceAccount } from '../../../src/rules/rbac/default-service-account.js';
import { rules } from '../../../src/rules/rbac/index.js';
import { rule as rbacClusterAdminBinding } from '../../../src/rules/rbac/rbac-cluster-admin-binding.js';
import { rule as rbacClusterSecretRead } from '../../../src/rules/rbac/rbac-cluster-secret-read.js';
import { rule as rbacEscalationVerbs } from '../../../src/rules/rbac/rbac-escalation-verbs.js';
import { rule as rbacSubjectNamespace } from '../../../src/rules/rbac/rbac-subject-namespace.js';
import { rule as rbacWildcard } from '../../../src/rules/rbac/rbac-wildcard.js';
import { runRule } from '../../helpers/rules.js';
import { deployment, estateFromFiles, what, where } from '../availability/helpers.js';

const role = (kind: 'Role' | 'ClusterRole', name: string, rules: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}
rules:
${rules}`;

const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleName: string, subjectNs = 'apps') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}${kind === 'RoleBinding' ? '\n  namespace: apps' : ''}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${roleName}
subjects:
  - kind: ServiceAccount
    name: api
    namespace: ${subjectNs}
`;

const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n';

describe('rbac rules: metadata', () => {
  it('every rule has an id, rationale and a YAML remediation', () => {
    for (const r of rules) {
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.concern).toBe('rbac');
      expect(r.meta.remediation).toContain('```yaml');
    }
  });
});

describe('rbac-wildcard', () => {
  it('passes explicit rules', () => {
    expect(runRule(rbacWildcard, role('Role', 'r', '  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get]\n'))).toEqual([]);
  });
  it('fails a wildcard, once per rule, at the first wildcard field', () => {
    const r = runRule(rbacWildcard, role('ClusterRole', 'r', '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: [get]\n'));
    expect(r.map(what)).toEqual(['ClusterRole/r rules[0].resources']);
    expect(r[0]!.message).toContain('resources, apiGroups');
  });
});

describe('rbac-escalation-verbs', () => {
  it('passes ordinary verbs', () => {
    expect(runRule(rbacEscalationVerbs, role('Role', 'r', '  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get, list]\n'))).toEqual([]);
  });
  it('fails escalate, bind and impersonate', () => {
    const r = runRule(rbacEscalationVerbs, role('ClusterRole', 'r', '  - apiGroups: [""]\n    resources: [users]\n    verbs: [impersonate]\n  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterroles]\n    verbs: [bind, escalate]\n'));
    expect(r.map(what)).toEqual(['ClusterRole/r rules[0].verbs', 'ClusterRole/r rules[1].verbs']);
  });
});

describe('rbac-cluster-admin-binding', () => {
  it('passes a binding to a narrow role', () => {
    expect(runRule(rbacClusterAdminBinding, binding('ClusterRoleBinding', 'b', 'view'))).toEqual([]);
  });
  it('fails RoleBindings and ClusterRoleBindings to cluster-admin at roleRef.name', () => {
    const r = runRule(rbacClusterAdminBinding, `${binding('ClusterRoleBinding', 'a', 'cluster-admin')}---\n${binding('RoleBinding', 'b', 'cluster-admin')}`);
    expect(r.map(what)).toEqual(['ClusterRoleBinding/a roleRef.name', 'RoleBinding/b roleRef.name']);
  });
});

describe('rbac-cluster-secret-read', () => {
  const reader = role('ClusterRole', 'secret-reader', '  - apiGroups: [""]\n    resources: [secrets]\n    verbs: [get, list]\n');
  it('passes a secret-reading ClusterRole bound per namespace', () => {
    expect(runRule(rbacClusterSecretRead, `${reader}---\n${binding('RoleBinding', 'b', 'secret-reader')}`)).toEqual([]);
  });
  it('fails a secret reader bound cluster-wide in the overlay, at the role rule resources in the base', () => {
    const estate = estateFromFiles({ 'base/role.yaml': reader, 'overlays/prod/binding.yaml': binding('ClusterRoleBinding', 'b', 'secret-reader') });
    const r = runRule(rbacClusterSecretRead, estate);
    expect(r.map(what)).toEqual(['ClusterRole/secret-reader rules[0].resources']);
    expect(r.map(where)).toEqual(['base/role.yaml:7']);
    expect(r[0]!.message).toContain('get, list');
    expect(r[0]!.message).toContain('ClusterRoleBinding b');
  });
  it('reports a role once however many bindings grant it', () => {
    const text = `${reader}---\n${binding('ClusterRoleBinding', 'a', 'secret-reader')}---\n${binding('ClusterRoleBinding', 'b', 'secret-reader')}`;
    expect(runRule(rbacClusterSecretRead, text)).toHaveLength(1);
  });
  it('knows the built-in edit and admin roles read secrets, view does not', () => {
    expect(runRule(rbacClusterSecretRead, binding('ClusterRoleBinding', 'b', 'edit')).map(what)).toEqual(['ClusterRoleBinding/b roleRef.name']);
    expect(runRule(rbacClusterSecretRead, binding('ClusterRoleBinding', 'b', 'view'))).toEqual([]);
  });
});

describe('default-service-account', () => {
  it('passes a workload with its own ServiceAccount', () => {
    expect(runRule(defaultServiceAccount, deployment('api', { podSpec: '      serviceAccountName: api' }))).toEqual([]);
  });
  it('fails a workload without serviceAccountName, or naming default', () => {
    expect(runRule(defaultServiceAccount, deployment('api')).map(what)).toEqual(['Deployment/api spec.template.spec.serviceAccountName']);
    expect(runRule(defaultServiceAccount, deployment('api', { podSpec: '      serviceAccountName: default' }))).toHaveLength(1);
  });
  it('is off in the dev profile', () => {
    expect(defaultServiceAccount.meta.disabledIn).toContain('dev');
  });
});

describe('rbac-subject-namespace', () => {
  it('passes subjects in namespaces of the estate', () => {
    expect(runRule(rbacSubjectNamespace, `${ns}---\n${binding('ClusterRoleBinding', 'b', 'view')}`)).toEqual([]);
    expect(runRule(rbacSubjectNamespace, binding('ClusterRoleBinding', 'b', 'view', 'kube-system'))).toEqual([]);
  });
  it('fails a subject in a namespace absent from the estate, at subjects[].namespace', () => {
    const r = runRule(rbacSubjectNamespace, `${ns}---\n${binding('ClusterRoleBinding', 'b', 'view', 'apps-old')}`);
    expect(r.map(what)).toEqual(['ClusterRoleBinding/b subjects[name=api].namespace']);
  });
});
