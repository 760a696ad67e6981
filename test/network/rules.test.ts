import { describe, expect, it } from 'vitest';
import { runRule } from '../helpers/rules.js';
import { rule as datastoreExposed } from '../../src/rules/network/datastore-exposed.js';
import { rule as unapproved } from '../../src/rules/network/datastore-unapproved-client.js';
import { rule as defaultDeny } from '../../src/rules/network/namespace-default-deny-ingress.js';
import { rule as withoutPolicy } from '../../src/rules/network/workload-without-network-policy.js';
import { rule as allowsAll } from '../../src/rules/network/network-policy-allows-all.js';
import { rules } from '../../src/rules/network/index.js';
import { formatPath } from '../../src/core/resource.js';
import { ns, policy } from './helpers.js';
import { estateFromYaml } from '../helpers/rules.js';
import { NetworkGraph } from '../../src/analysis/network/graph.js';
import { explainReach } from '../../src/analysis/network/reach.js';
import { reachText } from '../../src/analysis/network/render.js';

const qdrant = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: vector
  namespace: vector
spec:
  selector:
    matchLabels: {app: vector}
  template:
    metadata:
      labels: {app: vector}
    spec:
      containers:
      - name: qdrant
        image: qdrant/qdrant:v1.12.4
        ports:
        - {name: http, containerPort: 6333}
`;
const api = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: api
spec:
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: ghcr.io/example/api:1.0
`;
const service = (type: string): string => `apiVersion: v1
kind: Service
metadata:
  name: vector
  namespace: vector
spec:
  type: ${type}
  selector: {app: vector}
  ports:
  - {port: 6333, targetPort: http}
`;
const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: vector
  namespace: vector
spec:
  rules:
  - host: vector.example.org
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: vector, port: {number: 6333}}
`;
const denyVector = policy('default-deny', 'vector', { podSelector: {}, policyTypes: ['Ingress'] });
const fromApi = policy('vector-from-api', 'vector', {
  podSelector: { matchLabels: { app: 'vector' } },
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'api' } } }], ports: [{ port: 6333 }] }],
});
const join = (...docs: string[]): string => docs.join('---\n');

describe('network rules metadata', () => {
  it('every rule has the metadata the docs need', () => {
    for (const r of rules) {
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.concern).toBe('network');
      expect(r.meta.remediation).toContain('```yaml');
      expect(r.meta.rationale.length).toBeGreaterThan(20);
    }
  });
});

describe('datastore-exposed', () => {
  it('flags a LoadBalancer Service in front of a datastore', () => {
    const reports = runRule(datastoreExposed, join(qdrant, service('LoadBalancer')));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain('Service/vector/vector');
    expect(reports[0]!.message).toContain('TCP 6333');
    expect(formatPath(reports[0]!.path)).toBe('spec.type');
  });
  it('flags NodePort, an Ingress and an OpenShift Route', () => {
    const route = `apiVersion: route.openshift.io/v1
kind: Route
metadata: {name: vector, namespace: vector}
spec:
  to: {kind: Service, name: vector}
`;
    const reports = runRule(datastoreExposed, join(qdrant, service('NodePort'), ingress, route));
    expect(reports.map((r) => r.message.match(/by (\S+)/)![1]).sort()).toEqual(['Ingress/vector/vector', 'Route/vector/vector', 'Service/vector/vector']);
  });
  it('flags a Gateway API HTTPRoute backend', () => {
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: vector, namespace: vector}
spec:
  rules:
  - backendRefs:
    - {name: vector, port: 6333}
`;
    const reports = runRule(datastoreExposed, join(qdrant, service('ClusterIP'), route));
    expect(reports).toHaveLength(1);
    expect(formatPath(reports[0]!.path, reports[0]!.resource.body)).toBe('spec.rules[0].backendRefs[name=vector]');
  });
  it('says when a LoadBalancer is internal (still outside the cluster)', () => {
    const internal = service('LoadBalancer').replace('  namespace: vector\n', '  namespace: vector\n  annotations:\n    networking.gke.io/load-balancer-type: Internal\n');
    const reports = runRule(datastoreExposed, join(qdrant, internal));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain('internal load balancer');
  });
  it('accepts a ClusterIP Service', () => {
    expect(runRule(datastoreExposed, join(qdrant, service('ClusterIP')))).toEqual([]);
  });
  it('ignores exposed workloads that are not datastores', () => {
    const svc = service('LoadBalancer').replace('app: vector', 'app: api').replace(/namespace: vector/, 'namespace: api');
    expect(runRule(datastoreExposed, join(api, svc))).toEqual([]);
  });
  it('recognises datastores from configured matchers', () => {
    const custom = qdrant.replace('qdrant/qdrant:v1.12.4', 'registry.example.org/search/engine:3');
    expect(runRule(datastoreExposed, join(custom, service('LoadBalancer')))).toEqual([]);
    const reports = runRule(datastoreExposed, join(custom, service('LoadBalancer')), { params: { datastores: [{ image: 'registry.example.org/search/*' }] } });
    expect(reports).toHaveLength(1);
  });
  it('agrees with the persistence rules on what a datastore is (kafka by image)', () => {
    const kafka = qdrant.replace('qdrant/qdrant:v1.12.4', 'bitnami/kafka:3.7');
    expect(runRule(datastoreExposed, join(kafka, service('NodePort')))).toHaveLength(1);
  });
  it('flags a host port on a datastore container', () => {
    const hp = qdrant.replace('{name: http, containerPort: 6333}', '{name: http, containerPort: 6333, hostPort: 6333}');
    const reports = runRule(datastoreExposed, hp);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain('hostPort');
  });
});

describe('datastore-unapproved-client', () => {
  it('flags a datastore without any policy: reachable from every namespace', () => {
    const reports = runRule(unapproved, join(qdrant, api));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain('every pod in any namespace');
  });
  it('accepts the approved namespace only', () => {
    expect(runRule(unapproved, join(qdrant, api, denyVector, fromApi), { params: { approvedClients: { vector: ['api'] } } })).toEqual([]);
  });
  it('reads approvedClients from the network settings', () => {
    const estateText = join(qdrant, api, denyVector, fromApi);
    const reports = runRule(unapproved, estateText);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain('namespace api');
    expect(formatPath(reports[0]!.path)).toBe('spec.ingress[0].from[0]');
  });
  it('flags a namespaceSelector that lets in any namespace with a label', () => {
    const wide = policy('vector-from-prod', 'vector', {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }] }],
    });
    const reports = runRule(unapproved, join(qdrant, api, wide), { params: { approvedClients: { vector: ['api'] } } });
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain('any namespace labelled env=prod');
  });
  it('flags an ipBlock that admits the internet', () => {
    const ext = policy('vector-from-net', 'vector', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] });
    const reports = runRule(unapproved, join(qdrant, ext));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain('outside the cluster (0.0.0.0/0)');
  });
  it('reports an empty from once, naming pods and the outside', () => {
    const open = policy('vector-open', 'vector', { podSelector: {}, ingress: [{ ports: [{ port: 6333 }] }] });
    const reports = runRule(unapproved, join(qdrant, open));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toBe(
      'datastore vector/StatefulSet/vector is reachable from every pod in any namespace on TCP 6333 and from outside the cluster on TCP 6333 (opened by NetworkPolicy/vector/vector-open spec.ingress[0] (no from: every source)); approved: vector',
    );
  });
  it('takes the source egress into account', () => {
    const wide = policy('vector-from-all', 'vector', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } }] }] });
    const webDeny = policy('deny-egress', 'web', { podSelector: {}, policyTypes: ['Egress'] });
    expect(runRule(unapproved, join(qdrant, ns('web'), webDeny, wide))).toEqual([]);
    expect(runRule(unapproved, join(qdrant, ns('web'), wide))).toHaveLength(1);
  });
});

describe('namespace-default-deny-ingress', () => {
  it('flags a namespace with workloads and no default deny, at its Namespace object', () => {
    const reports = runRule(defaultDeny, join(ns('vector'), qdrant));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.resource.body.kind).toBe('Namespace');
  });
  it('flags at the first workload when the Namespace object is elsewhere', () => {
    const reports = runRule(defaultDeny, qdrant);
    expect(reports).toHaveLength(1);
    expect(formatPath(reports[0]!.path)).toBe('metadata.namespace');
  });
  it('accepts a default deny, with or without allow rules for specific peers', () => {
    expect(runRule(defaultDeny, join(qdrant, denyVector))).toEqual([]);
    const denyWithAllow = policy('d', 'vector', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] });
    expect(runRule(defaultDeny, join(qdrant, denyWithAllow))).toEqual([]);
  });
  it('does not count an egress-only or an allow-all policy', () => {
    expect(runRule(defaultDeny, join(qdrant, policy('e', 'vector', { podSelector: {}, policyTypes: ['Egress'] })))).toHaveLength(1);
    expect(runRule(defaultDeny, join(qdrant, policy('a', 'vector', { podSelector: {}, ingress: [{}] })))).toHaveLength(1);
  });
  it('does not count a policy selecting only some pods', () => {
    expect(runRule(defaultDeny, join(qdrant, fromApi))).toHaveLength(1);
  });
});

describe('workload-without-network-policy', () => {
  it('flags workloads no policy selects', () => {
    const reports = runRule(withoutPolicy, join(qdrant, api, denyVector));
    expect(reports.map((r) => r.message)).toEqual(['Deployment/api in namespace api is selected by no NetworkPolicy: every pod in the cluster can reach it']);
    expect(formatPath(reports[0]!.path)).toBe('spec.template.metadata.labels');
  });
  it('counts egress-only policies as selecting', () => {
    expect(runRule(withoutPolicy, join(qdrant, policy('e', 'vector', { podSelector: {}, policyTypes: ['Egress'] })))).toEqual([]);
  });
});

describe('network-policy-allows-all', () => {
  it('flags an empty ingress rule', () => {
    const reports = runRule(allowsAll, join(qdrant, policy('a', 'vector', { podSelector: {}, ingress: [{}] })));
    expect(reports).toHaveLength(1);
    expect(formatPath(reports[0]!.path)).toBe('spec.ingress[0]');
  });
  it('flags namespaceSelector {} and 0.0.0.0/0 without ports', () => {
    const p = policy('a', 'vector', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }, { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] });
    expect(runRule(allowsAll, join(qdrant, p)).map((r) => formatPath(r.path))).toEqual(['spec.ingress[0].from[0]', 'spec.ingress[1].from[0]']);
  });
  it('accepts rules limited to ports or to named peers', () => {
    const p = policy('a', 'vector', { podSelector: {}, ingress: [{ ports: [{ port: 443 }] }, { from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'prometheus' } } }] }, { from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] });
    expect(runRule(allowsAll, join(qdrant, p))).toEqual([]);
  });
});

describe('network-plugin policies', () => {
  const cilium = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: vector, namespace: vector}
spec:
  endpointSelector: {}
  ingress:
  - fromEndpoints:
    - matchLabels: {k8s:io.kubernetes.pod.namespace: api}
`;
  it('are not second-guessed by the default-deny and coverage rules', () => {
    expect(runRule(defaultDeny, join(qdrant, cilium))).toEqual([]);
    expect(runRule(withoutPolicy, join(qdrant, cilium))).toEqual([]);
    expect(runRule(withoutPolicy, join(api, cilium))).toHaveLength(1);
  });
  it('hostNetwork pods carry a caveat too', () => {
    const host = qdrant.replace('    spec:\n      containers:', '    spec:\n      hostNetwork: true\n      containers:');
    const graph = new NetworkGraph(estateFromYaml(host));
    expect(explainReach(graph, graph.workloads[0]!).notes[0]).toContain('hostNetwork');
  });
  it('are named as a caveat of the reach answer', () => {
    const graph = new NetworkGraph(estateFromYaml(join(qdrant, cilium)));
    const reach = explainReach(graph, graph.workloads[0]!);
    expect(reach.notes).toEqual([
      'CiliumNetworkPolicy/vector/vector is a network-plugin policy: prodgate does not evaluate it, so it may open or close paths beyond this answer',
    ]);
    expect(reachText([reach])).toContain('note: CiliumNetworkPolicy/vector/vector');
  });
});

