/**
 * Emitter throughput: 10,000 Deployment-sized objects (the yaml-deployment fixture, renamed,
 * with a few per-object variations), written with emitStream as `kustomize build` output.
 *
 *   npx tsx bench/emit.bench.ts
 *
 * Reports objects per second and output megabytes per second (best of 5 runs after warm-up), by
 * wall-clock time and by the process's CPU time (steadier on a busy machine).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloneValue, isMap, type Value, type ValueMap } from '../src/core/provenance.js';
import { emitStream } from '../src/yaml/emit.js';
import { parseYaml } from '../src/yaml/parse.js';

const COUNT = 10_000;
const RUNS = 5;

function objects(): Value[] {
  const file = join(import.meta.dirname, '..', 'test', 'fixtures', 'kustomize', 'yaml-deployment', 'r.yaml');
  const template = parseYaml(readFileSync(file, 'utf8'), 'r.yaml', { annotationsAsText: true }).docs[0]!.value;
  const out: Value[] = [];
  for (let i = 0; i < COUNT; i++) {
    const o = cloneValue(template) as ValueMap;
    const metadata = o.metadata as ValueMap;
    metadata.name = `web-${i}`;
    if (isMap(metadata.labels)) metadata.labels['build'] = i % 3 === 0 ? `${i}` : `b${i}`;
    const spec = o.spec as ValueMap;
    spec.replicas = i % 7;
    out.push(o);
  }
  return out;
}

function main(): void {
  const values = objects();
  let output = emitStream(values.slice(0, 500)); // warm-up
  let bestWall = Infinity;
  let bestCpu = Infinity;
  for (let r = 0; r < RUNS; r++) {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    output = emitStream(values);
    const used = process.cpuUsage(cpu);
    bestWall = Math.min(bestWall, performance.now() - wall);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
  }
  const megabytes = Buffer.byteLength(output) / 1024 / 1024;
  const rate = (ms: number) =>
    `${Math.round(COUNT / (ms / 1000)).toLocaleString('en-US')} objects/s, ${(megabytes / (ms / 1000)).toFixed(1)} MB/s`;
  console.log(`emitStream: ${COUNT} Deployment objects, ${megabytes.toFixed(1)} MB of YAML (best of ${RUNS})`);
  console.log(`  wall ${bestWall.toFixed(0)} ms: ${rate(bestWall)}`);
  console.log(`  cpu  ${bestCpu.toFixed(0)} ms: ${rate(bestCpu)}`);
}

main();
