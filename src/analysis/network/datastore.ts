/**
 * What counts as a datastore: containers running a well-known database, cache, search or
 * vector engine image, pods labelled as a database component, or what the configuration adds.
 */
import { isMap } from '../../core/provenance.js';
import { str } from '../../core/resource.js';
import type { NetWorkload, NetworkGraph } from './graph.js';
import { wildcardMatch } from '../../core/glob.js';

export interface DatastoreMatcher {
  /** Glob on the image reference without tag or digest (`*qdrant*`, `registry.example.org/db/*`). */
  image?: string;
  labels?: Record<string, string>;
  ports?: number[];
}

/** Engines recognised by the last segment of the image repository. */
export const builtinDatastoreEngines = [
  'postgres', 'postgresql', 'postgis', 'pgvector', 'timescaledb', 'cockroach', 'cockroachdb', 'yugabyte',
  'mysql', 'mariadb', 'percona-server', 'mongo', 'mongodb', 'redis', 'redis-stack', 'valkey', 'keydb', 'dragonfly',
  'memcached', 'elasticsearch', 'opensearch', 'solr', 'qdrant', 'weaviate', 'milvus', 'chroma', 'chromadb', 'vespa',
  'cassandra', 'scylla', 'neo4j', 'clickhouse', 'couchdb', 'couchbase', 'influxdb', 'arangodb', 'minio', 'etcd',
];

/** Pod label values of `app.kubernetes.io/component` that mark a datastore. */
export const datastoreComponents = ['database', 'datastore', 'db', 'vector-database', 'search', 'cache'];

/** Image names of tools that ship beside a datastore but are not one. */
const sidecarWords = /(exporter|operator|backup|migrat|client|cli|proxy|bouncer|ui|admin|dashboard)/;

export function imageRepository(image: string): string {
  let repo = image.split('@')[0]!;
  const lastSlash = repo.lastIndexOf('/');
  const colon = repo.lastIndexOf(':');
  if (colon > lastSlash) repo = repo.slice(0, colon);
  return repo;
}

export function builtinEngineOf(image: string): string | undefined {
  const repo = imageRepository(image).toLowerCase();
  const last = repo.slice(repo.lastIndexOf('/') + 1);
  if (sidecarWords.test(last)) return undefined;
  return builtinDatastoreEngines.find((e) => last === e || last.startsWith(`${e}-`) || last.endsWith(`-${e}`) || last.startsWith(`${e}_`));
}

export interface DatastoreInfo {
  workload: NetWorkload;
  /** Why it is a datastore: `image qdrant/qdrant`, `label app.kubernetes.io/component=database`, `configured matcher`. */
  because: string;
}

export function findDatastores(graph: NetworkGraph, extra: DatastoreMatcher[] = []): DatastoreInfo[] {
  const out: DatastoreInfo[] = [];
  for (const w of graph.workloads) {
    const because = datastoreReason(graph, w, extra);
    if (because) out.push({ workload: w, because });
  }
  return out;
}

function datastoreReason(graph: NetworkGraph, w: NetWorkload, extra: DatastoreMatcher[]): string | undefined {
  const images = graph.estate.containers(w.template, ['containers']).map((c) => str(c.container.image));
  for (const m of extra) {
    const imageOk = m.image === undefined || images.some((i) => wildcardMatch(m.image!, imageRepository(i)) || wildcardMatch(m.image!, i));
    const labelsOk = Object.entries(m.labels ?? {}).every(([k, v]) => w.labels[k] === v);
    const portsOk = m.ports === undefined || m.ports.some((p) => w.ports.some((cp) => cp.port === p));
    if ((m.image !== undefined || m.labels !== undefined || m.ports !== undefined) && imageOk && labelsOk && portsOk) return 'configured datastore matcher';
  }
  // Jobs and CronJobs that run a datastore image are clients (backups, migrations), not the store.
  const kind = str(w.resource.body.kind);
  if (kind === 'Job' || kind === 'CronJob') return undefined;
  for (const image of images) if (builtinEngineOf(image)) return `image ${imageRepository(image)}`;
  const component = w.labels['app.kubernetes.io/component'];
  if (component !== undefined && datastoreComponents.includes(component)) return `label app.kubernetes.io/component=${component}`;
  return undefined;
}

/** Names the `approvedClients` setting may use for a datastore. */
export function datastoreKeys(w: NetWorkload): string[] {
  const name = str(isMap(w.resource.body.metadata) ? w.resource.body.metadata.name : undefined);
  return [name, w.labels.app, w.labels['app.kubernetes.io/name'], w.labels['app.kubernetes.io/instance'], w.namespace].filter(
    (k): k is string => typeof k === 'string' && k !== '',
  );
}

