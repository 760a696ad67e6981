/**
 * Reachability with Kubernetes NetworkPolicy semantics.
 *
 * - A pod is isolated for a direction when at least one policy in its namespace selects it and
 *   lists that direction in its (defaulted) policyTypes; otherwise all traffic in that direction
 *   is allowed.
 * - An isolated pod accepts what the union of the selecting policies' rules allows. A rule with
 *   no peers allows every source; a rule with no ports allows every port.
 * - A peer with only podSelector selects pods in the policy's namespace; with namespaceSelector
 *   the pods (optionally narrowed by podSelector, in the same peer: AND) of matching namespaces;
 *   ipBlock selects addresses in the CIDR minus `except`. ipBlock peers are treated as matching
 *   addresses outside the cluster only (pod IPs are ephemeral; Kubernetes leaves this to the
 *   network plugin).
 * - Pod-to-pod traffic needs both: the destination's ingress and the source's egress.
 */
import { selectorMatches } from '../../engine/estate.js';
import { isMap, type Value, type ValueMap, type ValuePath } from '../../core/provenance.js';
import { getPath, type Resource } from '../../core/resource.js';
import { cidrContainsIp, parseIp } from './ip.js';
import {
  namespaceNameLabel,
  type ContainerPort,
  type Direction,
  type NetPolicy,
  type NetWorkload,
  type NetworkGraph,
  type PolicyPeer,
  type PolicyRule,
} from './graph.js';
import { PortSet } from './ports.js';

export interface PodEndpoint {
  kind: 'pod';
  namespace: string;
  labels: Record<string, string>;
  ports?: ContainerPort[];
}
export interface IpEndpoint {
  kind: 'ip';
  ip: string;
}
export type Endpoint = PodEndpoint | IpEndpoint;

export function podEndpoint(w: NetWorkload): PodEndpoint {
  return { kind: 'pod', namespace: w.namespace, labels: w.labels, ports: w.ports };
}

export function peerMatches(graph: NetworkGraph, policy: NetPolicy, peer: PolicyPeer, other: Endpoint): boolean {
  if (peer.ipBlock) {
    if (other.kind !== 'ip' || !peer.ipBlock.parsed) return false;
    const ip = parseIp(other.ip);
    if (!ip || !cidrContainsIp(peer.ipBlock.parsed, ip)) return false;
    return !peer.ipBlock.parsedExcept.some((e) => cidrContainsIp(e, ip));
  }
  if (other.kind !== 'pod') return false;
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  const nsOk = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, graph.namespaceLabels(other.namespace))
    : other.namespace === policy.namespace;
  if (!nsOk) return false;
  return peer.podSelector ? selectorMatches(peer.podSelector, other.labels) : true;
}

/** Ports a rule opens on the destination pod (named ports resolve against its container ports). */
export function rulePorts(rule: PolicyRule, destination: Endpoint): PortSet {
  if (rule.ports === 'all') return PortSet.all();
  let set = PortSet.empty();
  for (const p of rule.ports) {
    if (p.port === undefined) set = set.union(PortSet.of(p.protocol, 1, 65535));
    else if (typeof p.port === 'number') set = set.union(PortSet.of(p.protocol, p.port, p.endPort ?? p.port));
    else if (destination.kind === 'pod') {
      for (const cp of destination.ports ?? []) {
        if (cp.name === p.port && cp.protocol === p.protocol) set = set.union(PortSet.of(p.protocol, cp.port));
      }
    }
  }
  return set;
}

export interface DirectionVerdict {
  /** True when some policy isolates the pod in this direction. */
  isolated: boolean;
  ports: PortSet;
  /** Policies whose rules opened some of the ports. */
  via: NetPolicy[];
}

/**
 * What `pod`'s policies allow in one direction with `other` (the source for ingress, the
 * destination for egress). Ports are those of the destination.
 */
export function directionVerdict(graph: NetworkGraph, pod: PodEndpoint, direction: Direction, other: Endpoint): DirectionVerdict {
  const policies = graph.selecting(pod, direction);
  if (policies.length === 0) return { isolated: false, ports: PortSet.all(), via: [] };
  const destination = direction === 'ingress' ? pod : other;
  let ports = PortSet.empty();
  const via: NetPolicy[] = [];
  for (const policy of policies) {
    for (const rule of policy[direction]) {
      const matches = rule.peers === 'all' || rule.peers.some((peer) => peerMatches(graph, policy, peer, other));
      if (!matches) continue;
      const opened = rulePorts(rule, destination);
      if (opened.isEmpty()) continue;
      ports = ports.union(opened);
      if (!via.includes(policy)) via.push(policy);
    }
  }
  return { isolated: true, ports, via };
}

/** Ports on `destination` that `source` can reach (both ingress and, for pod sources, egress apply). */
export function allowedPorts(graph: NetworkGraph, source: Endpoint, destination: PodEndpoint): PortSet {
  const ingress = directionVerdict(graph, destination, 'ingress', source).ports;
  if (source.kind !== 'pod') return ingress;
  return ingress.intersect(directionVerdict(graph, source, 'egress', destination).ports);
}

export function canReach(graph: NetworkGraph, source: Endpoint, destination: PodEndpoint, port: number, protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP'): boolean {
  return allowedPorts(graph, source, destination).has(protocol, port);
}

/** Namespaces where the common ingress controllers and gateways run. */
export const ingressControllerNamespaces = new Set([
  'ingress-nginx',
  'nginx-ingress',
  'ingress',
  'traefik',
  'kong',
  'istio-ingress',
  'istio-system',
  'openshift-ingress',
  'haproxy-controller',
  'projectcontour',
  'envoy-gateway-system',
  'gateway-system',
  'nginx-gateway',
]);

/** A class of sources in the reach report (see docs/reach-json.md). */
export interface ReachSource {
  /** Namespace name, or '*' for any namespace (or outside the cluster). */
  namespace: string;
  /** Only for `namespace: '*'` entries that stand for "any namespace with these labels". */
  namespaceSelector?: ValueMap;
  /** Pods selected in that namespace; null for every pod. */
  podSelector: ValueMap | null;
  external: boolean;
  ipBlock: string | null;
  except?: string[];
}

export interface ReachEntry {
  from: ReachSource;
  ports: PortSet;
  /** Objects that open the path: policies (`NetworkPolicy/ns/name`), Services, Ingresses, Routes. */
  via: string[];
  /** Why, in words: each policy rule or exposure that opens the path. */
  reasons: string[];
  /** The objects and fields that open the path (for findings). */
  openers: Opener[];
}

export interface Opener {
  resource: Resource;
  path: ValuePath;
}

export interface BlockedEntry {
  from: ReachSource;
  reason: string;
}

export interface TargetReach {
  workload: NetWorkload;
  /** True when a policy isolates the pods for ingress. */
  isolated: boolean;
  /** The policies that select the pods for ingress. */
  isolatedBy: string[];
  allowed: ReachEntry[];
  /** Paths the target's ingress policies open that the sources' egress policies close. */
  blocked: BlockedEntry[];
  /** Caveats: network-plugin policies that may change the answer. */
  notes: string[];
}

function emptySelector(sel: ValueMap | undefined): boolean {
  if (!sel) return true;
  const ml = sel.matchLabels;
  const me = sel.matchExpressions;
  return (!isMap(ml) || Object.keys(ml).length === 0) && (!Array.isArray(me) || me.length === 0);
}

/** Names the selector pins with `kubernetes.io/metadata.name`, when it constrains nothing else. */
export function exactNamespaceNames(sel: ValueMap): string[] | undefined {
  const ml = isMap(sel.matchLabels) ? sel.matchLabels : undefined;
  const me = Array.isArray(sel.matchExpressions) ? sel.matchExpressions : [];
  const mlKeys = ml ? Object.keys(ml) : [];
  if (mlKeys.some((k) => k !== namespaceNameLabel)) return undefined;
  let names: string[] | undefined = ml && namespaceNameLabel in ml ? [String(ml[namespaceNameLabel])] : undefined;
  for (const e of me) {
    if (!isMap(e) || e.key !== namespaceNameLabel || e.operator !== 'In' || !Array.isArray(e.values)) return undefined;
    const values = e.values.map((v: Value) => String(v));
    names = names === undefined ? values : names.filter((n) => values.includes(n));
  }
  return names;
}

function ruleLabel(policy: NetPolicy, direction: Direction, rule: PolicyRule, peer?: PolicyPeer): string {
  const field = direction === 'ingress' ? 'from' : 'to';
  return `${policy.ref} spec.${direction}[${rule.index}]${peer ? `.${field}[${peer.index}]` : ` (no ${field}: every source)`}`;
}

function sourceKey(s: ReachSource): string {
  return JSON.stringify([s.namespace, s.namespaceSelector ?? null, s.podSelector, s.external, s.ipBlock, s.except ?? null]);
}

/** Who can reach a workload, on which ports, and which objects open each path. */
export function explainReach(graph: NetworkGraph, target: NetWorkload): TargetReach {
  const dst = podEndpoint(target);
  const policies = graph.selecting(dst, 'ingress');
  const entries = new Map<string, ReachEntry>();
  let opener: Opener = { resource: target.resource, path: [] };
  const add = (from: ReachSource, ports: PortSet, via: string[], reason: string): void => {
    if (ports.isEmpty()) return;
    const key = sourceKey(from);
    const e = entries.get(key);
    if (!e) {
      entries.set(key, { from, ports, via: [...via], reasons: [reason], openers: [opener] });
      return;
    }
    if (!e.openers.some((o) => o.resource === opener.resource && o.path.join('.') === opener.path.join('.'))) e.openers.push(opener);
    e.ports = e.ports.union(ports);
    for (const v of via) if (!e.via.includes(v)) e.via.push(v);
    if (!e.reasons.includes(reason)) e.reasons.push(reason);
  };
  const anyPod: ReachSource = { namespace: '*', podSelector: null, external: false, ipBlock: null };
  const outside: ReachSource = { namespace: '*', podSelector: null, external: true, ipBlock: null };

  if (policies.length === 0) {
    opener = { resource: target.resource, path: [...target.template.specPath.slice(0, -1), 'metadata', 'labels'] };
    add(anyPod, PortSet.all(), [], 'no NetworkPolicy selects these pods for ingress');
    for (const ex of graph.exposures(target)) {
      opener = { resource: ex.resource, path: ex.path };
      if (ex.external) add(outside, ex.ports, [ex.via], `${ex.via} (${ex.detail}) and no NetworkPolicy isolates the pods`);
    }
  }
  for (const policy of policies) {
    for (const rule of policy.ingress) {
      const ports = rulePorts(rule, dst);
      if (ports.isEmpty()) continue;
      opener = { resource: policy.resource, path: ['spec', 'ingress', rule.index] };
      if (rule.peers === 'all') {
        const reason = ruleLabel(policy, 'ingress', rule);
        add(anyPod, ports, [policy.ref], reason);
        add(outside, ports, [policy.ref], reason);
        continue;
      }
      for (const peer of rule.peers) {
        const reason = ruleLabel(policy, 'ingress', rule, peer);
        opener = { resource: policy.resource, path: ['spec', 'ingress', rule.index, 'from', peer.index] };
        if (peer.ipBlock) {
          const from: ReachSource = { namespace: '*', podSelector: null, external: true, ipBlock: peer.ipBlock.cidr };
          if (peer.ipBlock.except.length) from.except = [...peer.ipBlock.except];
          add(from, ports, [policy.ref], reason);
          continue;
        }
        if (!peer.podSelector && !peer.namespaceSelector) continue;
        const podSelector = emptySelector(peer.podSelector) ? null : (peer.podSelector ?? null);
        if (!peer.namespaceSelector) {
          add({ namespace: policy.namespace, podSelector, external: false, ipBlock: null }, ports, [policy.ref], reason);
          continue;
        }
        if (emptySelector(peer.namespaceSelector)) {
          add({ namespace: '*', podSelector, external: false, ipBlock: null }, ports, [policy.ref], reason);
          continue;
        }
        const exact = exactNamespaceNames(peer.namespaceSelector);
        if (exact) {
          for (const name of exact) add({ namespace: name, podSelector, external: false, ipBlock: null }, ports, [policy.ref], reason);
          continue;
        }
        for (const ns of graph.namespaces.values()) {
          if (selectorMatches(peer.namespaceSelector, ns.labels)) {
            add({ namespace: ns.name, podSelector, external: false, ipBlock: null }, ports, [policy.ref], reason);
          }
        }
        add({ namespace: '*', namespaceSelector: peer.namespaceSelector, podSelector, external: false, ipBlock: null }, ports, [policy.ref], `${reason} (any other namespace with these labels)`);
      }
    }
  }
  const blocked: BlockedEntry[] = [];
  const allowed: ReachEntry[] = [];
  for (const e of entries.values()) {
    const verdict = applySourceEgress(graph, target, e);
    if (verdict === 'blocked') blocked.push({ from: e.from, reason: `egress policies in namespace ${e.from.namespace} allow none of these ports to ${target.ref}` });
    else allowed.push(verdict);
  }
  // Ingress controllers relay outside traffic: say so where a policy admits their namespace.
  const relays = graph.exposures(target).filter((e) => e.kind === 'Ingress' || e.kind === 'Route' || e.kind === 'GatewayRoute');
  if (relays.length > 0) {
    for (const e of allowed) {
      if (e.from.external || !ingressControllerNamespaces.has(e.from.namespace)) continue;
      e.reasons.push(`${relays.map((r) => r.via).join(', ')} relays traffic from outside the cluster through the ingress controller in ${e.from.namespace}`);
    }
  }
  const notes = graph
    .cniPoliciesFor(target.namespace)
    .map((p) => `${p.ref} is a network-plugin policy: prodgate does not evaluate it, so it may open or close paths beyond this answer`);
  if (getPath(target.template.spec, ['hostNetwork']) === true) {
    notes.push('the pods use hostNetwork: most network plugins do not apply NetworkPolicy to them, and they listen on the node addresses');
  }
  return { workload: target, isolated: policies.length > 0, isolatedBy: policies.map((p) => p.ref), allowed, blocked, notes };
}

/**
 * Narrow an entry by the egress policies of its sources, when they are known: the estate's
 * workloads in that namespace matching the entry, and pods the estate does not define (bound by
 * policies that select every pod of the namespace, else unrestricted).
 */
function applySourceEgress(graph: NetworkGraph, target: NetWorkload, e: ReachEntry): ReachEntry | 'blocked' {
  const ns = e.from.namespace;
  if (e.from.external || ns === '*' || !graph.namespaces.has(ns)) return e;
  const inNamespace = graph.policiesIn(ns).filter((p) => p.types.egress);
  if (inNamespace.length === 0) return e;
  const dst = podEndpoint(target);
  let reachable = PortSet.empty();
  const via = new Set<string>();
  const reasons: string[] = [];
  const sources = graph.workloads.filter((w) => w.namespace === ns && (e.from.podSelector === null || selectorMatches(e.from.podSelector, w.labels)));
  for (const w of sources) {
    const v = directionVerdict(graph, podEndpoint(w), 'egress', dst);
    reachable = reachable.union(v.ports);
    for (const p of v.via) {
      via.add(p.ref);
      const reason = `${p.ref} (egress of ${w.ref})`;
      if (!reasons.includes(reason)) reasons.push(reason);
    }
  }
  // Pods the estate does not define: only policies selecting every pod are sure to apply to them.
  const allPods = inNamespace.filter((p) => emptySelector(p.podSelector));
  if (allPods.length === 0) reachable = PortSet.all();
  else {
    for (const policy of allPods) {
      for (const rule of policy.egress) {
        const matches = rule.peers === 'all' || rule.peers.some((peer) => peerMatches(graph, policy, peer, dst));
        if (!matches) continue;
        const opened = rulePorts(rule, dst);
        if (opened.isEmpty()) continue;
        reachable = reachable.union(opened);
        via.add(policy.ref);
        reasons.push(ruleLabel(policy, 'egress', rule));
      }
    }
  }
  const ports = e.ports.intersect(reachable);
  if (ports.isEmpty()) return 'blocked';
  return { ...e, ports, via: [...e.via, ...[...via].filter((v) => !e.via.includes(v))], reasons: [...e.reasons, ...reasons.filter((r) => !e.reasons.includes(r))] };
}
