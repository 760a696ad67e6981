/** Pod builders for the pod-security tests: a compliant restricted Pod that cases then break. */
import { stringify } from 'yaml';
import { formatPath } from '../../../src/model/resource.js';
import type { Report, Rule } from '../../../src/rules/types.js';
import { rules } from '../../../src/rules/pod-security/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
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
