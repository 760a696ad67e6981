/** Pod builders for the pod-security tests: a compliant restricted Pod that cases then break. */
import { stringify } from 'yaml';
import { formatPath } from '../../../src/core/resource.js';
import type { Report, Rule } from '../../../src/engine/types.js';
import { rules } from '../../../src/rules/pod-security/index.js';

export type Obj = Record<string, any>;

export function byId(id: string): Rule {
  const r = rules.find((x) => x.meta.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

/** A Pod that passes every baseline and restricted control and every hardening rule. */
export function goodPod(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'shop' },
    spec: {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/app:1.0.0',
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
        },
      ],
    },
  };
}

export function app(pod: Obj): Obj {
  return pod.spec.containers[0];
}

export function yamlOf(...objs: Obj[]): string {
  return objs.map((o) => stringify(o)).join('---\n');
}

export function pathOf(r: Report): string {
  return formatPath(r.path, r.resource.body);
}

/**
 * A Pod that breaks every pod-level rule: container "app" violates every Pod Security control
 * and has no probes, resources or tag; container "web" has probes that target an undeclared
 * port, duplicate each other and delay liveness; its image is a tag pulled IfNotPresent from
 * another registry. Its namespace has no LimitRange or ResourceQuota.
 */
export function everythingWrongPod(): Obj {
  const pod = goodPod();
  const sc = pod.spec.securityContext;
  const appSc = app(pod).securityContext;
  delete pod.spec.automountServiceAccountToken;
  delete sc.runAsNonRoot;
  delete sc.seccompProfile;
  Object.assign(pod.spec, { hostNetwork: true, hostPID: true, hostIPC: true });
  sc.runAsUser = 0;
  sc.windowsOptions = { hostProcess: true };
  sc.seLinuxOptions = { type: 'spc_t' };
  sc.sysctls = [{ name: 'kernel.msgmax', value: '65536' }];
  pod.spec.volumes = [
    { name: 'sock', hostPath: { path: '/var/run/docker.sock' } },
    { name: 'share', nfs: { server: 'nfs.example.com', path: '/export' } },
  ];
  app(pod).image = 'registry.example.com/app';
  app(pod).ports = [{ containerPort: 8080, hostPort: 80 }];
  Object.assign(appSc, {
    privileged: true,
    allowPrivilegeEscalation: true,
    readOnlyRootFilesystem: false,
    procMount: 'Unmasked',
    appArmorProfile: { type: 'Unconfined' },
    seccompProfile: { type: 'Unconfined' },
    capabilities: { add: ['SYS_ADMIN'] },
  });
  app(pod).lifecycle = { preStop: { httpGet: { host: '169.254.169.254', path: '/', port: 80 } } };
  const probe = { httpGet: { path: '/health', port: 'metrics' }, initialDelaySeconds: 60 };
  pod.spec.containers.push({
    name: 'web',
    image: 'other.example.net/web:1.0',
    ports: [{ name: 'http', containerPort: 8080 }],
    livenessProbe: probe,
    readinessProbe: probe,
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
  });
  return pod;
}

/** Parameters that switch on the rules that are silent by default. */
export const strictParams: Record<string, Record<string, unknown>> = {
  'image-digest-pinning': { level: 'require' },
  'image-allowed-registries': { registries: ['registry.example.com'] },
};
