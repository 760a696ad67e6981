import { yamlBlock } from '../shared/snippet.js';
import type { Estate } from '../../engine/estate.js';
import { apiVersionOf, getList, groupOf, kindOf, labelsOf, nameOf, str } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { datastores, matchersParam } from './datastores.js';
import { manifests } from '../shared/examples.js';
import { backupCronJob, cronJob, postgres, veleroSchedule } from './examples.js';

const backupWords = /backup|dump|snapshot|pgbackrest|wal-g|barman|xtrabackup|bgsave/;

interface BackupJobs {
  /** Lower-cased text of each CronJob that looks like a backup: name, labels, images, command, args. */
  cronJobs: string[];
  /** Namespaces covered by a Velero Schedule ('*' for all). */
  veleroNamespaces: Set<string>;
}

const cache = new WeakMap<Estate, BackupJobs>();

function backupJobs(estate: Estate): BackupJobs {
  const hit = cache.get(estate);
  if (hit) return hit;
  const cronJobs: string[] = [];
  for (const cj of estate.byKind('CronJob')) {
    const parts = [nameOf(cj), ...Object.values(labelsOf(cj))];
    const t = estate.podTemplateOf(cj);
    if (t) {
      parts.push(...Object.values(t.labels));
      for (const c of estate.containers(t, ['initContainers', 'containers'])) {
        parts.push(str(c.container.image));
        for (const f of ['command', 'args']) for (const a of getList(c.container, [f])) parts.push(str(a));
      }
    }
    const text = parts.join(' ').toLowerCase();
    if (backupWords.test(text)) cronJobs.push(text);
  }
  const veleroNamespaces = new Set<string>();
  for (const s of estate.byKind('Schedule')) {
    if (groupOf(apiVersionOf(s)) !== 'velero.io') continue;
    const included = getList(s.body, ['spec', 'template', 'includedNamespaces']).map((v) => str(v));
    for (const ns of included.length ? included : ['*']) veleroNamespaces.add(ns);
  }
  const out = { cronJobs, veleroNamespaces };
  cache.set(estate, out);
  return out;
}

/**
 * Heuristic: a datastore is backed up when some CronJob of the estate (any namespace) looks like
 * a backup (its name, labels, images, command or args mention backup, dump, snapshot or a backup
 * tool) and names the datastore (its family aliases — postgres, pg_dump, redis… — or the
 * workload's own name); or when a Velero Schedule covers its namespace. Backups run by an
 * operator or outside the cluster are declared with a waiver.
 */
export const rule = defineRule({
  id: 'datastore-backup',
  title: 'Datastores have a scheduled backup',
  concern: 'persistence',
  severity: 'warning',
  rationale:
    'A persistent volume is not a backup: a bad migration, a deleted namespace or a corrupted disk loses the data. ' +
    'Production datastores of record need a scheduled, restorable backup.\n\n' +
    '*How it decides:* datastores are detected by image (Postgres, Redis, Qdrant, Kafka, MySQL, MongoDB, Elasticsearch, vector engines; the `matchers` parameter) or by their `app.kubernetes.io/name`, `app.kubernetes.io/component` or `app` label. A datastore counts as backed up when some CronJob looks like a backup (its name, labels, images, command or args mention backup, dump, snapshot or a backup tool) and names the datastore (its family aliases such as postgres or pg_dump, or the workload name), or when a Velero Schedule covers its namespace. Backups run by an operator or outside the cluster are declared with a waiver.',
  remediation:
    'Add a backup CronJob for the datastore (or a Velero Schedule covering its namespace):\n\n' +
    yamlBlock([
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: postgres-backup',
      'spec:',
      '  schedule: "0 2 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      '          containers:',
      '            - name: backup',
      '              image: postgres:16',
      '              command: ["sh", "-c", "pg_dump \\"$DATABASE_URL\\" | gzip > /backup/db.sql.gz"]',
    ]),
  params: {
    matchers: matchersParam,
    exemptFamilies: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description:
        'Datastore families that need no backup of their own. Caches and brokers (redis, kafka) by default: their data is rebuilt or replayed from the stores of record. Set `[]` to require backups of every datastore.',
      default: ['redis', 'kafka'],
    },
  },
  disabledIn: ['dev'],
  examples: {
    bad: [
      { description: 'Postgres with no backup job anywhere in the estate.', yaml: manifests(postgres), message: 'no backup CronJob' },
      {
        description: 'The only backup job dumps Redis, not Postgres.',
        yaml: manifests(postgres, cronJob('redis-backup', 'redis:7.4', ['redis-cli', '-h', 'redis', 'bgsave'])),
        message: 'postgres datastore StatefulSet postgres',
      },
    ],
    good: [
      { description: 'A nightly pg_dump CronJob.', yaml: manifests(postgres, backupCronJob) },
      { description: 'A Velero Schedule backs up the datastore namespace.', yaml: manifests(postgres, veleroSchedule(['data'])) },
      {
        description: 'A Redis cache needs no backup (in `exemptFamilies` by default).',
        yaml: manifests({
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'redis', namespace: 'data' },
          spec: { serviceName: 'redis', selector: { matchLabels: { app: 'redis' } }, template: { metadata: { labels: { app: 'redis' } }, spec: { containers: [{ name: 'redis', image: 'redis:7.4' }] } } },
        }),
      },
    ],
  },
  check(ctx) {
    const jobs = backupJobs(ctx.estate);
    const exempt = new Set(ctx.params.exemptFamilies);
    for (const ds of datastores(ctx.estate, ctx.params.matchers, ctx.settings?.network?.datastores)) {
      if (exempt.has(ds.matcher.name)) continue;
      const t = ds.template;
      if (jobs.veleroNamespaces.has('*') || jobs.veleroNamespaces.has(t.namespace)) continue;
      const words = [...ds.matcher.aliases, nameOf(t.workload)].map((w) => w.toLowerCase()).filter(Boolean);
      const tokenised = (text: string) => text.split(/[^a-z0-9_]+/);
      const found = jobs.cronJobs.some((text) => {
        const tokens = tokenised(text);
        return words.some((w) => (w.length <= 2 ? tokens.includes(w) : text.includes(w)));
      });
      if (found) continue;
      ctx.report({
        resource: t.workload,
        path: [],
        message: `${ds.matcher.name} datastore ${kindOf(t.workload)} ${nameOf(t.workload)} has no backup CronJob`,
      });
    }
  },
});
