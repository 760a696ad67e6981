/** Malformed objects never crash the network analysis or the secret scan. */
import { describe, expect, it } from 'vitest';
import { estateFromYaml, runRule } from '../helpers/rules.js';
import { NetworkGraph } from '../../src/analysis/network/graph.js';
import { explainReach } from '../../src/analysis/network/reach.js';
import { reachJson, reachMarkdown, reachText } from '../../src/analysis/network/render.js';
import { rules as networkRules } from '../../src/rules/network/index.js';
import { rules as secretRules } from '../../src/rules/secrets/index.js';

const malformed = `apiVersion: apps/v1
kind: Deployment
metadata: {name: odd, namespace: x}
spec:
  template:
    metadata:
      labels: {app: odd, n: 1, b: true, e: null}
    spec:
      hostNetwork: "yes"
      containers:
      - name: c
        image: postgres
        ports: [{containerPort: abc}, null, 5, {containerPort: 5432, protocol: bogus, hostPort: null}]
        env: [null, {name: DB_PASSWORD}, {name: TOKEN, value: 42}, {value: "no name"}]
        args: [1, null, "--password"]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p1, namespace: x}
spec:
  podSelector: {matchLabels: null, matchExpressions: [null, {key: app, operator: Weird}]}
  policyTypes: [Ingress, Egress, Other]
  ingress:
  - null
  - from: [null, {}, {ipBlock: {cidr: not-a-cidr, except: [null, 1]}}, {ipBlock: null}]
    ports: [null, {port: null}, {port: 80, endPort: "x"}, {port: named, endPort: 90}, {protocol: 7}]
  - from: {not: a-list}
  egress: "nope"
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p2, namespace: x}
spec: []
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p3}
---
apiVersion: v1
kind: Service
metadata: {name: s, namespace: x}
spec:
  type: LoadBalancer
  selector: {app: odd}
  ports: [null, {port: "http"}, {targetPort: 5432}]
  externalIPs: [1.2.3.4]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i, namespace: x}
spec:
  defaultBackend: {service: {name: s}}
  rules: [null, {http: null}, {http: {paths: [null, {backend: null}, {backend: {serviceName: s}}]}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: x}
spec:
  rules: [{backendRefs: [null, {name: s, kind: Service}, {name: s, namespace: other}]}]
---
apiVersion: route.openshift.io/v1
kind: Route
metadata: {name: r, namespace: x}
spec:
  to: null
  alternateBackends: [null, {name: s}]
---
apiVersion: v1
kind: Secret
metadata: {name: weird, namespace: x}
data: {a: "!!notbase64!!", b: null, c: {nested: map}, d: [1, 2]}
stringData: {e: 12345678}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
  namespace: x
  annotations: {a: null, b: 3}
data: {a: null, b: 7, c: ${JSON.stringify('x'.repeat(100_000))}}
---
apiVersion: v1
kind: Namespace
metadata: {name: x, labels: null}
`;

describe('robustness', () => {
  it('builds the graph, explains reach and renders it for malformed objects', () => {
    const graph = new NetworkGraph(estateFromYaml(malformed));
    expect(graph.workloads).toHaveLength(1);
    const reach = graph.workloads.map((w) => explainReach(graph, w));
    expect(() => reachJson(reach)).not.toThrow();
    expect(() => reachText(reach)).not.toThrow();
    expect(() => reachMarkdown(reach)).not.toThrow();
  });
  it('runs every network and secrets rule without throwing', () => {
    const estate = estateFromYaml(malformed);
    for (const r of [...networkRules, ...secretRules]) expect(() => runRule(r, estate), r.meta.id).not.toThrow();
  });
});
