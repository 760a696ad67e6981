/**
 * The bundled KFM estate: the vector engine is reachable only from the API namespace (and its
 * own backup job and replicas), and the gap left on purpose (kfm-web without default deny) is
 * found. The estate is the oracle's recorded rendering, so this test does not depend on the renderer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { estateFromYaml, runRule } from '../helpers/rules.js';
import { recordedExample } from '../helpers/oracle.js';
import { NetworkGraph } from '../../src/analysis/network/graph.js';
import { explainReach } from '../../src/analysis/network/reach.js';
import { reachJson } from '../../src/analysis/network/render.js';
import { rules } from '../../src/rules/network/index.js';
import { main } from '../../src/cli/main.js';
import { runCheck } from '../../src/index.js';
import { loadConfig } from '../../src/engine/config.js';

const recorded = recordedExample('examples/kfm/infra/clusters/prod');
const rendered = { ok: recorded.ok, stdout: recorded.ok ? recorded.stdout : '' };
const tmp = mkdtempSync(path.join(tmpdir(), 'prodgate-reach-'));
const renderedFile = path.join(tmp, 'kfm-prod.yaml');
writeFileSync(renderedFile, rendered.stdout);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('KFM production cluster', () => {
  it('renders', () => {
    expect(rendered.ok).toBe(true);
  });

  it('proves the vector engine reachable only from kfm-api and its own namespace', () => {
    const graph = new NetworkGraph(estateFromYaml(rendered.stdout));
    const [vector] = graph.find({ app: 'vector' }, 'kfm-vector').filter((w) => w.ref === 'StatefulSet/vector');
    expect(vector).toBeDefined();
    const json = reachJson([explainReach(graph, vector!)]);
    expect(json).toEqual({
      targets: [
        {
          namespace: 'kfm-vector',
          workload: 'StatefulSet/vector',
          allowed: [
            {
              from: { namespace: 'kfm-api', podSelector: null, external: false, ipBlock: null },
              ports: [{ port: 6333, protocol: 'TCP' }],
              via: ['NetworkPolicy/kfm-vector/vector-from-api', 'NetworkPolicy/kfm-api/api-egress'],
            },
            {
              from: { namespace: 'kfm-vector', podSelector: { matchLabels: { 'app.kubernetes.io/component': 'backup' } }, external: false, ipBlock: null },
              ports: [{ port: 6333, protocol: 'TCP' }],
              via: ['NetworkPolicy/kfm-vector/vector-from-api'],
            },
            {
              from: { namespace: 'kfm-vector', podSelector: { matchLabels: { app: 'vector' } }, external: false, ipBlock: null },
              ports: [{ port: 6335, protocol: 'TCP' }],
              via: ['NetworkPolicy/kfm-vector/vector-from-api'],
            },
          ],
        },
      ],
    });
  });

  it('finds the gap left on purpose and nothing else in the network concern', () => {
    const estate = estateFromYaml(rendered.stdout);
    const findings = rules.flatMap((r) =>
      runRule(r, estate, { params: r.meta.id === 'datastore-unapproved-client' ? { approvedClients: { vector: ['kfm-api'] } } : {} }).map((f) => `${r.meta.id}: ${f.message}`),
    );
    expect(findings).toEqual([
      'namespace-default-deny-ingress: namespace kfm-web has no default-deny ingress NetworkPolicy (podSelector: {} with policyTypes [Ingress])',
      'workload-without-network-policy: Deployment/kfm-web in namespace kfm-web is selected by no NetworkPolicy: every pod in the cluster can reach it',
    ]);
  });

  it('through check, with the example\'s .prodgate.yaml, reports only the gap left on purpose', () => {
    const config = loadConfig('examples/kfm/.prodgate.yaml');
    const run = runCheck({ inputs: ['examples/kfm/infra/clusters/prod'], config, concerns: ['network', 'secrets'] });
    expect(run.findings.map((f) => `${f.rule} ${f.location?.file}`)).toEqual([
      'workload-without-network-policy examples/kfm/infra/apps/web/base/deployment.yaml',
      'namespace-default-deny-ingress examples/kfm/infra/apps/web/overlays/prod/namespace.yaml',
    ]);
  });

  it('flags the API namespace when it is not approved', () => {
    const estate = estateFromYaml(rendered.stdout);
    const rule = rules.find((r) => r.meta.id === 'datastore-unapproved-client')!;
    const findings = runRule(rule, estate, { params: { approvedClients: { vector: ['kfm-jobs'] } } });
    expect(findings.map((f) => f.message)).toEqual([
      'datastore kfm-vector/StatefulSet/vector is reachable from every pod in namespace kfm-api on TCP 6333 (opened by NetworkPolicy/kfm-vector/vector-from-api spec.ingress[0].from[0]; NetworkPolicy/kfm-api/api-egress (egress of Deployment/kfm-api)); approved: kfm-jobs, kfm-vector',
    ]);
  });
});

async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(['node', 'prodgate', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('prodgate reach', () => {
  it('prints the JSON contract', async () => {
    const r = await runCli(['reach', renderedFile, '--to', 'app=vector', '--namespace', 'kfm-vector', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { targets: Array<{ workload: string; allowed: unknown[] }> };
    expect(json.targets.map((t) => t.workload)).toEqual(['StatefulSet/vector']);
    expect(json.targets[0]!.allowed).toHaveLength(3);
  });

  it('keeps to the documented shape (docs/reach-json.md)', async () => {
    for (const app of ['vector', 'kfm-web', 'kfm-api']) {
      const r = await runCli(['reach', renderedFile, '--to', `app=${app}`, '--format', 'json']);
      expect(r.code).toBe(0);
      const out = r.out;
      const json = JSON.parse(out) as { targets: Array<Record<string, unknown>> };
      expect(Object.keys(json)).toEqual(['targets']);
      for (const t of json.targets) {
        expect(Object.keys(t)).toEqual(['namespace', 'workload', 'allowed']);
        for (const a of t.allowed as Array<Record<string, unknown>>) {
          expect(Object.keys(a)).toEqual(['from', 'ports', 'via']);
          const from = a.from as Record<string, unknown>;
          expect(Object.keys(from).slice(0, 4)).toEqual(['namespace', 'podSelector', 'external', 'ipBlock']);
          expect(Object.keys(from).slice(4).every((k) => k === 'namespaceSelector' || k === 'except')).toBe(true);
          expect(a.ports === 'all' || (Array.isArray(a.ports) && a.ports.every((p) => typeof (p as { port: unknown }).port === 'number'))).toBe(true);
          expect(Array.isArray(a.via)).toBe(true);
        }
      }
    }
  });

  it('names the policies that isolate the target', async () => {
    const r = await runCli(['reach', renderedFile, '--to', 'app=vector', '--namespace', 'kfm-vector']);
    expect(r.out.split('\n')[0]).toBe(
      'kfm-vector/StatefulSet/vector: isolated for ingress by NetworkPolicy/kfm-vector/default-deny-ingress, NetworkPolicy/kfm-vector/vector-from-api',
    );
  });

  it('explains each path in text', async () => {
    const r = await runCli(['reach', renderedFile, '--to', 'app=kfm-web']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('kfm-web/Deployment/kfm-web: NOT isolated');
    expect(r.out).toContain('<- every pod in any namespace on all ports');
    expect(r.out).toContain('<- outside the cluster on TCP 8080');
    expect(r.out).toContain('because Ingress/kfm-web/kfm-web (Ingress backend) and no NetworkPolicy isolates the pods');
  });

  it('draws a Mermaid graph in markdown', async () => {
    const r = await runCli(['reach', renderedFile, '--to', 'app=kfm-api', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('```mermaid\nflowchart LR');
    expect(r.out).toContain('src0["every pod in namespace ingress-nginx"] -- "TCP 8080" --> target');
    expect(r.out).toContain('Ingress/kfm-api/kfm-api relays traffic from outside the cluster through the ingress controller in ingress-nginx');
  });

  it('renders the kustomization itself and agrees with the oracle-rendered estate', async () => {
    const ours = await runCli(['reach', 'examples/kfm/infra/clusters/prod', '--to', 'app=vector', '--namespace', 'kfm-vector', '--format', 'json']);
    const oracle = await runCli(['reach', renderedFile, '--to', 'app=vector', '--namespace', 'kfm-vector', '--format', 'json']);
    expect(ours.code).toBe(0);
    expect(JSON.parse(ours.out)).toEqual(JSON.parse(oracle.out));
  });

  it('uses namespace labels declared in the configuration', async () => {
    const manifests = path.join(tmp, 'labels.yaml');
    writeFileSync(
      manifests,
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: data}
spec:
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - {name: db, image: postgres:16, ports: [{name: pg, containerPort: 5432}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-observability, namespace: data}
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {purpose: observability}}
    ports:
    - port: pg
`,
    );
    const config = path.join(tmp, 'reach-config.yaml');
    writeFileSync(config, 'network:\n  namespaceLabels:\n    monitoring: {purpose: observability}\n');
    const r = await runCli(['reach', manifests, '--to', 'app=db', '--config', config, '--format', 'json']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual({
      targets: [
        {
          namespace: 'data',
          workload: 'Deployment/db',
          allowed: [
            { from: { namespace: 'monitoring', podSelector: null, external: false, ipBlock: null }, ports: [{ port: 5432, protocol: 'TCP' }], via: ['NetworkPolicy/data/from-observability'] },
            {
              from: { namespace: '*', podSelector: null, external: false, ipBlock: null, namespaceSelector: { matchLabels: { purpose: 'observability' } } },
              ports: [{ port: 5432, protocol: 'TCP' }],
              via: ['NetworkPolicy/data/from-observability'],
            },
          ],
        },
      ],
    });
  });

  it('fails with a user error when nothing matches', async () => {
    const r = await runCli(['reach', renderedFile, '--to', 'app=nothing']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no workload has pod labels app=nothing');
  });

  it('rejects a malformed selector', async () => {
    const r = await runCli(['reach', renderedFile, '--to', 'qdrant']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('label=value');
  });
});
