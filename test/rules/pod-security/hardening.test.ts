import { describe, expect, it } from 'vitest';
import { runRule } from '../../helpers/rules.js';
import { hardeningRules } from '../../../src/rules/pod-security/index.js';
import { app, byId, goodPod, pathOf, yamlOf, type Obj } from './helpers.js';

interface Case {
  id: string;
  breakIt: (pod: Obj) => void;
  path: string;
  message: string;
}

const cases: Case[] = [
  {
    id: 'run-as-non-root',
    breakIt: (p) => {
      delete p.spec.securityContext.runAsNonRoot;
      delete p.spec.securityContext.runAsUser;
    },
    path: 'spec.containers[name=app].securityContext.runAsNonRoot',
    message: 'Container "app" may run as root',
  },
  {
    id: 'read-only-root-filesystem',
    breakIt: (p) => delete app(p).securityContext.readOnlyRootFilesystem,
    path: 'spec.containers[name=app].securityContext.readOnlyRootFilesystem',
    message: 'Container "app" does not set readOnlyRootFilesystem: true.',
  },
  {
    id: 'drop-all-capabilities',
    breakIt: (p) => (app(p).securityContext.capabilities.drop = ['NET_RAW']),
    path: 'spec.containers[name=app].securityContext.capabilities.drop',
    message: 'Container "app" does not drop ALL capabilities.',
  },
  {
    id: 'no-privilege-escalation',
    breakIt: (p) => (app(p).securityContext.allowPrivilegeEscalation = true),
    path: 'spec.containers[name=app].securityContext.allowPrivilegeEscalation',
    message: 'Container "app" sets allowPrivilegeEscalation: true.',
  },
  {
    id: 'seccomp-runtime-default',
    breakIt: (p) => delete p.spec.securityContext.seccompProfile,
    path: 'spec.containers[name=app].securityContext.seccompProfile.type',
    message: 'Container "app" runs without a seccomp profile',
  },
  {
    id: 'automount-service-account-token',
    breakIt: (p) => delete p.spec.automountServiceAccountToken,
    path: 'spec.automountServiceAccountToken',
    message: 'Pod mounts the service account token by default for ServiceAccount "default"',
  },
];

describe('hardening rules', () => {
  it('covers every hardening rule, none carrying a PSS level', () => {
    expect(cases.map((c) => c.id).sort()).toEqual(hardeningRules.map((r) => r.meta.id).sort());
    for (const r of hardeningRules) {
      expect(r.meta.pss).toBeUndefined();
      expect(r.meta.remediation).toContain('```yaml');
    }
  });

  it.each(cases)('$id passes a hardened pod', (c) => {
    expect(runRule(byId(c.id), yamlOf(goodPod()))).toEqual([]);
  });

  it.each(cases)('$id reports the weak field', (c) => {
    const pod = goodPod();
    c.breakIt(pod);
    const reports = runRule(byId(c.id), yamlOf(pod));
    expect(reports).toHaveLength(1);
    expect(pathOf(reports[0]!)).toBe(c.path);
    expect(reports[0]!.message).toContain(c.message);
    expect(reports[0]!.pss).toBeUndefined();
  });
});

describe('run-as-non-root', () => {
  const rule = byId('run-as-non-root');
  it('accepts a non-zero runAsUser without runAsNonRoot', () => {
    const pod = goodPod();
    delete pod.spec.securityContext.runAsNonRoot;
    expect(runRule(rule, yamlOf(pod))).toEqual([]);
  });
  it('reports runAsUser 0 where it is set, even with runAsNonRoot', () => {
    const pod = goodPod();
    pod.spec.securityContext.runAsUser = 0;
    const reports = runRule(rule, yamlOf(pod));
    expect(reports.map(pathOf)).toEqual(['spec.securityContext.runAsUser']);
    expect(reports[0]!.container).toBe('app');
  });
});

describe('seccomp-runtime-default', () => {
  const rule = byId('seccomp-runtime-default');
  it('judges the effective profile and can refuse Localhost', () => {
    const pod = goodPod();
    pod.spec.securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' };
    expect(runRule(rule, yamlOf(pod))).toEqual([]);
    const reports = runRule(rule, yamlOf(pod), { params: { allowLocalhost: false } });
    expect(reports.map(pathOf)).toEqual(['spec.securityContext.seccompProfile.type']);
    expect(reports[0]!.message).toContain('"Localhost"');
  });
});

describe('automount-service-account-token', () => {
  const rule = byId('automount-service-account-token');
  const pod = () => {
    const p = goodPod();
    delete p.spec.automountServiceAccountToken;
    p.spec.serviceAccountName = 'api';
    return p;
  };
  it('accepts a ServiceAccount that disables automounting', () => {
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'shop' }, automountServiceAccountToken: false };
    expect(runRule(rule, yamlOf(pod(), sa))).toEqual([]);
  });
  it('accepts a ServiceAccount with RBAC bindings (the pod talks to the API)', () => {
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'api', namespace: 'shop' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'api' }],
    };
    expect(runRule(rule, yamlOf(pod(), binding))).toEqual([]);
  });
  it('accepts ServiceAccounts listed in the parameter', () => {
    expect(runRule(rule, yamlOf(pod()), { params: { serviceAccounts: ['shop/api'] } })).toEqual([]);
  });
  it('reports an explicit true even when the ServiceAccount disables it', () => {
    const p = pod();
    p.spec.automountServiceAccountToken = true;
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'shop' }, automountServiceAccountToken: false };
    const reports = runRule(rule, yamlOf(p, sa));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain('sets automountServiceAccountToken: true for ServiceAccount "api"');
  });
});

describe('Windows pods', () => {
  it('are not asked to drop capabilities, block escalation or set seccomp', () => {
    const pod = goodPod();
    pod.spec.os = { name: 'windows' };
    delete pod.spec.securityContext.seccompProfile;
    app(pod).securityContext = { readOnlyRootFilesystem: true };
    for (const id of ['drop-all-capabilities', 'no-privilege-escalation', 'seccomp-runtime-default']) {
      expect(runRule(byId(id), yamlOf(pod))).toEqual([]);
    }
  });
});
