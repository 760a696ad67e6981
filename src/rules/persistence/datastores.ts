/**
 * Which workloads are stateful datastores. A pod template is a datastore when one of its main
 * containers runs a known datastore image (matched on the last path segment of the repository,
 * without registry, tag or digest), or when its `app.kubernetes.io/name`, `app.kubernetes.io/component`
 * or `app` label names one (the whole value or its last `-` token: `shop-postgres`, not `kafka-consumer`),
 * or its `app.kubernetes.io/component` is database, datastore, db or vector-database, or the
 * config file declares it (`network.datastores`). Jobs and CronJobs (backup and migration jobs use the same images),
 * init containers, and images or labels of companions (exporters, backup tools, proxies,
 * operators, admin UIs) are not datastores.
 */
import type { Estate, PodTemplate } from '../../engine/estate.js';
import { kindOf, str } from '../../core/resource.js';
import type { RuleParamSpec } from '../../engine/types.js';
import { compileRE2 } from '../../core/regex.js';
import { wildcardMatch } from '../../core/glob.js';

export interface DatastoreMatcher {
  /** Datastore family, e.g. `postgres`. */
  name: string;
  /** Regular expression for the image's last repository segment or a label token (whole match, case-insensitive). */
  image: string;
  /** Words that identify the family in a backup job (name, labels, image, command). */
  aliases: string[];
}

export const defaultMatchers: DatastoreMatcher[] = [
  { name: 'postgres', image: 'postgres|postgresql(-ha|-repmgr)?|postgis|timescaledb(-ha)?|pgvector|spilo(-\\d+)?', aliases: ['postgres', 'postgresql', 'pg_dump', 'pg_basebackup', 'pgbackrest', 'wal-g', 'pg'] },
  { name: 'redis', image: 'redis(-stack(-server)?|-cluster)?|valkey|keydb', aliases: ['redis', 'valkey', 'keydb', 'rdb'] },
  { name: 'qdrant', image: 'qdrant', aliases: ['qdrant'] },
  { name: 'kafka', image: 'kafka|cp-kafka|cp-server|redpanda', aliases: ['kafka', 'redpanda'] },
  { name: 'mysql', image: 'mysql(-server)?|mariadb|percona-server|percona-xtradb-cluster', aliases: ['mysql', 'mariadb', 'mysqldump', 'xtrabackup'] },
  { name: 'mongodb', image: 'mongo|mongodb(-community-server)?', aliases: ['mongo', 'mongodb', 'mongodump'] },
  { name: 'elasticsearch', image: 'elasticsearch|opensearch', aliases: ['elasticsearch', 'opensearch', 'elastic'] },
  { name: 'vector', image: 'milvus|weaviate|chroma(db)?|vald|marqo|vespa', aliases: ['milvus', 'weaviate', 'chroma', 'vald', 'marqo', 'vespa', 'vector'] },
  { name: 'cassandra', image: 'cassandra|scylla', aliases: ['cassandra', 'scylla', 'nodetool', 'medusa'] },
  { name: 'clickhouse', image: 'clickhouse(-server)?', aliases: ['clickhouse'] },
  { name: 'neo4j', image: 'neo4j', aliases: ['neo4j'] },
  { name: 'cockroachdb', image: 'cockroach(db)?|yugabyte', aliases: ['cockroach', 'yugabyte'] },
  { name: 'influxdb', image: 'influxdb', aliases: ['influx'] },
  { name: 'couchdb', image: 'couchdb|couchbase(-server)?', aliases: ['couchdb', 'couchbase'] },
  { name: 'solr', image: 'solr', aliases: ['solr'] },
];

/** `app.kubernetes.io/component` values that mark a datastore whatever its image. */
const databaseComponents = new Set(['database', 'datastore', 'db', 'vector-database']);
const genericDatabase: DatastoreMatcher = { name: 'database', image: '', aliases: ['database', 'db'] };

/** A datastore declared in the config file (`network.datastores`, shared with the network rules). */
export interface ConfiguredDatastore {
  /** Glob on the image repository (or the whole image). */
  image?: string;
  labels?: Record<string, string>;
}

export const matchersParam = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'image', 'aliases'],
    properties: { name: { type: 'string', minLength: 1 }, image: { type: 'string' }, aliases: { type: 'array', items: { type: 'string' } } },
  },
  description: 'Datastore families: `{name, image, aliases}`, `image` a regular expression for the image name or a label token.',
  default: defaultMatchers,
} as const satisfies RuleParamSpec;

const companionTokens = new Set([
  'exporter', 'backup', 'client', 'proxy', 'operator', 'pgbouncer', 'ui', 'admin', 'insight', 'commander',
  'migrate', 'migration', 'migrations', 'init', 'wait', 'dashboard', 'connect', 'sentinel-exporter',
]);
const notDatastoreKinds = new Set(['Job', 'CronJob', 'PodTemplate']);
const labelKeys = ['app.kubernetes.io/name', 'app.kubernetes.io/component', 'app'];

export interface Datastore {
  template: PodTemplate;
  matcher: DatastoreMatcher;
  /** Index of the datastore container in `containers`, when found by image. */
  containerPath?: ReadonlyArray<string | number>;
}

export function imageName(image: string): string {
  const noDigest = image.split('@')[0] ?? '';
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', lastSlash + 1);
  const repo = colon >= 0 ? noDigest.slice(0, colon) : noDigest;
  return repo.slice(repo.lastIndexOf('/') + 1).toLowerCase();
}

function repository(image: string): string {
  const noDigest = image.split('@')[0] ?? '';
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', lastSlash + 1);
  return colon >= 0 ? noDigest.slice(0, colon) : noDigest;
}

const cache = new WeakMap<Estate, Map<string, Datastore[]>>();

/**
 * Datastores of the estate: by the `matchers` (image or label), by a database component label,
 * or as declared in the config file's `network.datastores` (so the network and persistence rules
 * agree on what a datastore is).
 */
export function datastores(
  estate: Estate,
  matchers: DatastoreMatcher[] = defaultMatchers,
  configured: ConfiguredDatastore[] = [],
): Datastore[] {
  const key = JSON.stringify([matchers, configured]);
  let perKey = cache.get(estate);
  if (!perKey) cache.set(estate, (perKey = new Map()));
  const hit = perKey.get(key);
  if (hit) return hit;
  const compiled = matchers.filter((m) => m.image !== '').map((m) => ({ m, re: compileRE2(`^(?:${m.image})$`, undefined, 'datastore image pattern', 'i') }));
  const out: Datastore[] = [];
  for (const t of estate.podTemplates()) {
    if (notDatastoreKinds.has(kindOf(t.workload))) continue;
    let found: Datastore | undefined;
    for (const c of estate.containers(t, ['containers'])) {
      const name = imageName(str(c.container.image));
      if (name.split(/[-_]/).some((tok) => companionTokens.has(tok))) continue;
      const hitM = compiled.find((x) => x.re.test(name));
      if (hitM) {
        found = { template: t, matcher: hitM.m, containerPath: c.path };
        break;
      }
    }
    if (!found) {
      for (const k of labelKeys) {
        const v = (t.labels[k] ?? '').toLowerCase();
        if (!v) continue;
        const tokens = v.split(/[-_.]/);
        if (tokens.some((tok) => companionTokens.has(tok))) continue;
        const last = tokens[tokens.length - 1] ?? '';
        const hitM = compiled.find((x) => x.re.test(v) || x.re.test(last));
        if (hitM) {
          found = { template: t, matcher: hitM.m };
          break;
        }
      }
    }
    if (!found && databaseComponents.has(t.labels['app.kubernetes.io/component'] ?? '')) {
      found = { template: t, matcher: genericDatabase };
    }
    if (!found) {
      const images = estate.containers(t, ['containers']).map((c) => str(c.container.image));
      for (const m of configured) {
        if (m.image === undefined && m.labels === undefined) continue;
        const glob = m.image;
        const imageOk = glob === undefined || images.some((i) => wildcardMatch(glob, repository(i)) || wildcardMatch(glob, i));
        const labelsOk = Object.entries(m.labels ?? {}).every(([k, v]) => t.labels[k] === v);
        if (imageOk && labelsOk) {
          found = { template: t, matcher: { name: 'configured', image: m.image ?? '', aliases: [] } };
          break;
        }
      }
    }
    if (found) out.push(found);
  }
  perKey.set(key, out);
  return out;
}
