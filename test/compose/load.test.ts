/**
 * Loading a project: file lookup, the interpolation environment, project name, profiles,
 * env_file, extends, include, validation and confinement. Cases cite docker compose's
 * documentation ("Use -f to specify the name and path of one or more Compose files", "Set or
 * change pre-defined environment variables", "Specify a project name", "Use profiles",
 * "Extend your Compose file", "Include") and the specification (04-version-and-name.md,
 * 05-services.md "extends"/"env_file", 14-include.md, 15-profiles.md).
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDefaultFiles, loadCompose, normaliseProjectName } from '../../src/compose/index.js';
import { errorOf, get, load, writeProject } from './helpers.js';

const web = 'services:\n  web:\n    image: nginx\n';

describe('file lookup (docker compose: "compose.yaml … docker-compose.yml" and the override file)', () => {
  it.each([
    [['compose.yaml'], ['compose.yaml']],
    [['compose.yml'], ['compose.yml']],
    [['docker-compose.yaml'], ['docker-compose.yaml']],
    [['docker-compose.yml'], ['docker-compose.yml']],
    [['compose.yaml', 'docker-compose.yml'], ['compose.yaml']],
    [['compose.yaml', 'compose.override.yaml'], ['compose.yaml', 'compose.override.yaml']],
    [['docker-compose.yml', 'docker-compose.override.yml'], ['docker-compose.yml', 'docker-compose.override.yml']],
  ])('%j → %j', (present, expected) => {
    const dir = writeProject(Object.fromEntries(present.map((f) => [f, web])));
    expect(findDefaultFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual(expected);
  });
  it('looks in parent directories', () => {
    const dir = writeProject({ 'compose.yaml': web, 'sub/deeper/x.txt': '' });
    expect(findDefaultFiles(join(dir, 'sub/deeper'))).toEqual([join(dir, 'compose.yaml')]);
  });
  it('without -f the default files are merged', () => {
    const dir = writeProject({ 'compose.yaml': web, 'compose.override.yaml': 'services:\n  web:\n    restart: always\n' });
    const p = loadCompose({ cwd: dir, env: {} });
    expect(get(p.model, 'services.web.restart')).toBe('always');
    expect(p.files).toEqual(['compose.yaml', 'compose.override.yaml']);
  });
  it('COMPOSE_FILE names the files when -f is not given', () => {
    const dir = writeProject({ 'a.yml': web, 'b.yml': 'services:\n  web:\n    user: x\n' });
    const p = loadCompose({ cwd: dir, env: { COMPOSE_FILE: 'a.yml:b.yml' } });
    expect(get(p.model, 'services.web.user')).toBe('x');
  });
  it('a missing -f file is an error', () => {
    expect(errorOf(() => load({ 'a.yml': web }, { files: ['a.yml', 'nope.yml'] })).message).toMatch(/nope\.yml not found/);
  });
});

describe('interpolation environment ("Environment variables precedence")', () => {
  const files = { 'compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n', '.env': 'TAG=from-dotenv\n', 'prod.env': 'TAG=from-env-file\n' };
  it('.env in the project directory', () => {
    expect(get(load(files).model, 'services.web.image')).toBe('nginx:from-dotenv');
  });
  it('the shell environment wins over .env', () => {
    expect(get(load(files, { env: { TAG: 'shell' } }).model, 'services.web.image')).toBe('nginx:shell');
  });
  it('--env-file replaces .env', () => {
    expect(get(load(files, { envFiles: ['prod.env'] }).model, 'services.web.image')).toBe('nginx:from-env-file');
  });
  it('several --env-file: later files win', () => {
    const f = { ...files, 'b.env': 'TAG=b\n' };
    expect(get(load(f, { envFiles: ['prod.env', 'b.env'] }).model, 'services.web.image')).toBe('nginx:b');
  });
  it('COMPOSE_DISABLE_ENV_FILE skips .env', () => {
    expect(get(load(files, { env: { COMPOSE_DISABLE_ENV_FILE: 'true' } }).model, 'services.web.image')).toBe('nginx:');
  });
  it('an unset variable warns and becomes empty', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: "nginx:${NOPE}"\n' });
    expect(get(r.model, 'services.web.image')).toBe('nginx:');
    expect(r.warnings).toContain('The "NOPE" variable is not set. Defaulting to a blank string.');
  });
  it('keys are not interpolated, values are', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    labels:\n      ${K}: ${K}\n' }, { env: { K: 'v' } });
    expect(get(r.model, 'services.web.labels')).toEqual({ '${K}': 'v' });
  });
  it('12-interpolation: a required variable names file and line', () => {
    const err = errorOf(() => load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    environment:\n      DB: ${DB_URL:?set DB_URL}\n' }));
    expect(err).toEqual({ message: 'services.web.environment.DB: required variable DB_URL is missing a value: set DB_URL', file: 'compose.yaml', line: 5 });
  });
  it('12-interpolation: an invalid template names file and line', () => {
    const err = errorOf(() => load({ 'compose.yaml': 'services:\n  web:\n    image: "x:${TAG"\n' }));
    expect(err.message).toMatch(/services\.web\.image: invalid interpolation format/);
    expect([err.file, err.line]).toEqual(['compose.yaml', 3]);
  });
  it('interpolated values are cast by path (deploy.replicas, read_only, cpus)', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    read_only: ${RO}\n    deploy:\n      replicas: ${N}\n' }, { env: { RO: 'true', N: '3' } });
    expect(get(r.model, 'services.web.read_only')).toBe(true);
    expect(get(r.model, 'services.web.deploy.replicas')).toBe(3);
  });
  it('a cast that fails names file and line', () => {
    const err = errorOf(() => load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    deploy:\n      replicas: ${N}\n' }, { env: { N: 'many' } }));
    expect(err).toMatchObject({ message: 'services.web.deploy.replicas: invalid integer: many', file: 'compose.yaml', line: 5 });
  });
  it('COMPOSE_PROJECT_NAME is available to interpolation', () => {
    expect(get(load({ 'compose.yaml': 'services:\n  web:\n    image: "${COMPOSE_PROJECT_NAME}-img"\n' }).model, 'services.web.image')).toBe('app-img');
  });
  it('$$ in the output is written $$ again, so the output reads back the same', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    command: echo $$HOME\n' });
    expect(get(r.model, 'services.web.command')).toEqual(['echo', '$HOME']);
  });
});

describe('project name (04-version-and-name "name top-level element"; docker compose "Specify a project name")', () => {
  it.each([
    ['My_Project', 'my_project'],
    ['my project!', 'myproject'],
    ['-_lead', 'lead'],
    ['A1-b_2', 'a1-b_2'],
  ])('normalises %s → %s', (input, output) => {
    expect(normaliseProjectName(input)).toBe(output);
  });
  it('defaults to the project directory name', () => {
    expect(load({ 'compose.yaml': web }).project.name).toBe('app');
  });
  it('name: sets it, normalised', () => {
    expect(load({ 'compose.yaml': `name: My-Stack\n${web}` }).project.name).toBe('my-stack');
  });
  it('the last file setting name: wins', () => {
    expect(load({ 'a.yml': `name: one\n${web}`, 'b.yml': 'name: two\n' }).project.name).toBe('two');
  });
  it('COMPOSE_PROJECT_NAME wins over name:', () => {
    expect(load({ 'compose.yaml': `name: one\n${web}` }, { env: { COMPOSE_PROJECT_NAME: 'env' } }).project.name).toBe('env');
  });
  it('-p wins over everything', () => {
    expect(load({ 'compose.yaml': `name: one\n${web}` }, { env: { COMPOSE_PROJECT_NAME: 'env' }, projectName: 'cli' }).project.name).toBe('cli');
  });
  it('-p with invalid characters is refused', () => {
    expect(errorOf(() => load({ 'compose.yaml': web }, { projectName: 'Bad Name' })).message).toMatch(/invalid project name "Bad Name"/);
  });
  it('resource names use the project name', () => {
    expect(get(load({ 'compose.yaml': web }, { projectName: 'shop' }).model, 'networks.default.name')).toBe('shop_default');
  });
  it('--project-directory sets the directory and the default name', () => {
    const dir = writeProject({ 'files/compose.yaml': 'services:\n  web:\n    build: .\n' });
    const p = loadCompose({ cwd: dir, env: {}, files: ['files/compose.yaml'], projectDirectory: '.' });
    expect(p.name).toBe('app');
    expect(get(p.model, 'services.web.build.context')).toBe(dir);
  });
});

describe('profiles (15-profiles)', () => {
  const files = { 'compose.yaml': 'services:\n  web:\n    image: x\n  debug:\n    image: y\n    profiles: [debug]\n  tools:\n    image: z\n    profiles: [tools, debug]\n' };
  it('services without profiles are always enabled; others only with their profile', () => {
    expect(Object.keys(load(files).model.services)).toEqual(['web']);
  });
  it('--profile enables the services of that profile', () => {
    expect(Object.keys(load(files, { profiles: ['tools'] }).model.services).sort()).toEqual(['tools', 'web']);
  });
  it('COMPOSE_PROFILES is a comma list', () => {
    expect(Object.keys(load(files, { env: { COMPOSE_PROFILES: 'debug' } }).model.services).sort()).toEqual(['debug', 'tools', 'web']);
  });
  it('* enables all profiles', () => {
    expect(Object.keys(load(files, { profiles: ['*'] }).model.services)).toHaveLength(3);
  });
  it('an override adding profiles disables a base service by default', () => {
    expect(Object.keys(load({ ...files, 'z.yml': 'services:\n  web:\n    profiles: [dev]\n' }).model.services)).toEqual([]);
  });
});

describe('env_file (05-services "env_file")', () => {
  it('values from env files, later files win, environment wins over all', () => {
    const r = load({
      'compose.yaml': 'services:\n  web:\n    image: x\n    env_file: [a.env, b.env]\n    environment:\n      C: own\n',
      'a.env': 'A=1\nB=1\nC=1\n',
      'b.env': 'B=2\n',
    });
    expect(get(r.model, 'services.web.environment')).toEqual({ A: '1', B: '2', C: 'own' });
  });
  it('a missing required env file is an error at the env_file line', () => {
    const err = errorOf(() => load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    env_file:\n      - missing.env\n' }));
    expect(err.message).toMatch(/env file missing\.env not found/);
    expect([err.file, err.line]).toEqual(['compose.yaml', 5]);
  });
  it('required: false skips a missing file', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    env_file:\n      - path: missing.env\n        required: false\n' });
    expect(get(r.model, 'services.web.environment')).toBeUndefined();
  });
  it('format: raw keeps values as written (no quotes removed, no interpolation)', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    env_file:\n      - path: raw.env\n        format: raw\n', 'raw.env': 'A="q" ${X}\n' });
    expect(get(r.model, 'services.web.environment')).toEqual({ A: '"q" ${X}' });
  });
  it('resolved values remember the env file line', async () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    env_file: web.env\n', 'web.env': '# c\nA=1\n' });
    const { entryOrigin } = await import('../../src/core/provenance.js');
    const env = (r.project.model.services as any).web.environment;
    expect(entryOrigin(env, 'A')).toEqual({ file: 'web.env', line: 2 });
  });
});

describe('extends (05-services "extends"; docker compose "Extend your Compose file")', () => {
  it('a service of the same file; local values merge over the base', () => {
    const r = load({ 'compose.yaml': 'services:\n  base:\n    image: x\n    environment: [A=1, B=1]\n  web:\n    extends: base\n    environment:\n      B: "2"\n' });
    expect(get(r.model, 'services.web')).toEqual({ image: 'x', environment: { A: '1', B: '2' }, networks: { default: null } });
  });
  it('a service of another file, with paths relative to that file', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    extends:\n      file: common/base.yml\n      service: app\n', 'common/base.yml': 'services:\n  app:\n    build: ./ctx\n' });
    expect(get(r.model, 'services.web.build.context')).toBe(`${r.dir}/common/ctx`);
  });
  it('chains of extends', () => {
    const r = load({ 'compose.yaml': 'services:\n  a:\n    image: x\n    user: u\n  b:\n    extends: a\n    restart: always\n  c:\n    extends: b\n    tty: true\n' });
    expect(get(r.model, 'services.c')).toMatchObject({ image: 'x', user: 'u', restart: 'always', tty: true });
  });
  it('command is replaced, ports are unique, as in a file merge', () => {
    const r = load({ 'compose.yaml': 'services:\n  a:\n    image: x\n    command: [a]\n    ports: ["80:80"]\n  b:\n    extends: a\n    command: [b]\n    ports: ["80:80", "81:81"]\n' });
    expect(get(r.model, 'services.b.command')).toEqual(['b']);
    expect(get(r.model, 'services.b.ports')).toHaveLength(2);
  });
  it('13-merge "Reset value": !reset and !override in the extending service act on inherited values', () => {
    const r = load({ 'compose.yaml': 'services:\n  a:\n    image: x\n    ports: ["80:80"]\n    environment: {A: "1", B: "2"}\n  b:\n    extends: a\n    ports: !reset []\n    environment: !override\n      C: "3"\n' });
    expect(get(r.model, 'services.b.ports')).toBeUndefined();
    expect(get(r.model, 'services.b.environment')).toEqual({ C: '3' });
    expect(get(r.model, 'services.a.ports')).toHaveLength(1);
  });
  it('refuses a cycle', () => {
    const err = errorOf(() => load({ 'compose.yaml': 'services:\n  a:\n    image: x\n    extends: b\n  b:\n    extends: a\n' }));
    expect(err.message).toMatch(/Circular reference with extends/);
    expect(err.file).toBe('compose.yaml');
  });
  it('refuses a cycle across files', () => {
    const err = errorOf(() => load({ 'compose.yaml': 'services:\n  a:\n    extends: {file: other.yml, service: b}\n', 'other.yml': 'services:\n  b:\n    extends: {file: compose.yaml, service: a}\n' }));
    expect(err.message).toMatch(/Circular reference with extends/);
  });
  it('a missing base service is an error at the extends line', () => {
    const err = errorOf(() => load({ 'compose.yaml': 'services:\n  a:\n    image: x\n    extends: nope\n' }));
    expect(err).toMatchObject({ message: 'cannot extend service: service "nope" not found', file: 'compose.yaml', line: 4 });
  });
  it('the extending service keeps its own line; inherited values keep the base file line', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    extends: {file: base.yml, service: app}\n    user: me\n', 'base.yml': 'services:\n  app:\n    image: nginx\n' });
    const svc = (r.project.model.services as any).web;
    return import('../../src/core/provenance.js').then(({ entryOrigin }) => {
      expect(entryOrigin(svc, 'image')).toMatchObject({ file: 'base.yml', line: 3 });
      expect(entryOrigin(svc, 'user')).toMatchObject({ file: 'compose.yaml', line: 4 });
    });
  });
});

describe('include (14-include)', () => {
  it('services of an included file join the project', () => {
    const r = load({ 'compose.yaml': 'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: x\n    depends_on: [db]\n', 'db/compose.yaml': 'services:\n  db:\n    image: postgres\n    volumes: [./data:/data]\n' });
    expect(Object.keys(r.model.services).sort()).toEqual(['db', 'web']);
    // Relative paths of an included project are relative to its own directory.
    expect(get(r.model, 'services.db.volumes.0.source')).toBe(`${r.dir}/db/data`);
  });
  it('the included project reads its own .env, and the including environment wins', () => {
    const r = load({ 'compose.yaml': 'include:\n  - path: db/compose.yaml\n', 'db/compose.yaml': 'services:\n  db:\n    image: "postgres:${V}"\n    user: "${U}"\n', 'db/.env': 'V=15\nU=inner\n' }, { env: { U: 'outer' } });
    expect(get(r.model, 'services.db')).toMatchObject({ image: 'postgres:15', user: 'outer' });
  });
  it('the including file merges its own definition over an imported service', () => {
    const r = load({ 'compose.yaml': 'include:\n  - db.yml\nservices:\n  db:\n    restart: always\n', 'db.yml': 'services:\n  db:\n    image: postgres\n' });
    expect(get(r.model, 'services.db')).toMatchObject({ image: 'postgres', restart: 'always' });
  });
  it('refuses an include cycle', () => {
    const err = errorOf(() => load({ 'compose.yaml': 'include: [a.yml]\nservices:\n  web: {image: x}\n', 'a.yml': 'include: [compose.yaml]\n' }));
    expect(err.message).toMatch(/include cycle/);
  });
});

describe('validation against the Compose Specification schema', () => {
  const cases: [string, string, RegExp, number][] = [
    ['an unknown service attribute', 'services:\n  web:\n    image: x\n    imagee: y\n', /services\.web: additional property "imagee" is not allowed/, 4],
    ['an unknown top-level key', 'servics:\n  web: {}\n', /additional property "servics" is not allowed/, 1],
    ['a wrong type', 'services:\n  web:\n    image: x\n    privileged: "maybe"\n', /invalid boolean: maybe/, 4],
    ['a list where a mapping is required', 'services:\n  web:\n    image: x\n    deploy: [1]\n', /services\.web\.deploy must be object/, 4],
    ['an invalid restart policy value type', 'services:\n  web:\n    image: x\n    restart: [always]\n', /services\.web\.restart must be string/, 4],
    ['an invalid service name', 'services:\n  "we b":\n    image: x\n', /additional property "we b" is not allowed/, 2],
    ['a service without image or build', 'services:\n  web:\n    user: x\n', /neither an image nor a build context/, 2],
    ['an undefined volume', 'services:\n  web:\n    image: x\n    volumes: [data:/d]\n', /refers to undefined volume data/, 4],
    ['an undefined network', 'services:\n  web:\n    image: x\n    networks: [back]\n', /refers to undefined network back/, 4],
    ['an undefined secret', 'services:\n  web:\n    image: x\n    secrets: [s]\n', /refers to undefined secret s/, 4],
    ['depends_on an undefined service', 'services:\n  web:\n    image: x\n    depends_on: [db]\n', /depends on undefined service "db"/, 4],
    ['a duplicate key', 'services:\n  web:\n    image: x\n    image: y\n', /mapping key "image" already defined at line 3/, 4],
    ['an unknown tag', 'services:\n  web:\n    image: !merge x\n', /unknown tag !merge/, 3],
    ['a file that is not a mapping', '- a\n', /must be a mapping/, 1],
    ['network_mode with networks (validate.go)', 'services:\n  web:\n    image: x\n    network_mode: host\n    networks: [default]\n', /mutually exclusive `network_mode` and `networks`/, 4],
    ['network_mode of an unknown service', 'services:\n  web:\n    image: x\n    network_mode: "service:vpn"\n', /service "vpn" not found for network_mode 'service:vpn'/, 4],
    ['dockerfile and dockerfile_inline', 'services:\n  web:\n    build:\n      context: .\n      dockerfile: D\n      dockerfile_inline: FROM x\n', /mutually exclusive dockerfile and dockerfile_inline/, 3],
    ['a healthcheck test without CMD, CMD-SHELL or NONE', 'services:\n  web:\n    image: x\n    healthcheck:\n      test: ["curl", "x"]\n', /healthcheck\.test must start either by "CMD", "CMD-SHELL" or "NONE"/, 5],
    ['scale and deploy.replicas that disagree', 'services:\n  web:\n    image: x\n    scale: 2\n    deploy: {replicas: 3}\n', /distinct values on 'scale' and 'deploy\.replicas'/, 4],
    ['mem_limit and deploy limits that disagree', 'services:\n  web:\n    image: x\n    mem_limit: 1g\n    deploy: {resources: {limits: {memory: 2g}}}\n', /distinct values on 'mem_limit' and 'deploy\.resources\.limits\.memory'/, 4],
    ['container_name with several replicas', 'services:\n  web:\n    image: x\n    container_name: web\n    deploy: {replicas: 2}\n', /can't set container_name and deploy\.replicas/, 4],
    ['a depends_on cycle (graph.CheckCycle)', 'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n    depends_on: [a]\n', /dependency cycle detected: a -> b -> c -> a/, 10],
    ['a secret with neither file nor environment', 'services:\n  web:\n    image: x\nsecrets:\n  s:\n    name: x\n', /secret "s" must declare either `file` or `environment`/, 5],
    ['a tmpfs and a volume on one target', 'services:\n  web:\n    image: x\n    tmpfs: [/data]\n    volumes:\n      - ./a:/data\n', /services\.web\.volumes\[0\]: target \/data already mounted as services\.web\.tmpfs\[0\]/, 6],
  ];
  it.each(cases)('refuses %s with file and line', (_t, text, message, line) => {
    const err = errorOf(() => load({ 'compose.yaml': text }));
    expect(err.message).toMatch(message);
    expect([err.file, err.line]).toEqual(['compose.yaml', line]);
  });
  it('the obsolete version attribute is dropped with a warning', () => {
    const r = load({ 'compose.yaml': `version: "3.8"\n${web}` });
    expect(r.model.version).toBeUndefined();
    expect(r.warnings.join('\n')).toMatch(/`version` is obsolete/);
  });
});

describe('confinement: files the project names stay inside the project directory', () => {
  it('env_file with ../ is refused', () => {
    const err = errorOf(() => load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    env_file: ../outside.env\n', '../outside.env': 'A=1\n' }));
    expect(err.message).toMatch(/outside the project directory/);
    expect([err.file, err.line]).toEqual(['compose.yaml', 4]);
  });
  it('extends with ../ is refused', () => {
    const err = errorOf(() => load({ 'compose.yaml': 'services:\n  web:\n    extends: {file: ../x.yml, service: a}\n', '../x.yml': 'services:\n  a: {image: x}\n' }));
    expect(err.message).toMatch(/outside the project directory/);
  });
  it('include with an absolute path outside is refused', () => {
    const err = errorOf(() => load({ 'compose.yaml': 'include: [/etc/hostname]\nservices:\n  web: {image: x}\n' }));
    expect(err.message).toMatch(/outside the project directory|not found/);
  });
  it('a symlink pointing outside is refused', () => {
    const dir = writeProject({ 'compose.yaml': 'services:\n  web:\n    image: x\n    env_file: link.env\n', '../secret.env': 'A=1\n' });
    symlinkSync(join(dir, '../secret.env'), join(dir, 'link.env'));
    expect(() => loadCompose({ cwd: dir, env: {}, files: ['compose.yaml'] })).toThrow(/outside the project directory/);
  });
  it('a -f file outside the project directory is the user\'s choice and allowed', () => {
    const dir = writeProject({ 'compose.yaml': web, '../shared.yml': 'services:\n  web:\n    user: u\n' });
    const p = loadCompose({ cwd: dir, env: {}, files: ['compose.yaml', '../shared.yml'] });
    expect(get(p.model, 'services.web.user')).toBe('u');
  });
});
