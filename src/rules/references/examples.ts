/**
 * Objects for the references rules' examples: the objects a workload refers to by name, so that
 * each example shows both sides of a reference (the one that refers and the one that defines).
 */

const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}) });

export const configMap = (name: string, namespace?: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: meta(name, namespace),
  data: { LOG_LEVEL: 'info' },
});

export const serviceAccount = (name: string, namespace?: string) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name, namespace) });

export const claim = (name: string, namespace?: string) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: meta(name, namespace),
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
});

/** An ExternalSecret named `name` that writes the Secret `target` (its own name when omitted). */
export const externalSecret = (name: string, target = name) => ({
  apiVersion: 'external-secrets.io/v1beta1',
  kind: 'ExternalSecret',
  metadata: { name },
  spec: {
    secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
    target: { name: target },
    data: [{ secretKey: 'password', remoteRef: { key: `prod/${name}`, property: 'password' } }],
  },
});

/** A v1 Service named `name` with the given pod selector and ports. */
export const service = (name: string, selector: Record<string, string>, ports: readonly Record<string, unknown>[] = [{ name: 'http', port: 80, targetPort: 8080 }], o: { namespace?: string; labels?: Record<string, string>; headless?: boolean } = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { ...meta(name, o.namespace), ...(o.labels ? { labels: o.labels } : {}) },
  spec: { ...(o.headless ? { clusterIP: 'None' } : {}), selector, ports },
});
