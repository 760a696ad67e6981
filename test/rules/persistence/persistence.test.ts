import { describe, expect, it } from 'vitest';
import { rule as datastoreBackup } from '../../../src/rules/persistence/datastore-backup.js';
import { rule as datastoreMetrics } from '../../../src/rules/persistence/datastore-metrics.js';
import { rule as datastorePersistence } from '../../../src/rules/persistence/datastore-persistence.js';
import { rule as datastoreStorageClass } from '../../../src/rules/persistence/datastore-storage-class.js';
import { datastores, imageName } from '../../../src/rules/persistence/datastores.js';
import { nameOf } from '../../../src/core/resource.js';
import { checkEstate } from '../../../src/index.js';
import { rules } from '../../../src/rules/persistence/index.js';
import { estateFromYaml, runRule } from '../../helpers/rules.js';
import { deployment, estateFromFiles, what, where } from '../availability/helpers.js';

const sts = (opts: { image?: string; storageClass?: boolean; annotations?: string; name?: string } = {}) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${opts.name ?? 'postgres'}
spec:
  serviceName: postgres
  replicas: 1
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres${opts.annotations ? `\n      annotations:\n${opts.annotations}` : ''}
    spec:
      containers:
        - name: postgres
          image: ${opts.image ?? 'docker.io/library/postgres:16.4@sha256:abc'}
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]${opts.storageClass === false ? '' : '\n        storageClassName: premium-rwo'}
        resources:
          requests:
            storage: 50Gi
`;

const backupCronJob = (name: string, image: string, command: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: ${image}
              command: ${command}
`;

describe('persistence rules: metadata', () => {
  it('every rule has an id, rationale and a YAML remediation', () => {
    for (const r of rules) {
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.concern).toBe('persistence');
      expect(r.meta.remediation).toContain('```yaml');
    }
  });
});

describe('datastore detection', () => {
  it('reads the image name without registry, tag or digest', () => {
    expect(imageName('registry.example.com:5000/bitnami/postgresql:16@sha256:x')).toBe('postgresql');
    expect(imageName('qdrant/qdrant')).toBe('qdrant');
  });
  it('detects datastores by image and label, not exporters, jobs or init containers', () => {
    const text = [
      sts(),
      deployment('cache', { podSpec: '' }).replace('example/cache:1.0.0', 'redis:7-alpine'),
      deployment('vec').replace('example/vec:1.0.0', 'qdrant/qdrant:v1.9.0'),
      deployment('exporter').replace('example/exporter:1.0.0', 'prometheuscommunity/postgres-exporter:v0.15'),
      deployment('custom', { labels: 'app: shop-mongodb' }),
      deployment('consumer', { labels: 'app: kafka-consumer' }),
      deployment('api', { podSpec: '      initContainers:\n        - name: wait\n          image: postgres:16' }),
      backupCronJob('pg-backup', 'postgres:16', '["pg_dump"]'),
    ].join('---\n');
    const found = datastores(estateFromYaml(text)).map((d) => `${d.matcher.name}:${String(d.template.workload.body.kind)}`);
    expect(found).toEqual(['postgres:StatefulSet', 'redis:Deployment', 'qdrant:Deployment', 'mongodb:Deployment']);
  });
});

const withComponent = (text: string, app: string, component: string) =>
  text.replace(`        app: ${app}\n    spec:`, `        app: ${app}\n        app.kubernetes.io/component: ${component}\n    spec:`);

describe('datastore detection beyond images', () => {
  it('treats a database component label and a configured datastore as datastores', () => {
    const text = [
      withComponent(deployment('ledger'), 'ledger', 'database'),
      deployment('mydb').replace('example/mydb:1.0.0', 'registry.example.com/acme/mydb-engine:2'),
      withComponent(deployment('cache'), 'cache', 'cache'),
    ].join('---\n');
    const estate = estateFromYaml(text);
    expect(datastores(estate).map((d) => `${d.matcher.name}:${nameOf(d.template.workload)}`)).toEqual(['database:ledger']);
    expect(datastores(estate, undefined, [{ image: '*/mydb-*' }]).map((d) => nameOf(d.template.workload))).toEqual(['ledger', 'mydb']);
  });
  it('honours the datastores of the config file through the engine settings', () => {
    const estate = estateFromYaml(deployment('mydb').replace('example/mydb:1.0.0', 'registry.example.com/acme/mydb-engine:2'));
    const settings = { network: { datastores: [{ image: 'registry.example.com/acme/*' }] }, secrets: {}, schema: {} };
    const findings = checkEstate(estate, { rules: [datastorePersistence], settings, today: '2026-06-01' }).findings;
    expect(findings.map((f) => f.rule)).toEqual(['datastore-persistence']);
    expect(checkEstate(estate, { rules: [datastorePersistence], today: '2026-06-01' }).findings).toEqual([]);
  });
});

describe('datastore-persistence', () => {
  it('passes a StatefulSet with claim templates and a Deployment with a PVC volume', () => {
    expect(runRule(datastorePersistence, sts())).toEqual([]);
    const podSpec = '      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: redis-data';
    expect(runRule(datastorePersistence, deployment('redis', { podSpec }).replace('example/redis:1.0.0', 'redis:7'))).toEqual([]);
  });
  it('fails a datastore on emptyDir, at the emptyDir volume', () => {
    const podSpec = '      volumes:\n        - name: data\n          emptyDir: {}';
    const r = runRule(datastorePersistence, deployment('qdrant', { podSpec }).replace('example/qdrant:1.0.0', 'qdrant/qdrant:v1.9.0'));
    expect(r.map(what)).toEqual(['Deployment/qdrant spec.template.spec.volumes[name=data].emptyDir']);
    expect(r[0]!.message).toContain('emptyDir');
  });
  it('fails a datastore with no volume at all', () => {
    const r = runRule(datastorePersistence, deployment('redis').replace('example/redis:1.0.0', 'redis:7'));
    expect(r.map(what)).toEqual(['Deployment/redis spec.template.spec.containers[name=main].volumeMounts']);
  });
});

describe('datastore-storage-class', () => {
  it('passes claims with a storage class', () => {
    expect(runRule(datastoreStorageClass, sts())).toEqual([]);
  });
  it('fails a claim template without storageClassName', () => {
    expect(runRule(datastoreStorageClass, sts({ storageClass: false })).map(what)).toEqual([
      'StatefulSet/postgres spec.volumeClaimTemplates[0].spec.storageClassName',
    ]);
  });
  it('fails a PersistentVolumeClaim object without storageClassName, on the claim', () => {
    const estate = estateFromFiles({
      'base/redis.yaml': deployment('redis', { podSpec: '      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: redis-data' }).replace('example/redis:1.0.0', 'redis:7'),
      'overlays/prod/pvc.yaml': 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: redis-data\nspec:\n  accessModes: [ReadWriteOnce]\n',
    });
    const r = runRule(datastoreStorageClass, estate);
    expect(r.map(what)).toEqual(['PersistentVolumeClaim/redis-data spec.storageClassName']);
    expect(r.map(where)).toEqual(['overlays/prod/pvc.yaml:5']);
  });
});

describe('datastore-backup', () => {
  it('passes a datastore with a matching backup CronJob', () => {
    expect(runRule(datastoreBackup, `${sts()}---\n${backupCronJob('db-backup', 'postgres:16', '["sh", "-c", "pg_dump $URL > /b/x"]')}`)).toEqual([]);
    expect(runRule(datastoreBackup, `${sts()}---\n${backupCronJob('nightly', 'amazon/aws-cli', '["backup-postgres.sh"]')}`)).toEqual([]);
  });
  it('passes with a Velero Schedule covering the namespace', () => {
    const schedule = 'apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: daily\nspec:\n  schedule: "0 1 * * *"\n  template:\n    includedNamespaces: ["default"]\n';
    expect(runRule(datastoreBackup, `${sts()}---\n${schedule}`)).toEqual([]);
  });
  it('fails when the only backup job is for another datastore', () => {
    const r = runRule(datastoreBackup, `${sts()}---\n${backupCronJob('redis-backup', 'redis:7', '["redis-cli", "bgsave"]')}`);
    expect(r.map(what)).toEqual(['StatefulSet/postgres ']);
    expect(r[0]!.message).toContain('postgres datastore StatefulSet postgres has no backup CronJob');
  });
  it('fails when a CronJob mentions the datastore but is no backup', () => {
    expect(runRule(datastoreBackup, `${sts()}---\n${backupCronJob('vacuum', 'postgres:16', '["vacuumdb"]')}`)).toHaveLength(1);
  });
});

describe('datastore-metrics', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: postgres\n  labels:\n    app: postgres\nspec:\n  selector:\n    app: postgres\n  ports:\n    - port: 9187\n      name: metrics\n';
  const sm = (label: string) => `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: postgres\nspec:\n  selector:\n    matchLabels:\n      app: ${label}\n  endpoints:\n    - port: metrics\n`;
  it('passes with scrape annotations, a ServiceMonitor via a Service, or a PodMonitor', () => {
    expect(runRule(datastoreMetrics, sts({ annotations: '        prometheus.io/scrape: "true"' }))).toEqual([]);
    expect(runRule(datastoreMetrics, `${sts()}---\n${svc}---\n${sm('postgres')}`)).toEqual([]);
    const pm = 'apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: pg\nspec:\n  selector:\n    matchLabels:\n      app: postgres\n';
    expect(runRule(datastoreMetrics, `${sts()}---\n${pm}`)).toEqual([]);
  });
  it('follows the ServiceMonitor namespaceSelector', () => {
    const inMonitoring = (nsSel: string) => sm('postgres').replace('name: postgres\n', `name: postgres\n  namespace: monitoring\n`).replace('spec:\n', `spec:\n${nsSel}`);
    expect(runRule(datastoreMetrics, `${sts()}---\n${svc}---\n${inMonitoring('')}`)).toHaveLength(1);
    expect(runRule(datastoreMetrics, `${sts()}---\n${svc}---\n${inMonitoring('  namespaceSelector:\n    any: true\n')}`)).toEqual([]);
    expect(runRule(datastoreMetrics, `${sts()}---\n${svc}---\n${inMonitoring('  namespaceSelector:\n    matchNames: [default]\n')}`)).toEqual([]);
  });
  it('fails when no monitor reaches the datastore', () => {
    const r = runRule(datastoreMetrics, `${sts()}---\n${svc}---\n${sm('other')}`);
    expect(r.map(what)).toEqual(['StatefulSet/postgres spec.template.metadata.annotations']);
  });
});

describe('datastore-backup on caches and brokers', () => {
  // The seeds ask for backups of the stores of record (Postgres, Qdrant), not of Redis or Kafka.
  const store = (name: string, image: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}, namespace: data}
spec:
  serviceName: ${name}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: ${name}, image: "${image}"}]
`;
  it('leaves Redis and Kafka alone by default and still requires Postgres and Qdrant backups', () => {
    const estate = [store('redis', 'redis:7.4'), store('kafka', 'apache/kafka:3.7.0'), store('postgres', 'postgres:16.4'), store('qdrant', 'qdrant/qdrant:v1.12.0')].join('---\n');
    expect(runRule(datastoreBackup, estate).map((r) => r.resource.body.metadata).map((m) => (m as { name: string }).name).sort()).toEqual(['postgres', 'qdrant']);
  });
  it('requires them too with exemptFamilies: []', () => {
    expect(runRule(datastoreBackup, store('redis', 'redis:7.4'), { params: { exemptFamilies: [] } })).toHaveLength(1);
  });
});
