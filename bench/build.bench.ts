/**
 * Kustomize build: prodgate's renderer against `kubectl kustomize` on a generated tree of
 * 2,000 objects — a base of 500 Deployments, 500 Services, 400 ConfigMaps, 400 ServiceAccounts
 * and 200 Secrets in 20 files, under an overlay with namespace, namePrefix, labels,
 * annotations, images, replicas and 50 ConfigMap generators (half merging into the base), so
 * name references and hashing have real work to do.
 *
 *   npx tsx bench/build.bench.ts
 *
 * Checks that both outputs are byte-identical, then reports the best of 3 runs each: wall time
 * for both, plus prodgate's CPU time (steadier on a busy machine). The kubectl time includes
 * process start-up, as users experience it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/kustomize/index.js';
import { emitStream } from '../src/yaml/emit.js';

const RUNS = 3;
/** `PARTS=100 npx tsx bench/build.bench.ts --ours-only` scales the tree (20 parts = 2,050 objects). */
const PARTS = Number(process.env.PARTS ?? 20);
const OURS_ONLY = process.argv.includes('--ours-only');

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    app: app-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      serviceAccountName: sa-${i % (PARTS * 20)}
      containers:
      - name: main
        image: registry.example.com/team/app:1.${i % 10}
        ports:
        - containerPort: 8080
        envFrom:
        - configMapRef:
            name: cfg-${i % (PARTS * 20)}
        - secretRef:
            name: secret-${i % (PARTS * 10)}
        env:
        - name: GENERATED
          valueFrom:
            configMapKeyRef:
              name: gen-${i % 50}
              key: k
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
      volumes:
      - name: cfg
        configMap:
          name: cfg-${i % (PARTS * 20)}
`;
}

function service(i: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
spec:
  selector:
    app: app-${i}
  ports:
  - port: 80
    targetPort: 8080
`;
}

function makeTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'prodgate-bench-build-'));
  const base = join(root, 'base');
  const overlay = join(root, 'overlay');
  mkdirSync(base);
  mkdirSync(overlay);
  const files: string[] = [];
  for (let f = 0; f < PARTS; f++) {
    const docs: string[] = [];
    for (let i = f * 25; i < (f + 1) * 25; i++) docs.push(deployment(i), service(i));
    for (let i = f * 20; i < (f + 1) * 20; i++) {
      docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg-${i}\ndata:\n  LEVEL: info\n  INDEX: "${i}"\n`);
      docs.push(`apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n`);
    }
    for (let i = f * 10; i < (f + 1) * 10; i++) {
      docs.push(`apiVersion: v1\nkind: Secret\nmetadata:\n  name: secret-${i}\ntype: Opaque\ndata:\n  token: ${Buffer.from(`t${i}`).toString('base64')}\n`);
    }
    const name = `part-${f}.yaml`;
    writeFileSync(join(base, name), docs.join('---\n'));
    files.push(name);
  }
  const baseGens = Array.from({ length: 25 }, (_, i) => `- name: gen-${i}\n  literals:\n  - k=base-${i}\n`).join('');
  writeFileSync(join(base, 'kustomization.yaml'), `resources:\n${files.map((f) => `- ${f}\n`).join('')}configMapGenerator:\n${baseGens}`);
  const overlayGens = Array.from({ length: 50 }, (_, i) =>
    i < 25 ? `- name: gen-${i}\n  behavior: merge\n  literals:\n  - extra=${i}\n` : `- name: gen-${i}\n  literals:\n  - k=overlay-${i}\n`,
  ).join('');
  writeFileSync(
    join(overlay, 'kustomization.yaml'),
    `resources:
- ../base
namespace: production
namePrefix: prod-
labels:
- pairs:
    env: production
  includeSelectors: true
commonAnnotations:
  owner: platform
images:
- name: registry.example.com/team/app
  newTag: "2.0"
replicas:
- name: app-1
  count: 5
configMapGenerator:
${overlayGens}`,
  );
  return overlay;
}

function time<T>(fn: () => T): { wall: number; cpu: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, value };
}

function main(): void {
  const dir = makeTree();
  try {
    const ours = () => emitStream(build(dir).resources.map((r) => r.body));
    const oracle = () => {
      const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
      if (r.status !== 0) throw new Error(`kubectl kustomize failed: ${r.stderr}`);
      return r.stdout;
    };
    if (OURS_ONLY) {
      const t = time(ours);
      console.log(`objects rendered: ${t.value.split('\n---\n').length}; prodgate build: ${(t.wall / 1000).toFixed(2)} s wall, ${(t.cpu / 1000).toFixed(2)} s CPU`);
      return;
    }
    const first = ours();
    const expected = oracle();
    const objects = first.split('\n---\n').length;
    if (first !== expected) throw new Error('outputs differ: the benchmark tree is not rendered byte-identically');
    let bestOurs = { wall: Infinity, cpu: Infinity };
    let bestOracle = Infinity;
    for (let r = 0; r < RUNS; r++) {
      const o = time(ours);
      if (o.wall < bestOurs.wall) bestOurs = { wall: o.wall, cpu: o.cpu };
      const k = time(oracle);
      bestOracle = Math.min(bestOracle, k.wall);
    }
    console.log(`objects rendered: ${objects}, output ${(first.length / 1024 / 1024).toFixed(1)} MB, byte-identical: yes`);
    console.log(`prodgate build: ${(bestOurs.wall / 1000).toFixed(2)} s wall, ${(bestOurs.cpu / 1000).toFixed(2)} s CPU`);
    console.log(`kubectl kustomize: ${(bestOracle / 1000).toFixed(2)} s wall`);
    console.log(`ratio (prodgate wall / kubectl wall): ${(bestOurs.wall / bestOracle).toFixed(2)}`);
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}

main();
