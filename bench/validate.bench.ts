/**
 * Schema validation throughput: 10,000 objects of the common kinds (the valid fixtures of
 * test/schema, renamed, with a few mistakes mixed in), validated strictly.
 *
 *   npx tsx bench/validate.bench.ts
 *
 * Reports the cold run (loading each kind's validator on first use) and the steady state
 * (validators loaded, as when a run checks several overlays), in objects per second.
 */
import { Estate } from '../src/model/estate.js';
import { isMap } from '../src/model/provenance.js';
import type { Resource } from '../src/model/resource.js';
import { schemaIssuesOf } from '../src/analysis/schema/validator.js';
import { apiDeprecated } from '../src/rules/deprecations/api-deprecated.js';
import { apiRemoved } from '../src/rules/deprecations/api-removed.js';
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
  let issues = 0;
  for (const list of schemaIssuesOf(estateOf(resources)).values()) issues += list.length;
  const coldMs = performance.now() - t;

  const runs = 3;
  const steady: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    schemaIssuesOf(estateOf(resources));
    steady.push(performance.now() - t);
  }
  const best = Math.min(...steady);

  const estate = estateOf(resources);
  t = performance.now();
  let deprecations = 0;
  for (const rule of [apiRemoved, apiDeprecated]) {
    rule.check({ estate, profile: 'prod', params: {}, kubeVersion: '1.25', report: () => deprecations++ });
  }
  const deprecationMs = performance.now() - t;

  const perSec = (ms: number) => Math.round((resources.length / ms) * 1000).toLocaleString('en-US');
  console.log(`objects:                 ${resources.length} (${issues} schema findings)`);
  console.log(`YAML parse (reference):  ${parseMs.toFixed(0)} ms`);
  console.log(`schema, cold:            ${coldMs.toFixed(0)} ms  (${perSec(coldMs)} objects/s)`);
  console.log(`schema, steady (best/${runs}): ${best.toFixed(0)} ms  (${perSec(best)} objects/s)`);
  console.log(`deprecations:            ${deprecationMs.toFixed(1)} ms  (${deprecations} findings)`);
}

main();
