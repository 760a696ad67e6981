/** Objects for the network rules' examples: a Postgres StatefulSet in `data`, an API in `shop`. */
import { deploymentObject } from '../shared/examples.js';
import { claimVolume, dataDeployment, postgresStatefulSet } from '../persistence/examples.js';

export const postgres = postgresStatefulSet({ claim: { storageClassName: 'ssd-retain' } });

/** A Service `name` in `data` of the given type, selecting `app: name`. */
export const dataService = (name: string, type: string, port: number, targetPort: number | string = port) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'data' },
  spec: { type, selector: { app: name }, ports: [{ port, targetPort }] },
});

export const postgresService = (type: string) => dataService('postgres', type, 5432, 'pg');

/** An in-house storage engine that no built-in matcher knows. */
export const ledger = dataDeployment('ledger', 'registry.example.com/ledger-engine:2.1', [claimVolume('ledger-data')]);

export const api = deploymentObject('registry.example.com/api:1.4.2', { ports: [{ containerPort: 8080 }] }, { namespace: 'shop' });

export const namespaces = ['data', 'shop'].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } }));

export const policy = (namespace: string, name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});

export const defaultDeny = (namespace: string) => policy(namespace, 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });

/** Postgres admits only the `shop` namespace on 5432. */
export const postgresFromShop = policy('data', 'postgres-clients', {
  podSelector: { matchLabels: { app: 'postgres' } },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }], ports: [{ port: 5432 }] }],
});

/** The API admits only the ingress controller's namespace, on its HTTP port. */
export const apiFromIngress = policy('shop', 'api', {
  podSelector: { matchLabels: { app: 'api' } },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8080 }] }],
});

/** Every ingress rule admits every pod of every namespace (an empty namespaceSelector), on every port. */
export const fromEveryNamespace = (namespace: string, name: string, podSelector: Record<string, unknown>) =>
  policy(namespace, name, { podSelector, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {} }] }] });

/** The API's Service and the Ingress that publishes it. */
export const apiService = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'api', namespace: 'shop' },
  spec: { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 8080 }] },
};
export const apiIngress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'api', namespace: 'shop' },
  spec: {
    ingressClassName: 'nginx',
    rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }] } }],
  },
};

/** A Cilium policy admitting only the ingress controller: prodgate leaves namespaces with network-plugin policies to the plugin. */
export const ciliumFromIngress = (namespace: string) => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumNetworkPolicy',
  metadata: { name: 'from-ingress', namespace },
  spec: { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ingress-nginx' } }] }] },
});
