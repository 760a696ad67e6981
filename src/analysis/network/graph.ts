/**
 * The estate's network graph: namespaces with their labels, workloads (pod templates) with
 * labels and container ports, NetworkPolicies in normalised form, and how each workload is
 * exposed (Services, Ingress, Gateway API routes, OpenShift Routes, host ports).
 */
import type { Estate, PodTemplate } from '../../engine/estate.js';
import { selectorMatches } from '../../engine/estate.js';
import { isMap, type Value, type ValueMap, type ValuePath } from '../../core/provenance.js';
import { apiVersionOf, getList, getMap, getPath, groupOf, kindOf, labelsOf, nameOf, str, type Resource } from '../../core/resource.js';
import { parseCidr, type Cidr } from './ip.js';
import { PortSet, protocols, type Protocol } from './ports.js';

export const namespaceNameLabel = 'kubernetes.io/metadata.name';

export interface ContainerPort {
  name?: string;
  port: number;
  protocol: Protocol;
}

export interface NetNamespace {
  name: string;
  labels: Record<string, string>;
  /** 'estate': a Namespace object; 'used': objects live there but no Namespace object; 'config': declared in configuration. */
  source: 'estate' | 'used' | 'config';
}

export interface NetWorkload {
  resource: Resource;
  template: PodTemplate;
  /** `Kind/name` */
  ref: string;
  namespace: string;
  labels: Record<string, string>;
  ports: ContainerPort[];
}

export interface IpBlockPeer {
  cidr: string;
  parsed?: Cidr;
  except: string[];
  parsedExcept: Cidr[];
}

export interface PolicyPeer {
  index: number;
  podSelector?: ValueMap;
  namespaceSelector?: ValueMap;
  ipBlock?: IpBlockPeer;
}

export interface PolicyPort {
  protocol: Protocol;
  /** Number, name, or undefined for every port of the protocol. */
  port?: number | string;
  endPort?: number;
}

export interface PolicyRule {
  index: number;
  /** 'all' when `from`/`to` is absent or empty. */
  peers: PolicyPeer[] | 'all';
  /** 'all' when `ports` is absent or empty. */
  ports: PolicyPort[] | 'all';
}

export type Direction = 'ingress' | 'egress';

export interface NetPolicy {
  resource: Resource;
  /** `NetworkPolicy/namespace/name` */
  ref: string;
  namespace: string;
  name: string;
  podSelector: ValueMap;
  /** policyTypes, defaulted as the API server does. */
  types: Record<Direction, boolean>;
  /** True when policyTypes was written explicitly. */
  explicitTypes: boolean;
  ingress: PolicyRule[];
  egress: PolicyRule[];
}

export interface Exposure {
  /** `Service/ns/name`, `Ingress/ns/name`, `HTTPRoute/ns/name`, `Route/ns/name`, or `Kind/name` for host ports. */
  via: string;
  kind: 'Service' | 'Ingress' | 'GatewayRoute' | 'Route' | 'HostPort';
  /** Reachable from outside the cluster (NodePort/LoadBalancer/externalIPs Services, Ingress, routes, host ports). */
  external: boolean;
  /** Pod ports the exposure forwards to. */
  ports: PortSet;
  /** What exposes it, e.g. `type: LoadBalancer`. */
  detail: string;
  resource: Resource;
  /** Field that creates the exposure (for findings). */
  path: ValuePath;
}

export interface CniPolicy {
  /** `Kind/namespace/name`, or `Kind/name` for cluster-wide ones. */
  ref: string;
  /** '' for cluster-wide policies. */
  namespace: string;
  resource: Resource;
}

/** Policy kinds of network plugins, which prodgate recognises but does not evaluate. */
function cniPolicyKind(r: Resource): { clusterWide: boolean } | undefined {
  const group = groupOf(apiVersionOf(r));
  const kind = kindOf(r);
  if (group === 'cilium.io' && kind === 'CiliumNetworkPolicy') return { clusterWide: false };
  if (group === 'cilium.io' && kind === 'CiliumClusterwideNetworkPolicy') return { clusterWide: true };
  if ((group === 'crd.projectcalico.org' || group === 'projectcalico.org') && kind === 'NetworkPolicy') return { clusterWide: false };
  if ((group === 'crd.projectcalico.org' || group === 'projectcalico.org') && kind === 'GlobalNetworkPolicy') return { clusterWide: true };
  if (group === 'crd.antrea.io' && kind === 'NetworkPolicy') return { clusterWide: false };
  if (group === 'crd.antrea.io' && kind === 'ClusterNetworkPolicy') return { clusterWide: true };
  if (group === 'policy.networking.k8s.io' && (kind === 'AdminNetworkPolicy' || kind === 'BaselineAdminNetworkPolicy')) return { clusterWide: true };
  return undefined;
}

export interface NetworkOptions {
  /** Labels of namespaces that are not in the estate (declared in configuration). */
  namespaceLabels?: Record<string, Record<string, string>>;
}

export function workloadRef(r: Resource): string {
  return `${kindOf(r)}/${nameOf(r)}`;
}

function asProtocol(v: Value | undefined): Protocol {
  const p = str(v).toUpperCase();
  return (protocols as readonly string[]).includes(p) ? (p as Protocol) : 'TCP';
}

function toPortValue(v: Value | undefined): number | string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return v;
  const s = str(v);
  return /^\d+$/.test(s) ? Number(s) : s;
}

export class NetworkGraph {
  readonly namespaces = new Map<string, NetNamespace>();
  readonly workloads: NetWorkload[] = [];
  readonly policies: NetPolicy[] = [];
  /** Network-plugin policies (Cilium, Calico, Antrea…): seen, not modelled. */
  readonly cniPolicies: CniPolicy[] = [];
  private readonly exposureIndex = new Map<NetWorkload, Exposure[]>();
  private readonly policiesByNamespace = new Map<string, NetPolicy[]>();

  constructor(
    readonly estate: Estate,
    options: NetworkOptions = {},
  ) {
    for (const r of estate.byKind('Namespace')) {
      const name = nameOf(r);
      if (name) this.namespaces.set(name, { name, labels: { ...labelsOf(r), [namespaceNameLabel]: name }, source: 'estate' });
    }
    for (const r of estate.resources) {
      const ns = estate.namespaceOf(r);
      if (ns && !this.namespaces.has(ns)) this.namespaces.set(ns, { name: ns, labels: { [namespaceNameLabel]: ns }, source: 'used' });
    }
    for (const [name, labels] of Object.entries(options.namespaceLabels ?? {})) {
      const known = this.namespaces.get(name);
      if (known) known.labels = { ...labels, ...known.labels, [namespaceNameLabel]: name };
      else this.namespaces.set(name, { name, labels: { ...labels, [namespaceNameLabel]: name }, source: 'config' });
    }
    for (const t of estate.podTemplates()) {
      this.workloads.push({
        resource: t.workload,
        template: t,
        ref: workloadRef(t.workload),
        namespace: t.namespace,
        labels: t.labels,
        ports: containerPorts(estate, t),
      });
    }
    for (const r of estate.resources) {
      const cni = cniPolicyKind(r);
      if (cni) this.cniPolicies.push({ ref: `${kindOf(r)}/${cni.clusterWide ? '' : `${estate.namespaceOf(r)}/`}${nameOf(r)}`, namespace: cni.clusterWide ? '' : estate.namespaceOf(r), resource: r });
    }
    for (const r of estate.byKind('NetworkPolicy')) {
      const group = groupOf(apiVersionOf(r));
      if (group !== 'networking.k8s.io' && group !== 'extensions') continue;
      const policy = parsePolicy(r, estate.namespaceOf(r));
      this.policies.push(policy);
      let list = this.policiesByNamespace.get(policy.namespace);
      if (!list) this.policiesByNamespace.set(policy.namespace, (list = []));
      list.push(policy);
    }
    this.collectExposures();
  }

  namespaceLabels(name: string): Record<string, string> {
    return this.namespaces.get(name)?.labels ?? { [namespaceNameLabel]: name };
  }

  /** Policies that select the pods and govern the given direction. */
  selecting(w: { namespace: string; labels: Record<string, string> }, direction: Direction): NetPolicy[] {
    return this.policiesIn(w.namespace).filter((p) => p.types[direction] && selectorMatches(p.podSelector, w.labels));
  }

  /** Every policy in the namespace that selects the pods at all. */
  selectingAny(w: NetWorkload): NetPolicy[] {
    return this.policiesIn(w.namespace).filter((p) => selectorMatches(p.podSelector, w.labels));
  }

  policiesIn(namespace: string): readonly NetPolicy[] {
    return this.policiesByNamespace.get(namespace) ?? [];
  }

  /** Plugin policies that may also govern pods of the namespace (namespaced ones there, and cluster-wide ones). */
  cniPoliciesFor(namespace: string): CniPolicy[] {
    return this.cniPolicies.filter((p) => p.namespace === '' || p.namespace === namespace);
  }

  exposures(w: NetWorkload): Exposure[] {
    return this.exposureIndex.get(w) ?? [];
  }

  /** Workloads matching a selector such as `app=qdrant,tier=db` (pod labels, or workload name with `name=`). */
  find(selector: Record<string, string>, namespace?: string): NetWorkload[] {
    return this.workloads.filter(
      (w) =>
        (namespace === undefined || w.namespace === namespace) &&
        Object.entries(selector).every(([k, v]) => (k === 'name' && !(k in w.labels) ? nameOf(w.resource) === v : w.labels[k] === v)),
    );
  }

  private collectExposures(): void {
    const add = (w: NetWorkload, e: Exposure): void => {
      let list = this.exposureIndex.get(w);
      if (!list) this.exposureIndex.set(w, (list = []));
      list.push(e);
    };
    // Services and the workloads behind them.
    const serviceTargets = new Map<string, { workloads: NetWorkload[]; service: Resource; ports: PortSet }>();
    for (const svc of this.estate.byKind('Service')) {
      if (apiVersionOf(svc) !== 'v1') continue;
      const ns = this.estate.namespaceOf(svc);
      const type = str(getPath(svc.body, ['spec', 'type'])) || 'ClusterIP';
      const selector = getMap(svc.body, ['spec', 'selector']);
      if (type === 'ExternalName' || !selector || Object.keys(selector).length === 0) continue;
      const targets = this.workloads.filter((w) => w.namespace === ns && selectorMatches(selector, w.labels));
      const specPorts = getList(svc.body, ['spec', 'ports']);
      const via = `Service/${ns}/${nameOf(svc)}`;
      for (const w of targets) {
        const ports = servicePorts(specPorts, w);
        serviceTargets.set(`${ns}/${nameOf(svc)}`, { workloads: targets, service: svc, ports });
        const externalIPs = getList(svc.body, ['spec', 'externalIPs']);
        const external = type === 'NodePort' || type === 'LoadBalancer' || externalIPs.length > 0;
        const internalLb = type === 'LoadBalancer' && isInternalLoadBalancer(svc);
        add(w, {
          via,
          kind: 'Service',
          external,
          ports,
          detail: externalIPs.length > 0 && type === 'ClusterIP' ? 'externalIPs' : `type: ${type}${internalLb ? ' (internal load balancer: reachable from the private network)' : ''}`,
          resource: svc,
          path: externalIPs.length > 0 && type === 'ClusterIP' ? ['spec', 'externalIPs'] : ['spec', 'type'],
        });
      }
      if (targets.length === 0) serviceTargets.set(`${ns}/${nameOf(svc)}`, { workloads: [], service: svc, ports: PortSet.empty() });
    }
    const backend = (r: Resource, serviceNs: string, serviceName: string, kind: Exposure['kind'], path: ValuePath, detail: string): void => {
      const target = serviceTargets.get(`${serviceNs}/${serviceName}`);
      if (!target) return;
      const via = kind === 'Route' ? `Route/${this.estate.namespaceOf(r)}/${nameOf(r)}` : `${kindOf(r)}/${this.estate.namespaceOf(r)}/${nameOf(r)}`;
      for (const w of target.workloads) {
        if (this.exposures(w).some((e) => e.via === via)) continue;
        add(w, { via, kind, external: true, ports: servicePorts(getList(target.service.body, ['spec', 'ports']), w), detail, resource: r, path });
      }
    };
    for (const ing of this.estate.byKind('Ingress')) {
      const ns = this.estate.namespaceOf(ing);
      const names: Array<{ name: string; path: ValuePath }> = [];
      const pick = (b: Value | undefined, path: ValuePath): void => {
        if (!isMap(b)) return;
        const svc = getPath(b, ['service', 'name']) ?? b.serviceName;
        if (svc !== undefined) names.push({ name: str(svc), path });
      };
      pick(getPath(ing.body, ['spec', 'defaultBackend']), ['spec', 'defaultBackend']);
      pick(getPath(ing.body, ['spec', 'backend']), ['spec', 'backend']);
      getList(ing.body, ['spec', 'rules']).forEach((rule, i) => {
        getList(rule, ['http', 'paths']).forEach((p, j) => pick(getPath(p, ['backend']), ['spec', 'rules', i, 'http', 'paths', j, 'backend']));
      });
      for (const n of names) backend(ing, ns, n.name, 'Ingress', n.path, 'Ingress backend');
    }
    for (const route of this.estate.resources) {
      const group = groupOf(apiVersionOf(route));
      const kind = kindOf(route);
      const ns = this.estate.namespaceOf(route);
      if (group === 'gateway.networking.k8s.io' && /Route$/.test(kind)) {
        getList(route.body, ['spec', 'rules']).forEach((rule, i) => {
          getList(rule, ['backendRefs']).forEach((ref, j) => {
            if (!isMap(ref)) return;
            const refKind = str(ref.kind) || 'Service';
            const refGroup = str(ref.group);
            if (refKind !== 'Service' || refGroup !== '') return;
            backend(route, str(ref.namespace) || ns, str(ref.name), 'GatewayRoute', ['spec', 'rules', i, 'backendRefs', j], `${kind} backend`);
          });
        });
      } else if (group === 'route.openshift.io' && kind === 'Route') {
        const to = getMap(route.body, ['spec', 'to']);
        if (to && (str(to.kind) || 'Service') === 'Service') backend(route, ns, str(to.name), 'Route', ['spec', 'to'], 'OpenShift Route');
        getList(route.body, ['spec', 'alternateBackends']).forEach((b, i) => {
          if (isMap(b) && (str(b.kind) || 'Service') === 'Service') backend(route, ns, str(b.name), 'Route', ['spec', 'alternateBackends', i], 'OpenShift Route');
        });
      }
    }
    for (const w of this.workloads) {
      const hostNetwork = getPath(w.template.spec, ['hostNetwork']) === true;
      if (hostNetwork) {
        add(w, { via: w.ref, kind: 'HostPort', external: true, ports: PortSet.all(), detail: 'hostNetwork: true', resource: w.resource, path: [...w.template.specPath, 'hostNetwork'] });
        continue;
      }
      for (const c of this.estate.containers(w.template, ['containers'])) {
        getList(c.container, ['ports']).forEach((p, i) => {
          if (!isMap(p) || p.hostPort === undefined || p.hostPort === null) return;
          const port = Number(p.containerPort);
          if (!Number.isInteger(port)) return;
          add(w, {
            via: w.ref,
            kind: 'HostPort',
            external: true,
            ports: PortSet.of(asProtocol(p.protocol), port),
            detail: `hostPort ${str(p.hostPort)}`,
            resource: w.resource,
            path: [...c.path, 'ports', i, 'hostPort'],
          });
        });
      }
    }
  }
}

/** Cloud annotations that keep a LoadBalancer on the private network (still outside the cluster). */
const internalLbAnnotations: Array<[string, RegExp]> = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(true|0\.0\.0\.0\/0)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', /^true$/i],
];

function isInternalLoadBalancer(svc: Resource): boolean {
  const a = getMap(svc.body, ['metadata', 'annotations']);
  return internalLbAnnotations.some(([k, re]) => a !== undefined && re.test(str(a[k])));
}

function containerPorts(estate: Estate, t: PodTemplate): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const c of estate.containers(t, ['containers', 'initContainers'])) {
    for (const p of getList(c.container, ['ports'])) {
      if (!isMap(p)) continue;
      const port = Number(p.containerPort);
      if (!Number.isInteger(port)) continue;
      out.push({ name: p.name === undefined || p.name === null ? undefined : str(p.name), port, protocol: asProtocol(p.protocol) });
    }
  }
  return out;
}

/** Pod ports a Service forwards to: targetPort (number or container port name), else port. */
function servicePorts(specPorts: Value[], w: NetWorkload): PortSet {
  let set = PortSet.empty();
  for (const p of specPorts) {
    if (!isMap(p)) continue;
    const protocol = asProtocol(p.protocol);
    const target = toPortValue(p.targetPort) ?? toPortValue(p.port);
    if (typeof target === 'number') set = set.union(PortSet.of(protocol, target));
    else if (typeof target === 'string') {
      for (const cp of w.ports) if (cp.name === target && cp.protocol === protocol) set = set.union(PortSet.of(protocol, cp.port));
    }
  }
  return set;
}

/**
 * A LabelSelector as the API server decodes it: only `matchLabels` and `matchExpressions`
 * count. Other keys (`{app: db}` written without `matchLabels`) are dropped, which leaves an
 * empty selector that matches everything; `kubectl apply` with strict validation rejects them.
 */
function selectorField(v: Value | undefined): ValueMap | undefined {
  if (v === undefined || v === null || !isMap(v)) return undefined;
  const out = Object.create(null) as ValueMap;
  if (v.matchLabels !== undefined && v.matchLabels !== null) out.matchLabels = v.matchLabels;
  if (v.matchExpressions !== undefined && v.matchExpressions !== null) out.matchExpressions = v.matchExpressions;
  return out;
}

function parseRules(list: Value | undefined, peerField: 'from' | 'to'): PolicyRule[] {
  if (!Array.isArray(list)) return [];
  return list.map((rule, index) => {
    const rawPeers = isMap(rule) ? rule[peerField] : undefined;
    const rawPorts = isMap(rule) ? rule.ports : undefined;
    const peers: PolicyPeer[] | 'all' =
      Array.isArray(rawPeers) && rawPeers.length > 0
        ? rawPeers.map((peer, i) => {
            const p: PolicyPeer = { index: i };
            if (!isMap(peer)) return p;
            p.podSelector = selectorField(peer.podSelector);
            p.namespaceSelector = selectorField(peer.namespaceSelector);
            const ipb = getMap(peer, ['ipBlock']);
            if (ipb) {
              const cidr = str(ipb.cidr);
              const except = getList(ipb, ['except']).map((e) => str(e));
              p.ipBlock = {
                cidr,
                parsed: parseCidr(cidr),
                except,
                parsedExcept: except.map((e) => parseCidr(e)).filter((c): c is Cidr => c !== undefined),
              };
            }
            return p;
          })
        : 'all';
    const ports: PolicyPort[] | 'all' =
      Array.isArray(rawPorts) && rawPorts.length > 0
        ? rawPorts.filter(isMap).map((p) => {
            const out: PolicyPort = { protocol: asProtocol(p.protocol), port: toPortValue(p.port) };
            if (p.endPort !== undefined && p.endPort !== null && typeof out.port === 'number') out.endPort = Number(p.endPort);
            return out;
          })
        : 'all';
    return { index, peers, ports };
  });
}

export function parsePolicy(r: Resource, namespace: string): NetPolicy {
  const spec = getMap(r.body, ['spec']);
  const rawTypes = getList(spec, ['policyTypes']).map((t) => str(t));
  const egressList = spec?.egress;
  const explicitTypes = rawTypes.length > 0;
  // The API server's defaulting: Ingress always; Egress when the policy has egress rules.
  const types = explicitTypes
    ? { ingress: rawTypes.includes('Ingress'), egress: rawTypes.includes('Egress') }
    : { ingress: true, egress: Array.isArray(egressList) && egressList.length > 0 };
  return {
    resource: r,
    ref: `NetworkPolicy/${namespace}/${nameOf(r)}`,
    namespace,
    name: nameOf(r),
    // podSelector is a struct, not a pointer, in the API: when absent it decodes to `{}` (every pod).
    podSelector: selectorField(spec?.podSelector) ?? (Object.create(null) as ValueMap),
    types,
    explicitTypes,
    ingress: types.ingress ? parseRules(spec?.ingress, 'from') : [],
    egress: types.egress ? parseRules(egressList, 'to') : [],
  };
}
