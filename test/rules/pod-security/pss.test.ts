import { describe, expect, it } from 'vitest';
import { runRule } from '../../helpers/rules.js';
import { pssRules } from '../../../src/rules/pod-security/index.js';
import { app, byId, goodPod, pathOf, yamlOf, type Obj } from './helpers.js';
import { allPssControls } from './controls.js';

interface Case {
  id: string;
  level: 'baseline' | 'restricted';
  control: string;
  breakIt: (pod: Obj) => void;
  path: string;
  message: string;
  container?: string;
  kubeVersion?: string;
}

const cases: Case[] = [
  {
    id: 'pss-baseline-host-process',
    level: 'baseline',
    control: 'HostProcess',
    breakIt: (p) => (p.spec.securityContext.windowsOptions = { hostProcess: true }),
    path: 'spec.securityContext.windowsOptions.hostProcess',
    message: 'Pod sets securityContext.windowsOptions.hostProcess: true.',
  },
  {
    id: 'pss-baseline-host-namespaces',
    level: 'baseline',
    control: 'Host Namespaces',
    breakIt: (p) => (p.spec.hostPID = true),
    path: 'spec.hostPID',
    message: 'Pod sets hostPID: true.',
  },
  {
    id: 'pss-baseline-privileged-containers',
    level: 'baseline',
    control: 'Privileged Containers',
    breakIt: (p) => (app(p).securityContext.privileged = true),
    path: 'spec.containers[name=app].securityContext.privileged',
    message: 'Container "app" runs privileged',
    container: 'app',
  },
  {
    id: 'pss-baseline-capabilities',
    level: 'baseline',
    control: 'Capabilities',
    breakIt: (p) => (app(p).securityContext.capabilities.add = ['NET_BIND_SERVICE', 'SYS_ADMIN']),
    path: 'spec.containers[name=app].securityContext.capabilities.add[1]',
    message: 'Container "app" adds capability SYS_ADMIN beyond the default set.',
    container: 'app',
  },
  {
    id: 'pss-baseline-host-path-volumes',
    level: 'baseline',
    control: 'HostPath Volumes',
    breakIt: (p) => (p.spec.volumes = [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }]),
    path: 'spec.volumes[name=sock].hostPath',
    message: 'Pod mounts the hostPath volume "sock" (/var/run/docker.sock).',
  },
  {
    id: 'pss-baseline-host-ports',
    level: 'baseline',
    control: 'Host Ports',
    breakIt: (p) => (app(p).ports = [{ containerPort: 8080, hostPort: 80 }]),
    path: 'spec.containers[name=app].ports[0].hostPort',
    message: 'Container "app" binds host port 80.',
    container: 'app',
  },
  {
    id: 'pss-baseline-host-probes-lifecycle-hooks',
    level: 'baseline',
    control: 'Host Probes / Lifecycle Hooks',
    breakIt: (p) => (app(p).readinessProbe = { httpGet: { host: '169.254.169.254', path: '/', port: 80 } }),
    path: 'spec.containers[name=app].readinessProbe.httpGet.host',
    message: 'Container "app" sets readinessProbe.httpGet.host to "169.254.169.254".',
    container: 'app',
    kubeVersion: '1.34',
  },
  {
    id: 'pss-baseline-apparmor',
    level: 'baseline',
    control: 'AppArmor',
    breakIt: (p) => (app(p).securityContext.appArmorProfile = { type: 'Unconfined' }),
    path: 'spec.containers[name=app].securityContext.appArmorProfile.type',
    message: 'Container "app" sets appArmorProfile.type to "Unconfined".',
    container: 'app',
  },
  {
    id: 'pss-baseline-selinux',
    level: 'baseline',
    control: 'SELinux',
    breakIt: (p) => (p.spec.securityContext.seLinuxOptions = { type: 'spc_t', user: 'system_u' }),
    path: 'spec.securityContext.seLinuxOptions.type',
    message: 'Pod sets forbidden seLinuxOptions: type "spc_t", user "system_u".',
  },
  {
    id: 'pss-baseline-proc-mount-type',
    level: 'baseline',
    control: '/proc Mount Type',
    breakIt: (p) => (app(p).securityContext.procMount = 'Unmasked'),
    path: 'spec.containers[name=app].securityContext.procMount',
    message: 'Container "app" sets securityContext.procMount to "Unmasked".',
    container: 'app',
  },
  {
    id: 'pss-baseline-seccomp',
    level: 'baseline',
    control: 'Seccomp',
    breakIt: (p) => (app(p).securityContext.seccompProfile = { type: 'Unconfined' }),
    path: 'spec.containers[name=app].securityContext.seccompProfile.type',
    message: 'Container "app" sets seccompProfile.type to "Unconfined".',
    container: 'app',
  },
  {
    id: 'pss-baseline-sysctls',
    level: 'baseline',
    control: 'Sysctls',
    breakIt: (p) => (p.spec.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '65536' }]),
    path: 'spec.securityContext.sysctls[name=kernel.msgmax].name',
    message: 'Pod sets the unsafe sysctl "kernel.msgmax".',
  },
  {
    id: 'pss-restricted-volume-types',
    level: 'restricted',
    control: 'Volume Types',
    breakIt: (p) => (p.spec.volumes = [{ name: 'share', nfs: { server: 'nfs.example.com', path: '/export' } }]),
    path: 'spec.volumes[name=share].nfs',
    message: 'Pod uses the restricted volume type nfs in volume "share".',
  },
  {
    id: 'pss-restricted-privilege-escalation',
    level: 'restricted',
    control: 'Privilege Escalation',
    breakIt: (p) => delete app(p).securityContext.allowPrivilegeEscalation,
    path: 'spec.containers[name=app].securityContext.allowPrivilegeEscalation',
    message: 'Container "app" does not set allowPrivilegeEscalation: false.',
    container: 'app',
  },
  {
    id: 'pss-restricted-running-as-non-root',
    level: 'restricted',
    control: 'Running as Non-root',
    breakIt: (p) => delete p.spec.securityContext.runAsNonRoot,
    path: 'spec.containers[name=app].securityContext.runAsNonRoot',
    message: 'Container "app" does not set runAsNonRoot: true and the pod security context does not either.',
    container: 'app',
  },
  {
    id: 'pss-restricted-running-as-non-root-user',
    level: 'restricted',
    control: 'Running as Non-root user',
    breakIt: (p) => (app(p).securityContext.runAsUser = 0),
    path: 'spec.containers[name=app].securityContext.runAsUser',
    message: 'Container "app" sets runAsUser: 0 (root).',
    container: 'app',
  },
  {
    id: 'pss-restricted-seccomp',
    level: 'restricted',
    control: 'Seccomp',
    breakIt: (p) => delete p.spec.securityContext.seccompProfile,
    path: 'spec.containers[name=app].securityContext.seccompProfile.type',
    message: 'Container "app" has no seccompProfile and the pod security context sets no RuntimeDefault or Localhost profile.',
    container: 'app',
  },
  {
    id: 'pss-restricted-capabilities',
    level: 'restricted',
    control: 'Capabilities',
    breakIt: (p) => (app(p).securityContext.capabilities = { drop: ['NET_RAW'] }),
    path: 'spec.containers[name=app].securityContext.capabilities.drop',
    message: 'Container "app" does not drop ALL capabilities',
    container: 'app',
  },
  {
    id: 'pss-restricted-proc-mount-type',
    level: 'restricted',
    control: '/proc Mount Type',
    breakIt: (p) => {
      p.spec.hostUsers = false;
      app(p).securityContext.procMount = 'Unmasked';
    },
    path: 'spec.containers[name=app].securityContext.procMount',
    message: 'Container "app" sets securityContext.procMount to "Unmasked".',
    container: 'app',
    kubeVersion: '1.35',
  },
];

describe('Pod Security Standards controls', () => {
  it('has exactly one rule per case, with matching metadata', () => {
    expect(cases.map((c) => c.id).sort()).toEqual(pssRules.map((r) => r.meta.id).sort());
    for (const c of cases) {
      const rule = byId(c.id);
      expect(rule.meta.pss).toBe(c.level);
      expect(rule.meta.concern).toBe('pod-security');
      expect(rule.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.meta.remediation).toContain('```yaml');
    }
  });

  it.each(cases)('$level "$control" ($id) passes a compliant pod', (c) => {
    expect(runRule(byId(c.id), yamlOf(goodPod()), { kubeVersion: c.kubeVersion ?? '1.35' })).toEqual([]);
  });

  it.each(cases)('$level "$control" ($id) reports the violating field', (c) => {
    const pod = goodPod();
    c.breakIt(pod);
    const reports = runRule(byId(c.id), yamlOf(pod), { kubeVersion: c.kubeVersion ?? '1.33' });
    expect(reports).toHaveLength(1);
    const r = reports[0]!;
    expect(pathOf(r)).toBe(c.path);
    expect(r.message).toContain(c.message);
    expect(r.pss).toEqual({ level: c.level, control: c.control });
    expect(r.container).toBe(c.container);
  });
});

describe('a single Pod violating every control', () => {
  const allBad = () => {
    const pod = goodPod();
    for (const c of cases) if (c.id !== 'pss-restricted-proc-mount-type') c.breakIt(pod);
    // Cases that replace the same field: keep both violations.
    pod.spec.volumes.push({ name: 'sock', hostPath: { path: '/var/run/docker.sock' } });
    app(pod).securityContext.capabilities.add = ['SYS_ADMIN'];
    return pod;
  };

  it('reports every baseline and restricted control by its name', () => {
    const yaml = yamlOf(allBad());
    const seen = new Set<string>();
    for (const rule of pssRules) {
      for (const r of runRule(rule, yaml, { kubeVersion: '1.34' })) seen.add(`${r.pss!.level}: ${r.pss!.control}`);
    }
    expect([...seen].sort()).toEqual(
      [...allPssControls],
    );
  });
});

describe('pod-level inheritance', () => {
  const run = (id: string, pod: Obj, kubeVersion = '1.33') => runRule(byId(id), yamlOf(pod), { kubeVersion });

  it('runAsNonRoot: a container inherits a pod-level true, may override it with false, and a pod-level false is itself a violation', () => {
    const pod = goodPod();
    pod.spec.initContainers = [{ name: 'init', image: 'x:1', securityContext: { runAsNonRoot: false } }];
    const reports = run('pss-restricted-running-as-non-root', pod);
    expect(reports.map(pathOf)).toEqual(['spec.initContainers[name=init].securityContext.runAsNonRoot']);
    expect(reports[0]!.message).toBe('Init container "init" sets runAsNonRoot: false.');

    const podFalse = goodPod();
    podFalse.spec.securityContext.runAsNonRoot = false;
    app(podFalse).securityContext.runAsNonRoot = true;
    expect(run('pss-restricted-running-as-non-root', podFalse).map(pathOf)).toEqual(['spec.securityContext.runAsNonRoot']);

    const containerOnly = goodPod();
    delete containerOnly.spec.securityContext.runAsNonRoot;
    app(containerOnly).securityContext.runAsNonRoot = true;
    expect(run('pss-restricted-running-as-non-root', containerOnly)).toEqual([]);
  });

  it('seccomp: a valid pod profile covers containers without one; an explicit container Unconfined still fails both levels', () => {
    const pod = goodPod();
    pod.spec.containers.push({ name: 'side', image: 'x:1', securityContext: { seccompProfile: { type: 'Unconfined' } } });
    for (const id of ['pss-restricted-seccomp', 'pss-baseline-seccomp']) {
      const reports = run(id, pod);
      expect(reports.map((r) => r.container)).toEqual(['side']);
    }
    const localhost = goodPod();
    localhost.spec.securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/app.json' };
    expect(run('pss-restricted-seccomp', localhost)).toEqual([]);
    const containerLevel = goodPod();
    delete containerLevel.spec.securityContext.seccompProfile;
    app(containerLevel).securityContext.seccompProfile = { type: 'RuntimeDefault' };
    expect(run('pss-restricted-seccomp', containerLevel)).toEqual([]);
  });

  it('seccomp: an Unconfined pod profile is reported at pod level, and containers without their own profile too', () => {
    const pod = goodPod();
    pod.spec.securityContext.seccompProfile = { type: 'Unconfined' };
    expect(run('pss-baseline-seccomp', pod).map(pathOf)).toEqual(['spec.securityContext.seccompProfile.type']);
    expect(run('pss-restricted-seccomp', pod).map(pathOf)).toEqual([
      'spec.securityContext.seccompProfile.type',
      'spec.containers[name=app].securityContext.seccompProfile.type',
    ]);
  });

  it('runAsUser: 0 is reported wherever it is set', () => {
    const pod = goodPod();
    pod.spec.securityContext.runAsUser = 0;
    expect(run('pss-restricted-running-as-non-root-user', pod).map(pathOf)).toEqual(['spec.securityContext.runAsUser']);
  });
});

describe('containers the standard visits', () => {
  it('judges init and ephemeral containers', () => {
    const pod = goodPod();
    pod.spec.initContainers = [{ name: 'init', image: 'x:1', securityContext: { privileged: true } }];
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'x:1', securityContext: { privileged: true } }];
    const reports = runRule(byId('pss-baseline-privileged-containers'), yamlOf(pod));
    expect(reports.map(pathOf)).toEqual([
      'spec.initContainers[name=init].securityContext.privileged',
      'spec.ephemeralContainers[name=debug].securityContext.privileged',
    ]);
    expect(reports[1]!.message).toMatch(/^Ephemeral container "debug"/);
  });

  it('judges workload pod templates with template paths', () => {
    const pod = goodPod();
    pod.spec.hostNetwork = true;
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: pod.spec } },
    };
    const reports = runRule(byId('pss-baseline-host-namespaces'), yamlOf(deployment));
    expect(reports.map(pathOf)).toEqual(['spec.template.spec.hostNetwork']);
    expect(reports[0]!.message).toBe('Pod template sets hostNetwork: true.');
  });

  it('reports every offending host namespace and host port', () => {
    const pod = goodPod();
    Object.assign(pod.spec, { hostNetwork: true, hostPID: true, hostIPC: true });
    expect(runRule(byId('pss-baseline-host-namespaces'), yamlOf(pod))).toHaveLength(3);
    app(pod).ports = [{ containerPort: 1, hostPort: 0 }, { containerPort: 2 }, { containerPort: 3, hostPort: 3 }];
    expect(runRule(byId('pss-baseline-host-ports'), yamlOf(pod)).map(pathOf)).toEqual(['spec.containers[name=app].ports[2].hostPort']);
    expect(runRule(byId('pss-baseline-host-ports'), yamlOf(pod), { params: { allowedHostPorts: [3] } })).toEqual([]);
  });
});

describe('allowed values', () => {
  const run = (id: string, pod: Obj, kubeVersion = '1.33') => runRule(byId(id), yamlOf(pod), { kubeVersion });

  it('baseline capabilities allow the default set, restricted only NET_BIND_SERVICE', () => {
    const pod = goodPod();
    app(pod).securityContext.capabilities.add = ['CHOWN', 'NET_BIND_SERVICE'];
    expect(run('pss-baseline-capabilities', pod)).toEqual([]);
    const r = run('pss-restricted-capabilities', pod);
    expect(r.map(pathOf)).toEqual(['spec.containers[name=app].securityContext.capabilities.add[0]']);
    expect(r[0]!.message).toContain('adds CHOWN; only NET_BIND_SERVICE may be added');
  });

  it('AppArmor allows RuntimeDefault, Localhost and runtime/default or localhost/* annotations', () => {
    const pod = goodPod();
    pod.spec.securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'k8s-app' };
    app(pod).securityContext.appArmorProfile = { type: 'RuntimeDefault' };
    pod.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost/k8s-app' };
    expect(run('pss-baseline-apparmor', pod)).toEqual([]);
    pod.metadata.annotations['container.apparmor.security.beta.kubernetes.io/app'] = 'unconfined';
    const reports = run('pss-baseline-apparmor', pod);
    expect(reports.map(pathOf)).toEqual(['metadata.annotations.container.apparmor.security.beta.kubernetes.io/app']);
    expect(reports[0]!.container).toBe('app');
    expect(reports[0]!.message).toContain('"unconfined"');
  });

  it('SELinux allows the container types and a level, container_engine_t from 1.31', () => {
    const pod = goodPod();
    app(pod).securityContext.seLinuxOptions = { type: 'container_init_t', level: 's0:c1,c2' };
    expect(run('pss-baseline-selinux', pod)).toEqual([]);
    app(pod).securityContext.seLinuxOptions = { type: 'container_engine_t' };
    expect(run('pss-baseline-selinux', pod, '1.31')).toEqual([]);
    expect(run('pss-baseline-selinux', pod, '1.30')).toHaveLength(1);
    app(pod).securityContext.seLinuxOptions = { role: 'sysadm_r' };
    expect(run('pss-baseline-selinux', pod).map(pathOf)).toEqual(['spec.containers[name=app].securityContext.seLinuxOptions.role']);
  });

  it('sysctls follow the safe list of the Kubernetes version', () => {
    const pod = goodPod();
    pod.spec.securityContext.sysctls = [
      { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' },
      { name: 'net.ipv4.tcp_rmem', value: '4096 87380 16777216' },
    ];
    expect(run('pss-baseline-sysctls', pod, '1.32')).toEqual([]);
    expect(run('pss-baseline-sysctls', pod, '1.31').map((r) => r.message)).toEqual(['Pod sets the unsafe sysctl "net.ipv4.tcp_rmem".']);
    pod.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }];
    expect(run('pss-baseline-sysctls', pod, '1.29')).toEqual([]);
    expect(run('pss-baseline-sysctls', pod, '1.28')).toHaveLength(1);
  });

  it('volume types allow the core sources', () => {
    const pod = goodPod();
    pod.spec.volumes = [
      { name: 'a', configMap: { name: 'c' } },
      { name: 'b', secret: { secretName: 's' } },
      { name: 'c', emptyDir: {} },
      { name: 'd', projected: { sources: [] } },
      { name: 'e', persistentVolumeClaim: { claimName: 'x' } },
      { name: 'f', downwardAPI: { items: [] } },
      { name: 'g', csi: { driver: 'x' } },
      { name: 'h', ephemeral: { volumeClaimTemplate: { spec: {} } } },
    ];
    expect(run('pss-restricted-volume-types', pod)).toEqual([]);
    pod.spec.volumes.push({ name: 'host', hostPath: { path: '/' } });
    expect(run('pss-restricted-volume-types', pod).map(pathOf)).toEqual(['spec.volumes[name=host].hostPath']);
  });

  it('proc mount Default is allowed', () => {
    const pod = goodPod();
    app(pod).securityContext.procMount = 'Default';
    expect(run('pss-baseline-proc-mount-type', pod)).toEqual([]);
  });

  it('host probes allow an empty host and lifecycle hooks are checked', () => {
    const pod = goodPod();
    app(pod).livenessProbe = { tcpSocket: { host: '', port: 80 } };
    app(pod).lifecycle = { preStop: { httpGet: { host: 'example.com', path: '/', port: 80 } } };
    const reports = run('pss-baseline-host-probes-lifecycle-hooks', pod, '1.34');
    expect(reports.map(pathOf)).toEqual(['spec.containers[name=app].lifecycle.preStop.httpGet.host']);
  });
});

describe('Kubernetes version', () => {
  const run = (id: string, pod: Obj, kubeVersion: string) => runRule(byId(id), yamlOf(pod), { kubeVersion });

  it('Host Probes / Lifecycle Hooks applies from 1.34', () => {
    const pod = goodPod();
    app(pod).readinessProbe = { httpGet: { host: '10.0.0.1', path: '/', port: 80 } };
    expect(run('pss-baseline-host-probes-lifecycle-hooks', pod, '1.33')).toEqual([]);
    expect(run('pss-baseline-host-probes-lifecycle-hooks', pod, 'v1.34.1')).toHaveLength(1);
  });

  it('Running as Non-root user applies from 1.23, restricted Capabilities from 1.22', () => {
    const pod = goodPod();
    app(pod).securityContext.runAsUser = 0;
    expect(run('pss-restricted-running-as-non-root-user', pod, '1.22')).toEqual([]);
    expect(run('pss-restricted-running-as-non-root-user', pod, '1.23')).toHaveLength(1);
    delete app(pod).securityContext.capabilities;
    expect(run('pss-restricted-capabilities', pod, '1.21')).toEqual([]);
    expect(run('pss-restricted-capabilities', pod, '1.22')).toHaveLength(1);
  });

  it('Windows pods are exempt from restricted privilege escalation, capabilities and seccomp from 1.25', () => {
    const pod = goodPod();
    pod.spec.os = { name: 'windows' };
    delete pod.spec.securityContext.seccompProfile;
    app(pod).securityContext = {};
    for (const id of ['pss-restricted-privilege-escalation', 'pss-restricted-capabilities', 'pss-restricted-seccomp']) {
      expect(run(id, pod, '1.25')).toEqual([]);
      expect(run(id, pod, '1.24')).toHaveLength(1);
    }
  });

  it('from 1.35 /proc Mount Type moves to restricted for pods in a user namespace', () => {
    const pod = goodPod();
    pod.spec.hostUsers = false;
    app(pod).securityContext.procMount = 'Unmasked';
    expect(run('pss-baseline-proc-mount-type', pod, '1.34')).toHaveLength(1);
    expect(run('pss-restricted-proc-mount-type', pod, '1.34')).toEqual([]);
    expect(run('pss-baseline-proc-mount-type', pod, '1.35')).toEqual([]);
    expect(run('pss-restricted-proc-mount-type', pod, '1.35')).toHaveLength(1);
    delete pod.spec.hostUsers;
    expect(run('pss-baseline-proc-mount-type', pod, '1.35')).toHaveLength(1);
    expect(run('pss-restricted-proc-mount-type', pod, '1.35')).toEqual([]);
  });

  it('before 1.19 baseline seccomp judges the alpha annotations', () => {
    const pod = goodPod();
    pod.metadata.annotations = {
      'seccomp.security.alpha.kubernetes.io/pod': 'unconfined',
      'container.seccomp.security.alpha.kubernetes.io/app': 'docker/default',
    };
    const reports = run('pss-baseline-seccomp', pod, '1.18');
    expect(reports.map(pathOf)).toEqual(['metadata.annotations.seccomp.security.alpha.kubernetes.io/pod']);
    expect(run('pss-baseline-seccomp', pod, '1.19')).toEqual([]);
  });
});
