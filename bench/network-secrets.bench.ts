/**
 * Trust-membrane throughput: the network graph, reachability of every workload, the network
 * rules, and the secret scan over a synthetic estate of 100 namespaces with 20 workloads each
 * (2,000 workloads, one datastore per namespace), a default deny plus three allow policies per
 * namespace (400 policies), a ClusterIP Service per workload, and ConfigMaps whose values are
 * half ordinary settings, half secret-looking.
 *
 *   npx tsx bench/network-secrets.bench.ts
 *
 * Parsing is excluded; each measure is the best of three runs.
 */
import { NetworkGraph } from '../src/analysis/network/graph.js';
import { explainReach } from '../src/analysis/network/reach.js';
import { collectKnownSecrets } from '../src/analysis/secrets/scan.js';
import { KnownSecrets } from '../src/analysis/secrets/redact.js';
import { Estate } from '../src/engine/estate.js';
import { isMap } from '../src/core/provenance.js';
import type { Resource } from '../src/core/resource.js';
import { rules as networkRules } from '../src/rules/network/index.js';
import { rules as secretRules } from '../src/rules/secrets/index.js';
import type { Report, Rule } from '../src/engine/types.js';
import { parseYaml } from '../src/yaml/parse.js';

const NAMESPACES = 100;
const PER_NAMESPACE = 20;

function namespaceDocs(n: number): string[] {
  const ns = `ns-${n}`;
  const docs: string[] = [`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels: {team: t${n % 10}}\n`];
  for (let i = 0; i < PER_NAMESPACE; i++) {
    const db = i === 0;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}, namespace: ${ns}}
spec:
  template:
    metadata:
      labels: {app: app-${i}, tier: ${db ? 'data' : 'web'}}
    spec:
      containers:
      - name: main
        image: ${db ? 'postgres:16' : `registry.example.com/app-${i}:1.0.0`}
        ports: [{name: http, containerPort: ${db ? 5432 : 8080}}]
        env:
        - {name: LOG_LEVEL, value: info}
        - {name: DB_PASSWORD, value: "${i % 2 ? '${DB_PASSWORD}' : `Pw-${n}-${i}-Zq8!x`}"}
`);
    docs.push(`apiVersion: v1
kind: Service
metadata: {name: app-${i}, namespace: ${ns}}
spec:
  selector: {app: app-${i}}
  ports: [{port: 80, targetPort: http}]
`);
  }
  docs.push(`apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: ${ns}}
data:
  LOG_LEVEL: info
  TOKEN_TTL: "3600"
  DATABASE_URL: postgres://app:S3cret-${n}@app-0:5432/app
  FEATURE_FLAGS: "search,export,beta-ui"
`);
  docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: ${ns}}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`);
  docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-team, namespace: ${ns}}
spec:
  podSelector: {matchLabels: {tier: data}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: t${n % 10}}}
      podSelector: {matchLabels: {tier: web}}
    ports: [{port: http}]
`);
  docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-ingress, namespace: ${ns}}
spec:
  podSelector: {matchLabels: {tier: web}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
    ports: [{port: 8080}]
`);
  docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress, namespace: ${ns}}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {}, podSelector: {matchLabels: {tier: data}}}]
    ports: [{port: 5432}]
`);
  return docs;
}

function best(label: string, fn: () => number): void {
  let bestMs = Infinity;
  let units = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    units = fn();
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  console.log(`${label}: ${(bestMs / 1000).toFixed(2)} s (${units} units, ${Math.round((units / bestMs) * 1000)}/s)`);
}

function runRules(rules: Rule[], estate: Estate): number {
  let n = 0;
  for (const rule of rules) {
    const params: Record<string, unknown> = {};
    for (const [k, spec] of Object.entries(rule.meta.params ?? {})) params[k] = spec.default;
    rule.check({ estate, profile: 'prod', params, kubeVersion: '1.33', secrets: new KnownSecrets(), report: (_r: Report) => void n++ });
  }
  return n;
}

function main(): void {
  const text = Array.from({ length: NAMESPACES }, (_, n) => namespaceDocs(n).join('---\n')).join('---\n');
  const parsed = parseYaml(text, 'bench.yaml', { annotationsAsText: true });
  const resources: Resource[] = parsed.docs.filter((d) => isMap(d.value)).map((d) => ({ body: d.value as Resource['body'], origin: d.location }));
  console.log(`${resources.length} objects, ${NAMESPACES * PER_NAMESPACE} workloads`);
  best('graph build', () => new NetworkGraph(new Estate(resources)).workloads.length);
  best('reachability of every workload (graph included)', () => {
    const g = new NetworkGraph(new Estate(resources));
    for (const w of g.workloads) explainReach(g, w);
    return g.workloads.length;
  });
  best('network rules (findings)', () => runRules(networkRules, new Estate(resources)));
  best('secret scan, collectKnownSecrets (objects)', () => {
    collectKnownSecrets(new Estate(resources), new KnownSecrets());
    return resources.length;
  });
  best('secrets rules (findings)', () => runRules(secretRules, new Estate(resources)));
}

main();
