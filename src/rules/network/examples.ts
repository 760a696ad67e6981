/** Objects for the network rules' examples: a Postgres StatefulSet in `data`, an API in `shop`. */
import { deploymentObject } from '../shared/examples.js';
import { postgresStatefulSet } from '../persistence/examples.js';

export const postgres = postgresStatefulSet({ claim: { storageClassName: 'ssd-retain' } });

export const postgresService = (type: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'postgres', namespace: 'data' },
  spec: { type, selector: { app: 'postgres' }, ports: [{ port: 5432, targetPort: 'pg' }] },
});

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
