/**
 * Schema validation throughput: 10,000 objects of the common kinds (the valid fixtures of
 * test/schema, renamed, with a few mistakes mixed in), validated strictly.
 *
 *   npx tsx bench/validate.bench.ts
 *
 * Reports the cold run (loading each kind's validator on first use) and the steady state
 * (validators loaded, as when a run checks several overlays), in objects per second of wall
 * time and per second of CPU time (steadier on a shared machine).
 */
import { KnownSecrets } from '../src/analysis/secrets/redact.js';
import { readFileSync } from 'node:fs';
import { Estate } from '../src/engine/estate.js';
import { isMap } from '../src/core/provenance.js';
import type { Resource } from '../src/core/resource.js';
import { schemaIssuesOf } from '../src/analysis/schema/validator.js';
import { rule as apiDeprecated } from '../src/rules/deprecations/api-deprecated.js';
import { rule as apiRemoved } from '../src/rules/deprecations/api-removed.js';
import { parseYaml } from '../src/yaml/parse.js';
import { clone, setAt, toYaml, validObjects, type Obj } from '../test/schema/fixtures.js';

const COUNT = 10_000;

function objects(): Obj[] {
  const kinds = Object.values(validObjects);
  const out: Obj[] = [];
  for (let i = 0; i < COUNT; i++) {
    const o = clone(kinds[i % kinds.length]!);
    setAt(o, ['metadata', 'name'], `obj-${i}`);
    if (i % 100 === 0) setAt(o, ['metadata', 'labelz'], { typo: 'yes' });
    out.push(o);
  }
  return out;
}

function estateOf(resources: Resource[]): Estate {
  return new Estate(resources);
}

function main(): void {
  const text = toYaml(objects());
  let t = performance.now();
  const parsed = parseYaml(text, 'bench.yaml');
  const resources: Resource[] = [];
  for (const d of parsed.docs) if (isMap(d.value)) resources.push({ body: d.value, origin: d.location });
  const parseMs = performance.now() - t;

  t = performance.now();
  let cpu = process.cpuUsage();
  let issues = 0;
  for (const list of schemaIssuesOf(estateOf(resources)).values()) issues += list.length;
  const coldMs = performance.now() - t;
  const coldCpuMs = process.cpuUsage(cpu).user / 1000;

  const runs = 3;
  const steady: number[] = [];
  const steadyCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    cpu = process.cpuUsage();
    schemaIssuesOf(estateOf(resources));
    steady.push(performance.now() - t);
    steadyCpu.push(process.cpuUsage(cpu).user / 1000);
  }
  const best = Math.min(...steady);
  const bestCpu = Math.min(...steadyCpu);

  const estate = estateOf(resources);
  t = performance.now();
  let deprecations = 0;
  for (const rule of [apiRemoved, apiDeprecated]) {
    rule.check({ estate, profile: 'prod', params: {}, kubeVersion: '1.25', secrets: new KnownSecrets(), report: () => deprecations++ });
  }
  const deprecationMs = performance.now() - t;

  // Custom resources: compiled from a CRD in the estate (Widget) and from a raw bundled schema (HTTPRoute).
  const crd = parseYaml(readFileSync(new URL('../test/schema/crds/widgets.yaml', import.meta.url), 'utf8'), 'crd.yaml').docs[0]!;
  const custom: Resource[] = [{ body: crd.value as Resource['body'], origin: crd.location }];
  const crText = toYaml(
    Array.from({ length: COUNT }, (_, i) =>
      i % 2 === 0
        ? { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: `w-${i}` }, spec: { size: 3, port: 'http', labels: { a: 'b' }, items: [{ name: 'x' }] } }
        : {
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'HTTPRoute',
            metadata: { name: `r-${i}` },
            spec: { parentRefs: [{ name: 'gw' }], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'api', port: 80 }] }] },
          },
    ),
  );
  for (const d of parseYaml(crText, 'cr.yaml').docs) if (isMap(d.value)) custom.push({ body: d.value, origin: d.location });
  schemaIssuesOf(estateOf(custom));
  t = performance.now();
  cpu = process.cpuUsage();
  let crIssues = 0;
  for (const list of schemaIssuesOf(estateOf(custom)).values()) crIssues += list.length;
  const crMs = performance.now() - t;
  const crCpuMs = process.cpuUsage(cpu).user / 1000;

  const perSec = (ms: number) => Math.round((resources.length / ms) * 1000).toLocaleString('en-US');
  console.log(`objects:                 ${resources.length} (${issues} schema findings)`);
  console.log(`YAML parse (reference):  ${parseMs.toFixed(0)} ms`);
  console.log(`schema, cold:            ${coldMs.toFixed(0)} ms wall, ${coldCpuMs.toFixed(0)} ms CPU  (${perSec(coldMs)} objects/s wall)`);
  console.log(
    `schema, steady (best/${runs}): ${best.toFixed(0)} ms wall, ${bestCpu.toFixed(0)} ms CPU  (${perSec(best)} objects/s wall, ${perSec(bestCpu)} per CPU-second)`,
  );
  console.log(
    `custom resources, steady: ${crMs.toFixed(0)} ms wall, ${crCpuMs.toFixed(0)} ms CPU  (${perSec(crMs)} objects/s wall, ${perSec(crCpuMs)} per CPU-second; ${crIssues} findings)`,
  );
  console.log(`deprecations:            ${deprecationMs.toFixed(1)} ms  (${deprecations} findings)`);
}

main();
