/**
 * NetworkPolicy semantics, case by case, following the rules of the Kubernetes documentation
 * ("Network Policies" concept page and the NetworkPolicy API reference):
 * isolation per direction, union of policies, peers (podSelector / namespaceSelector / both in
 * one peer / ipBlock with except), ports (numbers, names, endPort, protocol), policyTypes
 * defaulting, and namespaces that are not part of the estate.
 *
 * The world: namespaces prod (team=prod, env=prod), api (team=api, env=prod), web (team=web,
 * env=dev); pods prod/db (app=db, tier=data; ports pg=5432, metrics=9187), prod/cache
 * (app=cache), api/api (app=api), web/ui (app=ui). Sources outside the estate: a pod in the
 * absent namespace `monitoring` (app=prometheus), and the addresses 203.0.113.7 and 10.1.2.3.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkOptions } from '../../src/analysis/network/graph.js';
import { graphOf, ns, pod, policy, reachableSet, type ExtraSource } from './helpers.js';

const world = [
  ns('prod', { team: 'prod', env: 'prod' }),
  ns('api', { team: 'api', env: 'prod' }),
  ns('web', { team: 'web', env: 'dev' }),
  pod('db', 'prod', { app: 'db', tier: 'data' }, [
    { name: 'pg', port: 5432 },
    { name: 'metrics', port: 9187 },
  ]),
  pod('cache', 'prod', { app: 'cache' }, [{ name: 'redis', port: 6379 }]),
  pod('api', 'api', { app: 'api' }, [{ name: 'http', port: 8080 }]),
  pod('ui', 'web', { app: 'ui' }, [{ name: 'http', port: 80 }]),
];

const C = 'prod/cache';
const A = 'api/api';
const U = 'web/ui';
const M = 'monitoring/prom';
const E1 = 'ip:203.0.113.7';
const E2 = 'ip:10.1.2.3';
const V6 = 'ip:2001:db8::1';
const everyone = [C, A, U, M, E1, E2, V6];

const extra: ExtraSource[] = [
  { id: M, endpoint: { kind: 'pod', namespace: 'monitoring', labels: { app: 'prometheus' } } },
  { id: E1, endpoint: { kind: 'ip', ip: '203.0.113.7' } },
  { id: E2, endpoint: { kind: 'ip', ip: '10.1.2.3' } },
  { id: V6, endpoint: { kind: 'ip', ip: '2001:db8::1' } },
];

/** `src -> dst:port` for each source and port. */
function to(dst: string, sources: string[], ports: Array<number | string> = [5432, 80]): string[] {
  const out: string[] = [];
  for (const s of sources) for (const p of ports) out.push(`${s} -> ${dst}:${p}`);
  return out;
}

interface Case {
  name: string;
  docs: string[];
  expected: string[];
  /** Destinations to probe (default: prod/db). */
  dst?: string[];
  probes?: Array<number | [number, 'TCP' | 'UDP' | 'SCTP']>;
  options?: NetworkOptions;
  noWorld?: boolean;
}

const db = { matchLabels: { app: 'db' } };
const deny = policy('default-deny', 'prod', { podSelector: {}, policyTypes: ['Ingress'] });
const allowFrom = (name: string, from: unknown[], ports?: unknown[], namespace = 'prod', podSelector: unknown = db): string =>
  policy(name, namespace, { podSelector, policyTypes: ['Ingress'], ingress: [{ from, ...(ports ? { ports } : {}) }] });

const cases: Case[] = [
  // --- isolation and empty selectors
  { name: 'no policy: every source reaches every port', docs: [], expected: to('prod/db', everyone) },
  { name: 'default deny (podSelector {}) isolates every pod of the namespace', docs: [deny], expected: [] },
  { name: 'the deprecated extensions/v1beta1 NetworkPolicy has the same meaning', docs: [deny.replace('networking.k8s.io/v1', 'extensions/v1beta1')], expected: [] },
  { name: 'policyTypes omitted and no rules defaults to Ingress: deny all ingress', docs: [policy('p', 'prod', { podSelector: {} })], expected: [] },
  { name: 'allow-all ingress (one empty rule) admits every source, outside ones too', docs: [policy('p', 'prod', { podSelector: {}, ingress: [{}] })], expected: to('prod/db', everyone) },
  { name: 'a default deny in another namespace does not isolate the pod', docs: [policy('p', 'api', { podSelector: {}, policyTypes: ['Ingress'] })], expected: to('prod/db', everyone) },
  { name: 'a policy whose podSelector matches nothing neither isolates nor opens', docs: [policy('p', 'prod', { podSelector: { matchLabels: { app: 'other' } }, policyTypes: ['Ingress'] })], expected: to('prod/db', everyone) },
  { name: 'podSelector {} in a peer selects every pod of the policy namespace only', docs: [allowFrom('p', [{ podSelector: {} }])], expected: to('prod/db', [C]) },
  { name: 'podSelector in a peer selects pods by label in the policy namespace', docs: [allowFrom('p', [{ podSelector: { matchLabels: { app: 'cache' } } }])], expected: to('prod/db', [C]) },
  { name: 'podSelector alone never selects pods of other namespaces', docs: [allowFrom('p', [{ podSelector: { matchLabels: { app: 'api' } } }])], expected: [] },
  { name: 'namespaceSelector {} selects every pod of every namespace, not addresses', docs: [allowFrom('p', [{ namespaceSelector: {} }])], expected: to('prod/db', [C, A, U, M]) },
  { name: 'namespaceSelector by label selects pods of matching namespaces', docs: [allowFrom('p', [{ namespaceSelector: { matchLabels: { team: 'api' } } }])], expected: to('prod/db', [A]) },
  { name: 'namespaceSelector on kubernetes.io/metadata.name names a namespace', docs: [allowFrom('p', [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'api' } } }])], expected: to('prod/db', [A]) },
  { name: 'metadata.name selector names a namespace absent from the estate', docs: [allowFrom('p', [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }])], expected: to('prod/db', [M]) },
  { name: 'namespaceSelector on the own namespace admits its pods', docs: [allowFrom('p', [{ namespaceSelector: { matchLabels: { team: 'prod' } } }])], expected: to('prod/db', [C]) },
  // --- AND within one peer vs OR across peers
  { name: 'namespaceSelector AND podSelector in one peer: both must match', docs: [allowFrom('p', [{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { app: 'api' } } }])], expected: to('prod/db', [A]) },
  { name: 'one peer: matching namespace but not pod label admits nothing', docs: [allowFrom('p', [{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { app: 'ui' } } }])], expected: [] },
  { name: 'two peers: namespaceSelector OR podSelector (in the policy namespace)', docs: [allowFrom('p', [{ namespaceSelector: { matchLabels: { env: 'prod' } } }, { podSelector: { matchLabels: { app: 'ui' } } }])], expected: to('prod/db', [C, A]) },
  { name: 'one peer: web namespace AND app=ui', docs: [allowFrom('p', [{ namespaceSelector: { matchLabels: { team: 'web' } }, podSelector: { matchLabels: { app: 'ui' } } }])], expected: to('prod/db', [U]) },
  { name: 'two peers: web namespace OR app=cache in prod', docs: [allowFrom('p', [{ namespaceSelector: { matchLabels: { team: 'web' } } }, { podSelector: { matchLabels: { app: 'cache' } } }])], expected: to('prod/db', [C, U]) },
  { name: 'namespaceSelector {} AND podSelector: that app in any namespace', docs: [allowFrom('p', [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'api' } } }])], expected: to('prod/db', [A]) },
  { name: 'namespaceSelector {} AND podSelector matches pods in absent namespaces too', docs: [allowFrom('p', [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'prometheus' } } }])], expected: to('prod/db', [M]) },
  { name: 'a selector without matchLabels is decoded as empty: it selects every namespace', docs: [allowFrom('p', [{ namespaceSelector: { team: 'api' } }])], expected: to('prod/db', [C, A, U, M]) },
  // --- label selector operators
  { name: 'matchExpressions In on namespace labels', docs: [allowFrom('p', [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['api', 'web'] }] } }])], expected: to('prod/db', [A, U]) },
  { name: 'matchExpressions NotIn also matches namespaces without the label', docs: [allowFrom('p', [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['api'] }] } }])], expected: to('prod/db', [C, U, M]) },
  { name: 'matchExpressions Exists', docs: [allowFrom('p', [{ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] } }])], expected: to('prod/db', [C, A, U]) },
  { name: 'matchExpressions DoesNotExist', docs: [allowFrom('p', [{ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] } }])], expected: to('prod/db', [M]) },
  { name: 'matchLabels and matchExpressions are ANDed', docs: [allowFrom('p', [{ podSelector: { matchLabels: { app: 'cache' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }])], expected: [] },
  { name: 'metadata.name In lists several namespaces, present or not', docs: [allowFrom('p', [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['api', 'monitoring'] }] } }])], expected: to('prod/db', [A, M]) },
  { name: 'policy podSelector by matchExpressions isolates only matching pods', docs: [policy('p', 'prod', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['data'] }] }, policyTypes: ['Ingress'] })], dst: ['prod/db', 'prod/cache'], probes: [6379], expected: to('prod/cache', ['prod/db', A, U, M, E1, E2, V6], [6379]) },
  // --- namespace labels
  { name: 'labels of absent namespaces are unknown without configuration', docs: [allowFrom('p', [{ namespaceSelector: { matchLabels: { purpose: 'metrics' } } }])], expected: [] },
  { name: 'labels of absent namespaces can be declared', docs: [allowFrom('p', [{ namespaceSelector: { matchLabels: { purpose: 'metrics' } } }])], options: { namespaceLabels: { monitoring: { purpose: 'metrics' } } }, expected: to('prod/db', [M]) },
  { name: 'kubernetes.io/metadata.name is always the namespace name, whatever the manifest says', noWorld: true, dst: ['prod/db'], docs: [ns('prod'), ns('web', { 'kubernetes.io/metadata.name': 'bogus' }), pod('db', 'prod', { app: 'db' }, [{ name: 'pg', port: 5432 }]), pod('ui', 'web', { app: 'ui' }), allowFrom('p', [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } }])], expected: to('prod/db', ['web/ui']) },
  { name: 'a namespace used by objects but not declared still has its name label', noWorld: true, dst: ['prod/db'], docs: [ns('prod'), pod('db', 'prod', { app: 'db' }), pod('job', 'jobs', { app: 'job' }), allowFrom('p', [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'jobs' } } }])], expected: to('prod/db', ['jobs/job']) },
  { name: 'a namespace used but not declared has no other labels', noWorld: true, dst: ['prod/db'], docs: [ns('prod'), pod('db', 'prod', { app: 'db' }), pod('job', 'jobs', { app: 'job' }), allowFrom('p', [{ namespaceSelector: { matchLabels: { team: 'jobs' } } }])], expected: [] },
  { name: 'a policy without namespace applies in the default namespace', noWorld: true, docs: [pod('db', 'default', { app: 'db' }).replace('  namespace: default\n', ''), pod('x', 'other', { app: 'x' }), `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n`], dst: ['default/db'], expected: [] },
  // --- ipBlock
  { name: 'ipBlock admits addresses in the CIDR', docs: [allowFrom('p', [{ ipBlock: { cidr: '203.0.113.0/24' } }])], expected: to('prod/db', [E1]) },
  { name: 'ipBlock except removes a range', docs: [allowFrom('p', [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }])], expected: to('prod/db', [E1]) },
  { name: 'ipBlock except covering the address', docs: [allowFrom('p', [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }])], expected: [] },
  { name: 'ipBlock except elsewhere in the range', docs: [allowFrom('p', [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.2.0.0/16'] } }])], expected: to('prod/db', [E2]) },
  { name: 'ipBlock never selects pods', docs: [allowFrom('p', [{ ipBlock: { cidr: '0.0.0.0/0' } }])], expected: to('prod/db', [E1, E2]) },
  { name: 'IPv6 ipBlock matches IPv6 addresses only', docs: [allowFrom('p', [{ ipBlock: { cidr: '2001:db8::/32' } }])], expected: to('prod/db', [V6]) },
  { name: 'ipBlock plus namespaceSelector peers add up', docs: [allowFrom('p', [{ ipBlock: { cidr: '203.0.113.0/24' } }, { namespaceSelector: { matchLabels: { team: 'api' } } }])], expected: to('prod/db', [A, E1]) },
  // --- ports
  { name: 'numeric port limits the rule', docs: [allowFrom('p', [{ podSelector: {} }], [{ port: 5432 }])], expected: to('prod/db', [C], [5432]) },
  { name: 'protocol defaults to TCP: a UDP rule opens no TCP port', docs: [allowFrom('p', [{ podSelector: {} }], [{ port: 5432, protocol: 'UDP' }])], probes: [5432, [5432, 'UDP']], expected: ['prod/cache -> prod/db:5432/UDP'] },
  { name: 'SCTP port', docs: [allowFrom('p', [{ podSelector: {} }], [{ port: 5432, protocol: 'SCTP' }])], probes: [5432, [5432, 'SCTP']], expected: ['prod/cache -> prod/db:5432/SCTP'] },
  { name: 'named port resolves against the destination container ports', docs: [allowFrom('p', [{ podSelector: {} }], [{ port: 'pg' }])], expected: to('prod/db', [C], [5432]) },
  { name: 'named port the destination does not define opens nothing', docs: [allowFrom('p', [{ podSelector: {} }], [{ port: 'http' }])], expected: [] },
  { name: 'named port must match the protocol too', docs: [allowFrom('p', [{ podSelector: {} }], [{ port: 'pg', protocol: 'UDP' }])], expected: [] },
  { name: 'endPort opens a range', docs: [allowFrom('p', [{ podSelector: {} }], [{ port: 5000, endPort: 6000 }])], probes: [4999, 5000, 5432, 6000, 6001], expected: to('prod/db', [C], [5000, 5432, 6000]) },
  { name: 'endPort range at the low end', docs: [allowFrom('p', [{ podSelector: {} }], [{ port: 1, endPort: 100 }])], expected: to('prod/db', [C], [80]) },
  { name: 'a port entry with only a protocol opens every port of it', docs: [allowFrom('p', [{ podSelector: {} }], [{ protocol: 'TCP' }])], expected: to('prod/db', [C]) },
  { name: 'several port entries add up (number and name)', docs: [allowFrom('p', [{ podSelector: {} }], [{ port: 80 }, { port: 'metrics' }])], probes: [80, 5432, 9187], expected: to('prod/db', [C], [80, 9187]) },
  { name: 'empty from list with ports: every source on those ports', docs: [policy('p', 'prod', { podSelector: db, ingress: [{ from: [], ports: [{ port: 80 }] }] })], expected: to('prod/db', everyone, [80]) },
  { name: 'explicit empty ingress list denies all', docs: [policy('p', 'prod', { podSelector: db, policyTypes: ['Ingress'], ingress: [] })], expected: [] },
  // --- several rules and policies
  { name: 'two rules: each pairs its own peers with its own ports', docs: [policy('p', 'prod', { podSelector: db, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'cache' } } }], ports: [{ port: 5432 }] }, { from: [{ namespaceSelector: { matchLabels: { team: 'api' } } }], ports: [{ port: 80 }] }] })], expected: ['api/api -> prod/db:80', 'prod/cache -> prod/db:5432'] },
  { name: 'one rule with two peers and two ports: the cross product', docs: [allowFrom('p', [{ podSelector: { matchLabels: { app: 'cache' } } }, { namespaceSelector: { matchLabels: { team: 'api' } } }], [{ port: 5432 }, { port: 80 }])], expected: to('prod/db', [C, A]) },
  { name: 'two policies add up', docs: [allowFrom('p1', [{ podSelector: { matchLabels: { app: 'cache' } } }], [{ port: 5432 }]), allowFrom('p2', [{ namespaceSelector: { matchLabels: { team: 'api' } } }], [{ port: 80 }])], expected: ['api/api -> prod/db:80', 'prod/cache -> prod/db:5432'] },
  { name: 'default deny plus an allow policy: the allow wins (union)', docs: [deny, allowFrom('p', [{ namespaceSelector: { matchLabels: { team: 'api' } } }])], expected: to('prod/db', [A]) },
  { name: 'default deny plus allow by namespace names, one absent', docs: [deny, allowFrom('p', [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['api', 'monitoring'] }] } }], [{ port: 'pg' }])], expected: to('prod/db', [A, M], [5432]) },
  { name: 'an allow-all policy overrides a narrower one', docs: [allowFrom('p1', [{ podSelector: { matchLabels: { app: 'cache' } } }]), policy('p2', 'prod', { podSelector: db, ingress: [{}] })], expected: to('prod/db', everyone) },
  // --- policyTypes defaulting and egress
  { name: 'policyTypes [Egress] ignores ingress rules and does not isolate ingress', docs: [policy('p', 'prod', { podSelector: db, policyTypes: ['Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'none' } } }] }] })], expected: to('prod/db', everyone) },
  { name: 'egress-only policy on the destination does not limit its ingress', docs: [policy('p', 'prod', { podSelector: db, policyTypes: ['Egress'] })], expected: to('prod/db', everyone) },
  { name: 'egress default deny in the source namespace blocks pod-to-pod traffic', docs: [policy('p', 'api', { podSelector: {}, policyTypes: ['Egress'] })], expected: to('prod/db', [C, U, M, E1, E2, V6]) },
  { name: 'egress allow to the destination namespace on one port', docs: [policy('p', 'api', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'prod' } } }], ports: [{ port: 5432 }] }] })], expected: [...to('prod/db', [C, U, M, E1, E2, V6]), 'api/api -> prod/db:5432'].sort() },
  { name: 'egress named port resolves against the destination pod', docs: [policy('p', 'api', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 'pg' }] }] })], expected: [...to('prod/db', [C, U, M, E1, E2, V6]), 'api/api -> prod/db:5432'].sort() },
  { name: 'egress rules without policyTypes default to Ingress and Egress', docs: [policy('p', 'api', { podSelector: {}, egress: [{ to: [{ namespaceSelector: {} }] }] })], dst: ['api/api', 'prod/db'], probes: [5432], expected: to('prod/db', [C, A, U, M, E1, E2, V6], [5432]) },
  { name: 'an empty egress list without policyTypes defaults to Ingress only', docs: [policy('p', 'api', { podSelector: {}, egress: [] })], dst: ['api/api', 'prod/db'], probes: [5432], expected: to('prod/db', [C, A, U, M, E1, E2, V6], [5432]) },
  { name: 'policyTypes [Ingress, Egress] with no rules isolates both ways', docs: [policy('p', 'api', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })], dst: ['api/api', 'prod/db'], probes: [5432], expected: to('prod/db', [C, U, M, E1, E2, V6], [5432]) },
  { name: 'ingress allows but the source egress does not', docs: [deny, allowFrom('p', [{ namespaceSelector: { matchLabels: { team: 'api' } } }]), policy('e', 'api', { podSelector: {}, policyTypes: ['Egress'] })], expected: [] },
  { name: 'egress opens and ingress allows: the intersection of ports', docs: [allowFrom('p', [{ namespaceSelector: { matchLabels: { team: 'api' } } }], [{ port: 5432 }, { port: 80 }]), policy('e', 'api', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }] }] })], expected: ['api/api -> prod/db:80'] },
  { name: 'egress peer podSelector selects in the source policy namespace', docs: [policy('e', 'prod', { podSelector: { matchLabels: { app: 'cache' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }] })], dst: ['prod/db', 'api/api'], probes: [5432], expected: [...to('prod/db', [A, U, M, E1, E2, V6, C], [5432]), ...to('api/api', ['prod/db', U, M, E1, E2, V6], [5432])].sort() },
  { name: 'egress to an ipBlock does not open pod destinations', docs: [policy('e', 'api', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] })], expected: to('prod/db', [C, U, M, E1, E2, V6]) },
  { name: 'egress rule without to: every destination', docs: [policy('e', 'api', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] })], expected: to('prod/db', everyone) },
  { name: 'egress default deny in the destination namespace does not block traffic into it', docs: [policy('e', 'prod', { podSelector: {}, policyTypes: ['Egress'] })], expected: to('prod/db', [A, U, M, E1, E2, V6]) },
  { name: 'egress selecting another pod does not restrict this source', docs: [policy('e', 'api', { podSelector: { matchLabels: { app: 'other' } }, policyTypes: ['Egress'] })], expected: to('prod/db', everyone) },
  { name: 'egress policies add up', docs: [policy('e1', 'api', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }] }] }), policy('e2', 'api', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {}, namespaceSelector: {} }], ports: [{ port: 5432 }] }] })], expected: to('prod/db', everyone) },
];

describe('NetworkPolicy semantics', () => {
  it('has at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });
  for (const c of cases) {
    it(c.name, () => {
      const graph = graphOf(c.noWorld ? c.docs : [...world, ...c.docs], c.options);
      const actual = reachableSet(graph, c.probes ?? [5432, 80], c.noWorld ? [] : extra, c.dst ?? (c.noWorld ? undefined : ['prod/db']));
      expect(actual).toEqual([...c.expected].sort());
    });
  }
});
