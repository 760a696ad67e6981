/** Builders for NetworkPolicy semantics cases: small estates of bare Pods and policies. */
import { estateFromYaml } from '../helpers/rules.js';
import { NetworkGraph, type NetworkOptions } from '../../src/analysis/network/graph.js';
import { allowedPorts, podEndpoint, type Endpoint } from '../../src/analysis/network/reach.js';

export function ns(name: string, labels: Record<string, string> = {}): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels: ${JSON.stringify(labels)}
`;
}

export function pod(name: string, namespace: string, labels: Record<string, string>, ports: Array<{ name?: string; port: number; protocol?: string }> = []): string {
  const portYaml = ports.length
    ? `    ports: ${JSON.stringify(ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.port, ...(p.protocol ? { protocol: p.protocol } : {}) })))}\n`
    : '';
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
  labels: ${JSON.stringify(labels)}
spec:
  containers:
  - name: main
    image: example/app:1.0
${portYaml}`;
}

/** A NetworkPolicy with its spec given as JSON-compatible data. */
export function policy(name: string, namespace: string, spec: unknown): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
spec: ${JSON.stringify(spec)}
`;
}

export function graphOf(docs: string[], options: NetworkOptions = {}): NetworkGraph {
  return new NetworkGraph(estateFromYaml(docs.join('---\n')), options);
}

export interface ExtraSource {
  /** Label used in the reachable set, e.g. `ip:8.8.8.8` or `outside/monitoring`. */
  id: string;
  endpoint: Endpoint;
}

/**
 * Every (source, destination pod, port) combination that is allowed, as
 * `src -> dst:port[/proto]` strings with pods named `namespace/name`.
 */
export function reachableSet(
  graph: NetworkGraph,
  probes: Array<number | [number, 'TCP' | 'UDP' | 'SCTP']>,
  extraSources: ExtraSource[] = [],
  destinations?: string[],
): string[] {
  const out: string[] = [];
  const sources: ExtraSource[] = [
    ...graph.workloads.map((w) => ({ id: `${w.namespace}/${w.resource.body.metadata && (w.resource.body.metadata as Record<string, unknown>).name}`, endpoint: podEndpoint(w) as Endpoint })),
    ...extraSources,
  ];
  for (const dst of graph.workloads) {
    const dstId = `${dst.namespace}/${(dst.resource.body.metadata as Record<string, unknown>).name}`;
    if (destinations && !destinations.includes(dstId)) continue;
    for (const src of sources) {
      if (src.id === dstId) continue;
      const ports = allowedPorts(graph, src.endpoint, podEndpoint(dst));
      for (const probe of probes) {
        const [port, protocol] = typeof probe === 'number' ? [probe, 'TCP' as const] : probe;
        if (ports.has(protocol, port)) out.push(`${src.id} -> ${dstId}:${port}${protocol === 'TCP' ? '' : `/${protocol}`}`);
      }
    }
  }
  return out.sort();
}

/** All ordered pairs among ids, for writing "everything allowed" expectations. */
export function allPairs(ids: string[], ports: Array<number | string>, targets: string[] = ids): string[] {
  const out: string[] = [];
  for (const d of targets) for (const s of ids) if (s !== d) for (const p of ports) out.push(`${s} -> ${d}:${p}`);
  return out.sort();
}
