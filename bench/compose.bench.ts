/**
 * Compose loading: a 200-service stack (base file) with 3 override files (dev-like, staging-like,
 * prod-like) and a .env, merged, interpolated, normalised, validated and printed as
 * `prodgate compose … config` does. No oracle runs here (no docker binary on the machine).
 *
 *   npx tsx bench/compose.bench.ts
 *
 * Reports the best of 3 runs: wall time and CPU time, and the heap in use afterwards.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCompose, renderComposeYaml } from '../src/compose/index.js';

const SERVICES = Number(process.env.SERVICES ?? 200);
const RUNS = 3;

function base(): string {
  let s = 'name: bench\nx-common: &common\n  restart: unless-stopped\n  logging:\n    driver: json-file\n    options: {max-size: 10m}\nservices:\n';
  for (let i = 0; i < SERVICES; i++) {
    s += `  svc-${i}:
    <<: *common
    image: "registry.example.com/svc-${i}:\${TAG:-1.0.${i}}"
    command: python -m app --port ${8000 + i}
    environment:
      - SERVICE_NAME=svc-${i}
      - LOG_LEVEL=\${LOG_LEVEL:-info}
      - DB_URL=postgres://db:5432/app${i}
    ports: ["${10000 + i}:${8000 + i}"]
    volumes:
      - data-${i}:/var/lib/app
      - ./config/${i}:/etc/app:ro
    depends_on: [svc-${(i + 1) % SERVICES}]
    healthcheck:
      test: curl -f http://localhost:${8000 + i}/health
      interval: 30s
      timeout: 5s
    labels: [team=t${i % 7}, tier=backend]
`;
  }
  s += 'volumes:\n';
  for (let i = 0; i < SERVICES; i++) s += `  data-${i}: {}\n`;
  return s;
}

function override(kind: string): string {
  let s = 'services:\n';
  for (let i = 0; i < SERVICES; i++) {
    s += `  svc-${i}:\n    environment:\n      LOG_LEVEL: ${kind === 'prod' ? 'warning' : 'debug'}\n      STAGE: ${kind}\n`;
    if (kind === 'prod') s += `    ports: !reset []\n    deploy:\n      replicas: 2\n      resources:\n        limits: {cpus: "0.5", memory: 256M}\n    command: ["gunicorn", "app:app"]\n`;
    else s += `    ports: ["${20000 + i}:${8000 + i}"]\n    volumes: ["./src/${i}:/app/src"]\n`;
  }
  return s;
}

const dir = mkdtempSync(join(tmpdir(), 'prodgate-compose-bench-'));
writeFileSync(join(dir, 'docker-compose.yml'), base());
for (const kind of ['dev', 'staging', 'prod']) writeFileSync(join(dir, `docker-compose.${kind}.yml`), override(kind));
writeFileSync(join(dir, '.env'), 'TAG=2.0\n');
const files = ['docker-compose.yml', 'docker-compose.dev.yml', 'docker-compose.staging.yml', 'docker-compose.prod.yml'];

let best = { wall: Infinity, cpu: Infinity, bytes: 0 };
for (let r = 0; r < RUNS; r++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const project = loadCompose({ cwd: dir, env: {}, files });
  const out = renderComposeYaml(project.model);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  const cpu = (c.user + c.system) / 1000;
  if (cpu < best.cpu) best = { wall, cpu, bytes: out.length };
}
const heap = process.memoryUsage().heapUsed / 1024 / 1024;
console.log(`${SERVICES} services, 3 overrides: best of ${RUNS}: ${best.wall.toFixed(0)} ms wall, ${best.cpu.toFixed(0)} ms CPU, ${(best.bytes / 1024).toFixed(0)} KiB of config output, heap ${heap.toFixed(0)} MiB`);
