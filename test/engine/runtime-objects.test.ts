/**
 * Objects a running cluster has but the repository does not: references to well-known runtime
 * objects and to objects declared `external:` in `.prodgate.yaml` are not missing, and selectors
 * may use the labels controllers add to pods. Modelled on istio-injected namespaces (every pod
 * mounts `istio-ca-root-cert`), Argo CD (its redis Secret is made by an init Job) and per-pod
 * Services of StatefulSets (`statefulset.kubernetes.io/pod-name`).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, runCheck } from '../../src/index.js';
import { writeTree } from './helpers.js';

function check(files: Record<string, string>, rules: string[]) {
  const root = writeTree(files);
  const config = files['.prodgate.yaml'] !== undefined ? loadConfig(path.join(root, '.prodgate.yaml'), '.prodgate.yaml') : undefined;
  return runCheck({ inputs: ['.'], load: { root }, config, only: rules, cli: { profile: 'prod' } }).findings.filter((f) => rules.includes(f.rule));
}

const pod = (volumes: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: "registry.example.com/api:1"}]
      volumes:
${volumes}`;

describe('runtime objects', () => {
  it('istiod and control-plane ConfigMaps are not reported missing; an unknown one is', () => {
    const got = check(
      {
        'd.yaml': pod(
          '        - {name: ca, configMap: {name: istio-ca-root-cert}}\n        - {name: root, configMap: {name: kube-root-ca.crt}}\n        - {name: cfg, configMap: {name: api-settings}}\n',
        ),
      },
      ['configmap-not-found'],
    );
    expect(got.map((f) => f.message)).toEqual([expect.stringContaining('"api-settings"')]);
  });

  it('objects declared external: in the config are not missing (namespace and name globs)', () => {
    const files = {
      'd.yaml': pod('        - {name: redis, secret: {secretName: argocd-redis}}\n        - {name: tls, secret: {secretName: api-tls-cert}}\n'),
    };
    expect(check(files, ['secret-not-found'])).toHaveLength(2);
    const declared = check(
      { ...files, '.prodgate.yaml': 'external:\n  - {kind: Secret, namespace: shop, name: argocd-redis}\n  - {kind: Secret, name: "*-tls-cert"}\n' },
      ['secret-not-found'],
    );
    expect(declared).toEqual([]);
    const otherNs = check(
      { ...files, '.prodgate.yaml': 'external:\n  - {kind: Secret, namespace: argocd, name: "*"}\n' },
      ['secret-not-found'],
    );
    expect(otherNs).toHaveLength(2);
  });

  it('a per-pod Service of a StatefulSet selects its pods by statefulset.kubernetes.io/pod-name', () => {
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: kafka, namespace: data}
spec:
  serviceName: kafka
  selector: {matchLabels: {app: kafka}}
  template:
    metadata: {labels: {app: kafka}}
    spec:
      containers: [{name: kafka, image: "kafka:3.7", ports: [{containerPort: 9092, name: broker}]}]
`;
    const svc = (podName: string) => `apiVersion: v1
kind: Service
metadata: {name: kafka-0-external, namespace: data}
spec:
  type: ClusterIP
  selector: {app: kafka, statefulset.kubernetes.io/pod-name: ${podName}}
  ports: [{port: 9092, targetPort: broker}]
`;
    expect(check({ 's.yaml': sts, 'svc.yaml': svc('kafka-0') }, ['service-selects-nothing'])).toEqual([]);
    // Pods of another StatefulSet, or not an ordinal: nothing is selected.
    expect(check({ 's.yaml': sts, 'svc.yaml': svc('zookeeper-0') }, ['service-selects-nothing'])).toHaveLength(1);
    expect(check({ 's.yaml': sts, 'svc.yaml': svc('kafka-x') }, ['service-selects-nothing'])).toHaveLength(1);
  });
});
