/**
 * Objects for the persistence rules' examples: a Postgres StatefulSet and a Redis Deployment in
 * namespace `data`, their claims, backups and monitors.
 */
export const postgresStatefulSet = (extra: { claim?: Record<string, unknown>; volumes?: unknown[]; annotations?: Record<string, string> } = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'postgres', namespace: 'data' },
  spec: {
    serviceName: 'postgres',
    selector: { matchLabels: { app: 'postgres' } },
    template: {
      metadata: { labels: { app: 'postgres' }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
      spec: {
        containers: [
          {
            name: 'postgres',
            image: 'postgres:16.4',
            ports: [{ containerPort: 5432, name: 'pg' }],
            volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
          },
        ],
        ...(extra.volumes ? { volumes: extra.volumes } : {}),
      },
    },
    ...(extra.claim ? { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } }, ...extra.claim } }] } : {}),
  },
});

/** Postgres on a claim template with a storage class: what the other rules start from. */
export const postgres = postgresStatefulSet({ claim: { storageClassName: 'ssd-retain' } });

/** A Deployment `name` in `data` running `image` with volume `data` mounted (the given volumes, or none). */
export const dataDeployment = (name: string, image: string, volumes?: unknown[]) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'data' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [{ name, image, volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
        ...(volumes ? { volumes } : {}),
      },
    },
  },
});

export const redisDeployment = (volumes?: unknown[]) => dataDeployment('redis', 'redis:7.4', volumes);

export const claimVolume = (claimName: string) => ({ name: 'data', persistentVolumeClaim: { claimName } });

export const persistentVolumeClaim = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'data' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, ...spec },
});

/** A nightly CronJob running `command` in `image`. */
export const cronJob = (name: string, image: string, command: string[]) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name, namespace: 'data' },
  spec: {
    schedule: '0 2 * * *',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            restartPolicy: 'OnFailure',
            containers: [{ name: 'backup', image, command }],
          },
        },
      },
    },
  },
});

export const backupCronJob = cronJob('postgres-backup', 'registry.example.com/pg-backup:1.2', ['sh', '-c', 'pg_dump -h postgres -U app app | gzip > /backup/app.sql.gz']);

export const veleroSchedule = (namespaces: string[]) => ({
  apiVersion: 'velero.io/v1',
  kind: 'Schedule',
  metadata: { name: 'data-daily', namespace: 'velero' },
  spec: { schedule: '0 1 * * *', template: { includedNamespaces: namespaces, ttl: '720h0m0s' } },
});

/** The Service in front of Postgres and its exporter sidecar's metrics port. */
export const postgresMetricsService = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'postgres', namespace: 'data', labels: { app: 'postgres' } },
  spec: { selector: { app: 'postgres' }, ports: [{ name: 'metrics', port: 9187 }] },
};

export const serviceMonitor = (namespace: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'postgres', namespace },
  spec: { ...spec, selector: { matchLabels: { app: 'postgres' } }, endpoints: [{ port: 'metrics' }] },
});
