/**
 * Short → long syntax and value formats as `docker compose config` prints them. Cases cite the
 * Compose Specification's "Services top-level elements" (05-services.md: ports, volumes,
 * depends_on, secrets, configs, build) and docker compose's canonical form (compose-go
 * transform/ and format/).
 */
import { describe, expect, it } from 'vitest';
import { formatDuration, parseBytes, parseDuration } from '../../src/compose/units.js';
import { parsePortSpec, parseVolumeSpec, shellWords } from '../../src/compose/normalise.js';
import { get, load } from './helpers.js';

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('ports (05-services "ports": short syntax [HOST:]CONTAINER[/PROTOCOL])', () => {
  const cases: [string, string, unknown][] = [
    ['container port only: no published port', '3000', [{ mode: 'ingress', target: 3000, protocol: 'tcp' }]],
    ['HOST:CONTAINER', '8000:8000', [{ mode: 'ingress', target: 8000, published: '8000', protocol: 'tcp' }]],
    ['a range maps port by port', '9090-9091:8080-8081', [
      { mode: 'ingress', target: 8080, published: '9090', protocol: 'tcp' },
      { mode: 'ingress', target: 8081, published: '9091', protocol: 'tcp' },
    ]],
    ['a container range without host ports', '3000-3001', [
      { mode: 'ingress', target: 3000, protocol: 'tcp' },
      { mode: 'ingress', target: 3001, protocol: 'tcp' },
    ]],
    ['a host range for one container port', '8000-8005:80', [{ mode: 'ingress', target: 80, published: '8000-8005', protocol: 'tcp' }]],
    ['IP:HOST:CONTAINER', '127.0.0.1:8001:8001', [{ mode: 'ingress', host_ip: '127.0.0.1', target: 8001, published: '8001', protocol: 'tcp' }]],
    ['IP::CONTAINER (random host port)', '127.0.0.1::5000', [{ mode: 'ingress', host_ip: '127.0.0.1', target: 5000, protocol: 'tcp' }]],
    ['/udp protocol', '6060:6060/udp', [{ mode: 'ingress', target: 6060, published: '6060', protocol: 'udp' }]],
    ['IPv6 in brackets', '[::1]:6001:6001', [{ mode: 'ingress', host_ip: '::1', target: 6001, published: '6001', protocol: 'tcp' }]],
  ];
  it.each(cases)('%s: %s', (_t, spec, expected) => {
    expect(plain(parsePortSpec(spec))).toEqual(expected);
  });
  it('refuses a port that is not a number, at its line', () => {
    expect(() => load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    ports:\n      - "80:http"\n' })).toThrow(/invalid container port "http"/);
  });
  it('long syntax gets mode ingress and protocol tcp; published becomes a string', () => {
    const { model } = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    ports:\n      - target: 80\n        published: 8080\n        host_ip: 127.0.0.1\n' });
    expect(get(model, 'services.web.ports')).toEqual([{ mode: 'ingress', host_ip: '127.0.0.1', target: 80, published: '8080', protocol: 'tcp' }]);
  });
  it('a number is a container port', () => {
    const { model } = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    ports: [80]\n' });
    expect(get(model, 'services.web.ports')).toEqual([{ mode: 'ingress', target: 80, protocol: 'tcp' }]);
  });
});

describe('volumes (05-services "volumes": short syntax VOLUME:CONTAINER_PATH:ACCESS_MODE)', () => {
  const cases: [string, string, unknown][] = [
    ['a named volume', 'data:/var/lib/data', { type: 'volume', source: 'data', target: '/var/lib/data', volume: {} }],
    ['an anonymous volume', '/var/lib/data', { type: 'volume', target: '/var/lib/data', volume: {} }],
    ['a relative bind mount', './src:/app', { type: 'bind', source: './src', target: '/app', bind: {} }],
    ['an absolute bind mount, read-only', '/etc/conf:/conf:ro', { type: 'bind', source: '/etc/conf', target: '/conf', read_only: true, bind: {} }],
    ['a home-relative bind mount', '~/configs:/etc/configs:ro', { type: 'bind', source: '~/configs', target: '/etc/configs', read_only: true, bind: {} }],
    ['rw is the default', 'data:/d:rw', { type: 'volume', source: 'data', target: '/d', volume: {} }],
    ['nocopy', 'data:/d:nocopy', { type: 'volume', source: 'data', target: '/d', volume: { nocopy: true } }],
    ['SELinux z', './a:/a:z', { type: 'bind', source: './a', target: '/a', bind: { selinux: 'z' } }],
    ['the container path is cleaned (compose-go path.Clean)', 'data:/var//lib/./data/', { type: 'volume', source: 'data', target: '/var/lib/data', volume: {} }],
    ['propagation', './a:/a:ro,rshared', { type: 'bind', source: './a', target: '/a', read_only: true, bind: { propagation: 'rshared' } }],
  ];
  it.each(cases)('%s: %s', (_t, spec, expected) => {
    expect(plain(parseVolumeSpec(spec))).toEqual(expected);
  });
  it('refuses too many colons', () => {
    expect(parseVolumeSpec('vol:/b:ro:x')).toMatch(/too many colons/);
  });
  it('relative bind sources become absolute against the project directory', () => {
    const { model, dir } = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    volumes: ["./src:/app", "../shared:/shared"]\n' });
    expect(get(model, 'services.web.volumes.0.source')).toBe(`${dir}/src`);
    expect(get(model, 'services.web.volumes.1.source')).toBe(`${dir.slice(0, dir.lastIndexOf('/'))}/shared`);
  });
  it('~ expands to HOME', () => {
    const { model } = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    volumes: ["~/c:/c"]\n' }, { env: { HOME: '/home/me' } });
    expect(get(model, 'services.web.volumes.0.source')).toBe('/home/me/c');
  });
  it('long syntax tmpfs size becomes bytes', () => {
    const { model } = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    volumes:\n      - type: tmpfs\n        target: /t\n        tmpfs:\n          size: 64m\n' });
    expect(get(model, 'services.web.volumes.0.tmpfs.size')).toBe('67108864');
  });
});

describe('other short syntaxes', () => {
  const svc = (body: string): Record<string, string> => ({ 'compose.yaml': `services:\n  web:\n    image: x\n${body.replace(/^/gm, '    ')}\n  db:\n    image: y\nsecrets:\n  s: {file: ./s.txt}\nconfigs:\n  c: {file: ./c.txt}\n` });
  const cases: [string, string, string, unknown][] = [
    ['05-services "depends_on" short syntax: condition service_started, required', 'depends_on: [db]', 'services.web.depends_on', { db: { condition: 'service_started', required: true } }],
    ['05-services "depends_on" long syntax keeps the condition, required defaults to true', 'depends_on:\n  db:\n    condition: service_healthy', 'services.web.depends_on', { db: { condition: 'service_healthy', required: true } }],
    ['05-services "secrets" short syntax: target /run/secrets/<source>', 'secrets: [s]', 'services.web.secrets', [{ source: 's', target: '/run/secrets/s' }]],
    ['05-services "configs" short syntax: source only', 'configs: [c]', 'services.web.configs', [{ source: 'c' }]],
    ['05-services "configs" long syntax: mode printed in octal', 'configs:\n  - source: c\n    target: /etc/c\n    mode: 0440', 'services.web.configs', [{ source: 'c', target: '/etc/c', mode: '0440' }]],
    ['05-services "environment" list → map', 'environment: [A=1, "B=x=y", C=]', 'services.web.environment', { A: '1', B: 'x=y', C: '' }],
    ['05-services "environment" numbers and booleans become strings', 'environment:\n  N: 1\n  T: true', 'services.web.environment', { N: '1', T: 'true' }],
    ['05-services "environment" a key without value and not set stays null', 'environment: [UNSET_VAR]', 'services.web.environment', { UNSET_VAR: null }],
    ['05-services "labels" list → map, a bare label is empty', 'labels: [a=1, b]', 'services.web.labels', { a: '1', b: '' }],
    ['05-services "command" string → words (shell quoting)', 'command: bundle exec thin -p "3 000"', 'services.web.command', ['bundle', 'exec', 'thin', '-p', '3 000']],
    ['05-services "entrypoint" string → words', "entrypoint: /code/entrypoint.sh -c 'a b'", 'services.web.entrypoint', ['/code/entrypoint.sh', '-c', 'a b']],
    ['05-services "healthcheck" test string → CMD-SHELL', 'healthcheck:\n  test: curl -f http://localhost', 'services.web.healthcheck.test', ['CMD-SHELL', 'curl -f http://localhost']],
    ['05-services "networks" list → map of null', 'networks: [default]', 'services.web.networks', { default: null }],
    ['a service without networks joins the default network', '', 'services.web.networks', { default: null }],
    ['05-services "extra_hosts" host:ip → host=ip', 'extra_hosts: ["somehost:162.242.195.82"]', 'services.web.extra_hosts', ['somehost=162.242.195.82']],
    ['05-services "extra_hosts" IPv6 brackets removed', 'extra_hosts: ["myhostv6=[::1]"]', 'services.web.extra_hosts', ['myhostv6=::1']],
    ['05-services "extra_hosts" map syntax', 'extra_hosts:\n  a: 1.2.3.4', 'services.web.extra_hosts', ['a=1.2.3.4']],
    ['05-services "devices" short syntax', 'devices: ["/dev/ttyUSB0:/dev/ttyUSB0"]', 'services.web.devices', [{ source: '/dev/ttyUSB0', target: '/dev/ttyUSB0', permissions: 'rwm' }]],
    ['05-services "dns" string → list', 'dns: 8.8.8.8', 'services.web.dns', ['8.8.8.8']],
    ['05-services "stop_grace_period" 90s → 1m30s', 'stop_grace_period: 90s', 'services.web.stop_grace_period', '1m30s'],
    ['05-services "healthcheck" durations printed as Go durations', 'healthcheck:\n  test: ["CMD", "true"]\n  interval: 1m\n  timeout: 500ms\n  start_period: 1h30m', 'services.web.healthcheck', { test: ['CMD', 'true'], interval: '1m0s', timeout: '500ms', start_period: '1h30m0s' }],
    ['05-services "mem_limit" byte size → bytes', 'mem_limit: 1gb', 'services.web.mem_limit', '1073741824'],
    ['05-services "shm_size" byte size → bytes', 'shm_size: 64M', 'services.web.shm_size', '67108864'],
    ['deploy.resources.limits.memory → bytes, cpus → number', 'deploy:\n  resources:\n    limits:\n      memory: 50M\n      cpus: "0.50"', 'services.web.deploy.resources.limits', { cpus: 0.5, memory: '52428800' }],
    ['deploy.restart_policy durations', 'deploy:\n  restart_policy:\n    condition: on-failure\n    delay: 5s\n    window: 120s', 'services.web.deploy.restart_policy', { condition: 'on-failure', delay: '5s', window: '2m0s' }],
    ['pull_policy if_not_present → missing', 'pull_policy: if_not_present', 'services.web.pull_policy', 'missing'],
    ['expose numbers → strings', 'expose: [3000, "8000"]', 'services.web.expose', ['3000', '8000']],
    ['env_file is read into environment and dropped', 'env_file: web.env', 'services.web.env_file', undefined],
  ];
  it.each(cases)('%s', (_t, body, path, expected) => {
    const files = svc(body);
    files['web.env'] = 'FROM_FILE=1\n';
    const { model } = load(files);
    expect(get(model, path)).toEqual(expected);
  });

  it('05-services "build": a string is the context, made absolute, with dockerfile Dockerfile', () => {
    const { model, dir } = load({ 'compose.yaml': 'services:\n  web:\n    build: ./app\n' });
    expect(get(model, 'services.web.build')).toEqual({ context: `${dir}/app`, dockerfile: 'Dockerfile' });
  });
  it('05-services "build": a remote context is kept as written', () => {
    const { model } = load({ 'compose.yaml': 'services:\n  web:\n    build:\n      context: https://github.com/mycompany/example.git#branch\n' });
    expect(get(model, 'services.web.build.context')).toBe('https://github.com/mycompany/example.git#branch');
  });
  it('05-services "build": dockerfile_inline leaves dockerfile unset; args list → map', () => {
    const { model, dir } = load({ 'compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: FROM x\n      args: [A=1]\n' });
    expect(get(model, 'services.web.build')).toEqual({ context: dir, dockerfile_inline: 'FROM x', args: { A: '1' } });
  });
  it('top-level resources are named <project>_<key>; external ones keep their key', () => {
    const { model } = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    volumes: [data:/a, ext:/b]\nvolumes:\n  data: {}\n  ext:\n    external: true\n' });
    expect(get(model, 'volumes')).toEqual({ data: { name: 'app_data' }, ext: { name: 'ext', external: true } });
  });
  it('the deprecated external: {name} becomes name and external: true', () => {
    const { model } = load({ 'compose.yaml': 'services:\n  web:\n    image: x\n    networks: [n]\nnetworks:\n  n:\n    external:\n      name: shared\n' });
    expect(get(model, 'networks.n')).toEqual({ name: 'shared', external: true });
  });
  it('unused top-level resources are dropped (docker compose config without --all-resources)', () => {
    const files = { 'compose.yaml': 'services:\n  web:\n    image: x\nvolumes:\n  unused: {}\n' };
    expect(get(load(files).model, 'volumes')).toBeUndefined();
    expect(get(load(files, { allResources: true }).model, 'volumes')).toEqual({ unused: { name: 'app_unused' } });
  });
});

describe('durations and byte sizes', () => {
  it.each([
    ['90s', '1m30s'],
    ['1m', '1m0s'],
    ['1h', '1h0m0s'],
    ['1h30m', '1h30m0s'],
    ['500ms', '500ms'],
    ['1.5s', '1.5s'],
    ['100us', '100µs'],
    ['10ns', '10ns'],
    ['0', '0s'],
    ['2m3s', '2m3s'],
  ])('duration %s → %s', (input, printed) => {
    expect(formatDuration(parseDuration(input)!)).toBe(printed);
  });
  it('refuses a duration without unit', () => {
    expect(parseDuration('10')).toBeUndefined();
    expect(parseDuration('1x')).toBeUndefined();
  });
  it.each([
    ['1024', 1024],
    ['1k', 1024],
    ['512m', 536870912],
    ['1g', 1073741824],
    ['1gb', 1073741824],
    ['1GiB', 1073741824],
    ['1.5g', 1610612736],
    ['100', 100],
  ] as [string, number][])('size %s → %i bytes', (input, bytes) => {
    expect(parseBytes(input)).toBe(bytes);
  });
  it('refuses a size with an unknown unit', () => {
    expect(parseBytes('1x')).toBeUndefined();
  });
  it('shell words as go-shellwords splits them', () => {
    expect(shellWords(`sh -c "echo \\"hi\\" && exit 1"`)).toEqual(['sh', '-c', 'echo "hi" && exit 1']);
    expect(shellWords(`a\\ b 'c d' ""`)).toEqual(['a b', 'c d', '']);
  });
});
