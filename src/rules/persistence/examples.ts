/** Objects for the persistence rules' examples: a Postgres StatefulSet and its backup CronJob. */
export const postgresStatefulSet = (extra: { claim?: Record<string, unknown>; volumes?: unknown[] } = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'postgres', namespace: 'data' },
  spec: {
    serviceName: 'postgres',
    selector: { matchLabels: { app: 'postgres' } },
    template: {
      metadata: { labels: { app: 'postgres' } },
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

export const backupCronJob = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'postgres-backup', namespace: 'data' },
  spec: {
    schedule: '0 2 * * *',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            restartPolicy: 'OnFailure',
            containers: [{ name: 'backup', image: 'registry.example.com/pg-backup:1.2', command: ['sh', '-c', 'pg_dump -h postgres -U app app | gzip > /backup/app.sql.gz'] }],
          },
        },
      },
    },
  },
};
