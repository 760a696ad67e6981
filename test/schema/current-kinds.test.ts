/**
 * Kinds that became stable after 1.33 validate strictly against the bundled schemas and are gated
 * by the target version: DRA (`resource.k8s.io/v1`, 1.34), VolumeAttributesClass
 * (`storage.k8s.io/v1`, 1.34) and MutatingAdmissionPolicy (`admissionregistration.k8s.io/v1`, 1.36).
 */
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/core/resource.js';
import { DEFAULT_KUBE_VERSION } from '../../src/engine/profiles.js';
import { rules as deprecationRules } from '../../src/rules/deprecations/index.js';
import { rules as schemaRules } from '../../src/rules/schema/index.js';
import { runRule } from '../helpers/rules.js';

const rule = (id: string) => [...schemaRules, ...deprecationRules].find((r) => r.meta.id === id)!;

const objects = {
  vac: `apiVersion: storage.k8s.io/v1
kind: VolumeAttributesClass
metadata:
  name: fast
driverName: pd.csi.storage.gke.io
parameters:
  iops: "3000"
`,
  deviceClass: `apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: gpu
spec:
  selectors:
    - cel:
        expression: device.driver == "gpu.example.com"
`,
  claimTemplate: `apiVersion: resource.k8s.io/v1
kind: ResourceClaimTemplate
metadata:
  name: gpu
spec:
  spec:
    devices:
      requests:
        - name: gpu
          exactly:
            deviceClassName: gpu
            allocationMode: ExactCount
            count: 1
`,
  map: `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingAdmissionPolicy
metadata:
  name: add-label
spec:
  reinvocationPolicy: Never
  matchConstraints:
    resourceRules:
      - apiGroups: [""]
        apiVersions: [v1]
        operations: [CREATE]
        resources: [pods]
  mutations:
    - patchType: ApplyConfiguration
      applyConfiguration:
        expression: 'Object{metadata: Object.metadata{labels: {"team": "a"}}}'
`,
};

describe('stable kinds of 1.34–1.36', () => {
  it('the default target is the newest released minor', () => {
    expect(DEFAULT_KUBE_VERSION).toBe('1.37');
  });

  it.each(Object.entries(objects))('%s validates clean at the default version', (_name, yaml) => {
    for (const id of ['schema-valid', 'schema-unknown-field', 'schema-unknown-kind', 'api-not-yet-served']) {
      expect(runRule(rule(id), yaml, { kubeVersion: DEFAULT_KUBE_VERSION }).map((r) => r.message), id).toEqual([]);
    }
  });

  it('a misspelled field of a new kind is an unknown field', () => {
    const got = runRule(rule('schema-unknown-field'), objects.claimTemplate.replace('allocationMode', 'allocationMod'));
    expect(got.map((r) => formatPath(r.path, r.resource.body))).toEqual(['spec.spec.devices.requests[name=gpu].exactly.allocationMod']);
    const vac = runRule(rule('schema-unknown-field'), objects.vac.replace('driverName', 'driver'));
    expect(vac.map((r) => formatPath(r.path))).toEqual(['driver']);
  });

  it('a wrong type in a new kind is a schema error', () => {
    const got = runRule(rule('schema-valid'), objects.claimTemplate.replace('count: 1', 'count: one'));
    expect(got).toHaveLength(1);
  });

  it.each([
    ['vac', '1.33', 'served from Kubernetes 1.34'],
    ['deviceClass', '1.33', 'served from Kubernetes 1.34'],
    ['map', '1.35', 'served from Kubernetes 1.36'],
  ] as const)('%s is not yet served by %s', (name, version, text) => {
    const got = runRule(rule('api-not-yet-served'), objects[name], { kubeVersion: version });
    expect(got).toHaveLength(1);
    expect(got[0]!.message).toContain(text);
  });
});
