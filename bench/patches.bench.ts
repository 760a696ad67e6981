/**
 * Patch steps: prodgate against `kubectl kustomize` on a generated overlay of 300 Deployments
 * that every patch mechanism touches — a multi-document file of 300 strategic merge patches
 * (containers, env and ports merged by key), a label-selected SMP patch over all of them, a
 * JSON 6902 patch per kind and a replacement fanning one ConfigMap value out to every object.
 *
 *   npx tsx bench/patches.bench.ts
 *
 * Checks the outputs are byte-identical, then reports prodgate's best of 3 (wall and CPU) and
 * one kubectl run (including process start-up).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/kustomize/index.js';
import { emitStream } from '../src/yaml/emit.js';

const N = 300;

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    app: app-${i}
    tier: web
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
      containers:
      - name: app
        image: registry.example.com/app-${i}:1.0.${i}
        ports:
        - containerPort: 8080
          protocol: TCP
        - containerPort: 9090
        env:
        - name: MODE
          value: base
        - name: INDEX
          value: "${i}"
      - name: sidecar
        image: envoy:1.28
`;
}

function smpPatch(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  replicas: ${3 + (i % 4)}
  template:
    spec:
      containers:
      - name: app
        env:
        - name: MODE
          value: prod
        - name: REGION
          value: eu-${i % 3}
        ports:
        - containerPort: 8080
          protocol: TCP
          name: http
      - name: logger
        image: fluentbit:2
`;
}

function makeTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'prodgate-patch-bench-'));
  mkdirSync(join(root, 'base'));
  mkdirSync(join(root, 'overlay'));
  writeFileSync(join(root, 'base', 'deployments.yaml'), Array.from({ length: N }, (_, i) => deployment(i)).join('---\n'));
  writeFileSync(join(root, 'base', 'settings.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  OWNER: team-platform\n');
  writeFileSync(join(root, 'base', 'kustomization.yaml'), 'resources:\n- deployments.yaml\n- settings.yaml\n');
  writeFileSync(join(root, 'overlay', 'smp.yaml'), Array.from({ length: N }, (_, i) => smpPatch(i)).join('---\n'));
  writeFileSync(
    join(root, 'overlay', 'kustomization.yaml'),
    `resources:
- ../base
patches:
- path: smp.yaml
- target:
    labelSelector: tier=web
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: any
    spec:
      template:
        spec:
          securityContext:
            runAsNonRoot: true
- target:
    kind: Deployment
  patch: |-
    - op: add
      path: /metadata/annotations/reviewed
      value: "true"
    - op: replace
      path: /spec/template/spec/containers/1/image
      value: envoy:1.29
replacements:
- source:
    kind: ConfigMap
    name: settings
    fieldPath: data.OWNER
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - metadata.labels.owner
    options:
      create: true
`,
  );
  return join(root, 'overlay');
}

function time<T>(fn: () => T): { result: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { result, wall, cpu: (c.user + c.system) / 1000 };
}

const dir = makeTree();
try {
  let best = { wall: Infinity, cpu: Infinity };
  let ours = '';
  for (let i = 0; i < 3; i++) {
    const t = time(() => emitStream(build(dir).resources.map((r) => r.body)));
    ours = t.result;
    if (t.wall < best.wall) best = { wall: t.wall, cpu: t.cpu };
  }
  const k0 = performance.now();
  const oracle = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const kubectlWall = performance.now() - k0;
  if (oracle.status !== 0) throw new Error(`kubectl failed: ${oracle.stderr}`);
  const identical = oracle.stdout === ours;
  console.log(`objects: ${N + 1}, byte-identical: ${identical}`);
  console.log(`prodgate: ${best.wall.toFixed(0)} ms wall, ${best.cpu.toFixed(0)} ms CPU (best of 3)`);
  console.log(`kubectl kustomize: ${kubectlWall.toFixed(0)} ms wall`);
  if (!identical) process.exitCode = 1;
} finally {
  rmSync(join(dir, '..'), { recursive: true, force: true });
}
