/**
 * `prodgate compose diff`: the "Key differences" table between two configurations of one
 * stack, generated from the merged models. Secret values are never printed.
 */
import { describe, expect, it } from 'vitest';
import { diffSides } from '../../src/cli/compose.js';
import { diffCompose, loadCompose } from '../../src/compose/index.js';
import { runCli } from '../helpers/hostile.js';
import { writeProject } from './helpers.js';

const base = `services:
  api:
    image: shop/api:1.0
    environment:
      LOG_LEVEL: info
      DB_PASSWORD: devpassword123
    healthcheck:
      test: curl -f http://localhost/health
      interval: 30s
  postgres:
    image: postgres:16
    volumes: [pgdata:/var/lib/postgresql/data]
volumes:
  pgdata: {}
`;
const dev = `services:
  api:
    command: uvicorn app:app --reload
    ports: ["8000:8000"]
    volumes: [./src:/app/src]
    environment:
      LOG_LEVEL: debug
      DEBUG: "true"
  postgres:
    ports: ["5432:5432"]
  flower:
    image: mher/flower:2.0
    ports: ["5555:5555"]
`;
const prod = `services:
  api:
    command: gunicorn app:app -w 4
    environment:
      DB_PASSWORD: Xk9mP2vL8qR4tZ7wQ3
    restart: always
    deploy:
      replicas: 3
      resources:
        limits: {cpus: "1", memory: 512M}
    healthcheck:
      interval: 10s
      retries: 5
`;
const files = { 'docker-compose.yml': base, 'docker-compose.dev.yml': dev, 'docker-compose.prod.yml': prod };
const args = ['compose', 'diff', '-f', 'docker-compose.yml', '-f', 'docker-compose.dev.yml', '--vs', '-f', 'docker-compose.yml', '-f', 'docker-compose.prod.yml'];

describe('compose diff', () => {
  const dir = writeProject(files);

  it('one row per service and aspect that differs, dev value and prod value', () => {
    const load = (f: string[]) => loadCompose({ cwd: dir, env: {}, files: f });
    const d = diffCompose(load(['docker-compose.yml', 'docker-compose.dev.yml']), load(['docker-compose.yml', 'docker-compose.prod.yml']), (k) => /PASSWORD/.test(k));
    expect(d.rows.map((r) => [r.service, r.aspect, r.left, r.right])).toEqual([
      ['api', 'command', 'uvicorn app:app --reload', 'gunicorn app:app -w 4'],
      ['api', 'environment.DB_PASSWORD', '(secret, changed)', '(secret, changed)'],
      ['api', 'environment.DEBUG', 'true', null],
      ['api', 'environment.LOG_LEVEL', 'debug', 'info'],
      ['api', 'ports', '8000->8000/tcp', null],
      ['api', 'volumes', 'bind ./src:/app/src', null],
      ['api', 'limits', null, 'cpus=1 memory=512MiB'],
      ['api', 'healthcheck', 'interval=30s', 'interval=10s retries=5'],
      ['api', 'replicas', null, '3'],
      ['api', 'restart', null, 'always'],
      ['flower', 'service', 'defined', null],
      ['postgres', 'ports', '5432->5432/tcp', null],
    ]);
    // Each side points at the file and line in its override chain that set the value.
    const level = d.rows.find((r) => r.aspect === 'environment.LOG_LEVEL')!;
    expect(level.leftLocation).toEqual({ file: 'docker-compose.dev.yml', line: 7 });
    expect(level.rightLocation).toEqual({ file: 'docker-compose.yml', line: 5 });
    expect(d.rows.find((r) => r.aspect === 'replicas')!.rightLocation).toEqual({ file: 'docker-compose.prod.yml', line: 8 });
  });

  it('identical configurations have no rows', () => {
    const load = () => loadCompose({ cwd: dir, env: {}, files: ['docker-compose.yml'] });
    expect(diffCompose(load(), load(), () => false).rows).toEqual([]);
  });

  for (const format of ['text', 'markdown', 'json']) {
    it(`--format ${format}: prints the table and never a secret value`, () => {
      const r = runCli([...args, '--format', format], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).not.toContain('devpassword123');
      expect(r.stdout).not.toContain('Xk9mP2vL8qR4tZ7wQ3');
      expect(r.stdout).toContain('(secret, changed)');
      expect(r.stdout).toContain('gunicorn app:app -w 4');
    });
  }

  it('markdown is a table with the file names as column headings', () => {
    const r = runCli([...args, '--format', 'markdown'], { cwd: dir });
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      '| Service | Aspect | docker-compose.dev.yml | docker-compose.prod.yml |',
      '|---|---|---|---|',
      '| api | command | uvicorn app:app --reload | gunicorn app:app -w 4 |',
    ]);
  });

  it('an error in one side names its file and line, exit 2', () => {
    const d = writeProject({ ...files, 'docker-compose.prod.yml': 'services:\n  api:\n    replicaz: 3\n' });
    const r = runCli(args, { cwd: d });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: docker-compose.prod.yml:3: services.api: additional property "replicaz" is not allowed\n');
  });

  it.each([
    [['compose', 'diff', '-f', 'a.yml'], /needs the files of both sides/],
    [['compose', 'diff', '-f', 'a.yml', '--vs'], /needs the files of both sides/],
    [['compose', '-f', 'a.yml', 'diff', '--vs', '-f', 'b.yml'], /name the files of each side after `diff`/],
    [['compose', 'diff', '-f', 'a', '--vs', '-f', 'b', '--vs', '-f', 'c'], /--vs given twice/],
  ])('refuses %j', (argv, message) => {
    expect(() => diffSides(['node', 'prodgate', ...argv])).toThrow(message);
  });

  it('reads both sides, options between them skipped', () => {
    expect(diffSides(['node', 'prodgate', 'compose', '--env-file', 'x.env', 'diff', '-f', 'a', '--format', 'json', '-f', 'b', '--vs', '--file=c'])).toEqual({ left: ['a', 'b'], right: ['c'] });
  });
});
