/**
 * `prodgate compose … config` prints the model as `docker compose config` does: YAML with
 * `name` first, services sorted, fields in compose-go's struct order, sequences indented under
 * their key, strings quoted only when they would read as another type, `$` written `$$`; or
 * JSON with sorted top-level keys and `command`/`entrypoint` null when unset.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/hostile.js';
import { writeProject } from './helpers.js';

const files = {
  'docker-compose.yml': `services:
  web:
    image: "shop/web:\${TAG:-1.0}"
    command: gunicorn app:app --reload
    ports: ["8000:8000"]
    environment:
      - DEBUG=true
      - PRICE=$$5
    depends_on: [db]
    volumes:
      - .:/app
  db:
    image: postgres:16
    volumes: [pgdata:/var/lib/postgresql/data]
    healthcheck:
      test: pg_isready
      interval: 90s
volumes:
  pgdata: {}
`,
  'docker-compose.prod.yml': `services:
  web:
    command: ["gunicorn", "app:app"]
    ports: !reset []
    environment:
      DEBUG: "false"
    volumes: !reset []
    deploy:
      replicas: 2
      resources:
        limits: {memory: 512m, cpus: "1"}
    restart: always
`,
  '.env': 'TAG=2.1\n',
};

describe('prodgate compose … config', () => {
  const dir = writeProject(files);
  it('prints the merged model as YAML like docker compose config', () => {
    const r = runCli(['compose', '-f', 'docker-compose.yml', '-f', 'docker-compose.prod.yml', 'config'], { cwd: dir, env: { TAG: '' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`name: app
services:
  db:
    healthcheck:
      test:
        - CMD-SHELL
        - pg_isready
      interval: 1m30s
    image: postgres:16
    networks:
      default: null
    volumes:
      - type: volume
        source: pgdata
        target: /var/lib/postgresql/data
        volume: {}
  web:
    command:
      - gunicorn
      - app:app
    depends_on:
      db:
        condition: service_started
        required: true
    deploy:
      replicas: 2
      resources:
        limits:
          cpus: 1
          memory: "536870912"
    environment:
      DEBUG: "false"
      PRICE: $$5
    image: shop/web:1.0
    networks:
      default: null
    restart: always
networks:
  default:
    name: app_default
volumes:
  pgdata:
    name: app_pgdata
`);
  });

  it('--format json', () => {
    const r = runCli(['compose', '-f', 'docker-compose.yml', 'config', '--format', 'json'], { cwd: dir, env: { TAG: '' } });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['name', 'networks', 'services', 'volumes']);
    expect(json.services.db.command).toBeNull();
    expect(json.services.db.entrypoint).toBeNull();
    expect(json.services.web.command).toEqual(['gunicorn', 'app:app', '--reload']);
    expect(json.services.web.environment).toEqual({ DEBUG: 'true', PRICE: '$$5' });
    expect(json.services.web.volumes[0]).toEqual({ type: 'bind', source: dir, target: '/app', bind: {} });
    expect(json.services.web.image).toBe('shop/web:1.0');
  });

  it('without -f it reads the default files; .env applies when the shell does not set the variable', () => {
    const d = writeProject({ 'compose.yaml': files['docker-compose.yml'], '.env': 'TAG=2.1\n' });
    const r = runCli(['compose', 'config'], { cwd: d, env: { TAG: undefined as unknown as string } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('image: shop/web:2.1');
  });

  it('-p, --profile and --project-directory are accepted before the subcommand', () => {
    const d = writeProject({ 'compose.yaml': 'services:\n  web:\n    image: x\n  dbg:\n    image: y\n    profiles: [debug]\n' });
    const r = runCli(['compose', '-p', 'shop', '--profile', 'debug', '--project-directory', '.', 'config'], { cwd: d });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^name: shop\nservices:\n  dbg:/);
    expect(r.stdout).toContain('name: shop_default');
  });

  it('an error names file and line and exits 2', () => {
    const d = writeProject({ 'compose.yaml': 'services:\n  web:\n    image: x\n    portz: [80]\n' });
    const r = runCli(['compose', 'config'], { cwd: d });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: compose.yaml:4: services.web: additional property "portz" is not allowed\n');
  });

  it('strings that would read as booleans or numbers are quoted', () => {
    const d = writeProject({ 'compose.yaml': 'services:\n  web:\n    image: x\n    environment:\n      A: "yes"\n      B: "123"\n      C: "null"\n      D: "on"\n' });
    const r = runCli(['compose', 'config'], { cwd: d });
    expect(r.stdout).toContain('      A: "yes"\n      B: "123"\n      C: "null"\n      D: "on"\n');
  });
});

describe('rendering details', () => {
  it('false plain booleans are not printed (compose-go omitempty), the model keeps them', async () => {
    const { load } = await import('./helpers.js');
    const { renderComposeYaml } = await import('../../src/compose/index.js');
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    privileged: false\n    read_only: true\n    init: false\n' });
    expect(r.model.services.web.privileged).toBe(false);
    const text = renderComposeYaml(r.project.model);
    expect(text).not.toContain('privileged');
    expect(text).toContain('    read_only: true\n');
    expect(text).toContain('    init: false\n');
  });
});

describe('secret values are never printed', () => {
  it('config masks secret environment values and credentials in URLs, and nothing else', () => {
    const d = writeProject({
      'compose.yaml': 'services:\n  web:\n    image: x\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n      DATABASE_URL: postgres://app:s3cr3tPassw0rd@db:5432/app\n      DEBUG: "false"\n      LOG_LEVEL: info\n',
    });
    for (const format of ['yaml', 'json']) {
      const r = runCli(['compose', 'config', '--format', format], { cwd: d });
      expect(r.status).toBe(0);
      expect(r.stdout).not.toContain('hunter2hunter2');
      expect(r.stdout).not.toContain('s3cr3tPassw0rd');
      expect(r.stdout).toContain('[REDACTED]');
      expect(r.stdout).toMatch(/DEBUG"?: "false"/);
      expect(r.stdout).toMatch(/LOG_LEVEL"?: "?info"?/);
    }
  });
});
