/**
 * Merging a base file with overrides. Each case cites the Compose Specification's "Merge and
 * override" section (13-merge.md) or, where docker compose v2 goes its own way, compose-go's
 * override package (merge.go, uncity.go), which is what docker compose runs.
 */
import { describe, expect, it } from 'vitest';
import { entryOrigin, fieldOrigin } from '../../src/core/provenance.js';
import type { ComposeOptions } from '../../src/compose/index.js';
import { errorOf, get, load } from './helpers.js';

type Case = [title: string, base: string, override: string, path: string, expected: unknown, options?: ComposeOptions];

const svc = (body: string): string => `services:\n  web:\n    image: nginx\n${body.replace(/^/gm, '    ')}\n`;

const cases: Case[] = [
  // Mappings
  ['13-merge "Mapping": keys missing from the base are added', svc('restart: always'), svc('user: app'), 'services.web', { image: 'nginx', restart: 'always', user: 'app', networks: { default: null } }],
  ['13-merge "Mapping": conflicting scalars take the override', svc('restart: always'), svc('restart: "no"'), 'services.web.restart', 'no'],
  ['13-merge "Mapping": nested mappings merge recursively (deploy.resources)', svc('deploy:\n  resources:\n    limits:\n      cpus: "1"'), svc('deploy:\n  resources:\n    limits:\n      memory: 1g'), 'services.web.deploy.resources.limits', { cpus: 1, memory: '1073741824' }],
  ['13-merge "Mapping": healthcheck fields merge, test replaced', svc('healthcheck:\n  test: ["CMD", "a"]\n  interval: 10s'), svc('healthcheck:\n  test: ["CMD", "b"]\n  retries: 3'), 'services.web.healthcheck', { test: ['CMD', 'b'], interval: '10s', retries: 3 }],
  ['13-merge: a new service in the override is added', svc(''), 'services:\n  db:\n    image: postgres\n', 'services.db.image', 'postgres'],
  ['compose-go: a null override keeps the base value (only !reset removes)', svc('restart: always'), svc('restart: null'), 'services.web.restart', 'always'],
  ['13-merge "Mapping": x- extension fields merge', 'x-common:\n  a: 1\n' + svc(''), 'x-common:\n  b: 2\n', 'x-common', { a: 1, b: 2 }],
  ['13-merge "Mapping": top-level volumes merge by name', svc('volumes: ["data:/d"]') + 'volumes:\n  data:\n    driver: local\n', 'volumes:\n  data:\n    labels: {a: b}\n', 'volumes.data', { name: 'app_data', driver: 'local', labels: { a: 'b' } }],
  ['13-merge "Mapping": deploy.labels merge by key', svc('deploy:\n  labels: [a=1, b=2]'), svc('deploy:\n  labels:\n    b: "3"'), 'services.web.deploy.labels', { a: '1', b: '3' }],
  // Sequences
  ['13-merge "Sequence": other sequences are appended (security_opt, no de-duplication)', svc('security_opt: [a]'), svc('security_opt: [b]'), 'services.web.security_opt', ['a', 'b']],
  ['compose-go: cap_add is unique by value', svc('cap_add: [NET_ADMIN]'), svc('cap_add: [NET_ADMIN, SYS_TIME]'), 'services.web.cap_add', ['NET_ADMIN', 'SYS_TIME']],
  ['compose-go: cap_drop is unique by value', svc('cap_drop: [ALL]'), svc('cap_drop: [ALL]'), 'services.web.cap_drop', ['ALL']],
  ['compose-go: dns string and list are appended and unique', svc('dns: 8.8.8.8'), svc('dns: [1.1.1.1, 8.8.8.8]'), 'services.web.dns', ['8.8.8.8', '1.1.1.1']],
  ['compose-go: dns_search string becomes a list', svc('dns_search: example.com'), svc('dns_search: other.com'), 'services.web.dns_search', ['example.com', 'other.com']],
  ['compose-go: tmpfs string and list, unique', svc('tmpfs: /run'), svc('tmpfs: [/tmp, /run]'), 'services.web.tmpfs', ['/run', '/tmp']],
  ['compose-go: profiles are appended and unique', svc('profiles: [a]'), svc('profiles: [a, b]'), 'services.web.profiles', ['a', 'b'], { profiles: ['a'] }],
  ['compose-go: expose is unique by value (number and string equal)', svc('expose: [3000]'), svc('expose: ["3000", 4000]'), 'services.web.expose', ['3000', '4000']],
  ['compose-go: links are unique by value', svc('links: [db]'), svc('links: [db, cache]') + '  db: {image: x}\n  cache: {image: y}\n', 'services.web.links', ['db', 'cache']],
  ['compose-go: group_add is appended without de-duplication', svc('group_add: [a]'), svc('group_add: [b]'), 'services.web.group_add', ['a', 'b']],
  ['compose-go: external_links are appended', svc('external_links: [x]'), svc('external_links: [y]'), 'services.web.external_links', ['x', 'y']],
  ['compose-go: volumes_from are appended', svc('volumes_from: [a]') + '  a: {image: x}\n  b: {image: y}\n', svc('volumes_from: [b]'), 'services.web.volumes_from', ['a', 'b']],
  ['13-merge "Sequence": top-level x- lists are appended', 'x-list: [1]\n' + svc(''), 'x-list: [2]\n', 'x-list', [1, 2]],
  // Replaced
  ['13-merge "Exceptions/Shell commands": command is replaced', svc('command: ["a", "b"]'), svc('command: ["c"]'), 'services.web.command', ['c']],
  ['13-merge "Exceptions/Shell commands": entrypoint is replaced', svc('entrypoint: ["a"]'), svc('entrypoint: "b c"'), 'services.web.entrypoint', ['b', 'c']],
  ['13-merge "Exceptions/Shell commands": healthcheck.test is replaced', svc('healthcheck:\n  test: ["CMD", "a"]'), svc('healthcheck:\n  test: "b"'), 'services.web.healthcheck.test', ['CMD-SHELL', 'b']],
  ['compose-go: command [] in an override gives an empty command', svc('command: ["a"]'), svc('command: []'), 'services.web.command', []],
  ['compose-go: ulimits entries are replaced, not merged', svc('ulimits:\n  nofile: {soft: 1, hard: 2}'), svc('ulimits:\n  nofile: 5'), 'services.web.ulimits.nofile', 5],
  ['compose-go: logging with another driver replaces the whole logging', svc('logging:\n  driver: json-file\n  options: {max-size: 1m}'), svc('logging:\n  driver: syslog'), 'services.web.logging', { driver: 'syslog' }],
  ['compose-go: logging with the same driver merges options', svc('logging:\n  driver: json-file\n  options: {max-size: 1m}'), svc('logging:\n  options: {max-file: "3"}'), 'services.web.logging', { driver: 'json-file', options: { 'max-size': '1m', 'max-file': '3' } }],
  // Unique resources
  ['13-merge "Unique resources": ports with the same published port and target collapse', svc('ports: ["8080:80"]'), svc('ports: ["8080:80"]'), 'services.web.ports', [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }]],
  ['13-merge "Unique resources": ports with another published port are both kept', svc('ports: ["8080:80"]'), svc('ports: ["8081:80"]'), 'services.web.ports', [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }, { mode: 'ingress', target: 80, published: '8081', protocol: 'tcp' }]],
  ['13-merge "Unique resources": short and long port syntax of the same port collapse', svc('ports: ["8080:80"]'), svc('ports:\n  - target: 80\n    published: 8080'), 'services.web.ports', [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }]],
  ['13-merge "Unique resources": udp and tcp of the same port are distinct', svc('ports: ["53:53"]'), svc('ports: ["53:53/udp"]'), 'services.web.ports.length', 2],
  ['13-merge "Unique resources": volumes are unique by target (override wins)', svc('volumes: ["foo:/work"]') + 'volumes: {foo: {}, bar: {}}\n', svc('volumes: ["bar:/work"]'), 'services.web.volumes', [{ type: 'volume', source: 'bar', target: '/work', volume: {} }]],
  ['compose-go: a replaced volume loses fields of the earlier entry (read_only)', svc('volumes:\n  - type: volume\n    source: data\n    target: /d\n    read_only: true') + 'volumes: {data: {}}\n', svc('volumes: ["data:/d"]'), 'services.web.volumes.0', { type: 'volume', source: 'data', target: '/d', volume: {} }],
  ['13-merge "Unique resources": volumes with other targets are appended', svc('volumes: ["a:/a"]') + 'volumes: {a: {}, b: {}}\n', svc('volumes: ["b:/b"]'), 'services.web.volumes.length', 2],
  ['13-merge "Unique resources": secrets unique by target', svc('secrets: [s1]') + 'secrets: {s1: {file: ./a}, s2: {file: ./b}}\n', svc('secrets:\n  - source: s2\n    target: s1'), 'services.web.secrets', [{ source: 's1', target: '/run/secrets/s1' }, { source: 's2', target: 's1' }]],
  ['13-merge "Unique resources": the same secret twice collapses', svc('secrets: [s1]') + 'secrets: {s1: {file: ./a}}\n', svc('secrets: [s1]'), 'services.web.secrets', [{ source: 's1', target: '/run/secrets/s1' }]],
  ['13-merge "Unique resources": configs unique by target', svc('configs: [c1]') + 'configs: {c1: {file: ./a}}\n', svc('configs:\n  - source: c1\n    target: /c1'), 'services.web.configs', [{ source: 'c1', target: '/c1' }]],
  ['compose-go: devices unique by container path', svc('devices: ["/dev/a:/dev/x"]'), svc('devices: ["/dev/b:/dev/x:r"]'), 'services.web.devices', [{ source: '/dev/b', target: '/dev/x', permissions: 'r' }]],
  // Maps written as lists
  ['13-merge "Exceptions": environment list and map merge by key', svc('environment: [A=1, B=2]'), svc('environment:\n  B: "3"\n  C: "4"'), 'services.web.environment', { A: '1', B: '3', C: '4' }],
  ['13-merge "Exceptions": environment map over list', svc('environment:\n  A: "1"'), svc('environment: [A=2]'), 'services.web.environment', { A: '2' }],
  ['compose-go: environment KEY: null in an override unsets the base value', svc('environment: [FOO=bar]'), svc('environment:\n  FOO:'), 'services.web.environment', { FOO: null }],
  ['13-merge "Exceptions": labels merge by key', svc('labels: [a=1]'), svc('labels:\n  b: "2"'), 'services.web.labels', { a: '1', b: '2' }],
  ['13-merge "Exceptions": labels override value', svc('labels: {a: "1"}'), svc('labels: [a=2]'), 'services.web.labels', { a: '2' }],
  ['compose-go: annotations merge by key', svc('annotations: {a: "1"}'), svc('annotations: [b=2]'), 'services.web.annotations', { a: '1', b: '2' }],
  ['compose-go: sysctls merge by key', svc('sysctls: [net.core.somaxconn=1024]'), svc('sysctls:\n  net.core.somaxconn: 2048'), 'services.web.sysctls', { 'net.core.somaxconn': '2048' }],
  ['13-merge "Exceptions": extra_hosts merge, override entries already present dropped', svc('extra_hosts: ["a:1.1.1.1"]'), svc('extra_hosts:\n  a: 1.1.1.1\n  b: 2.2.2.2'), 'services.web.extra_hosts', ['a=1.1.1.1', 'b=2.2.2.2']],
  ['compose-go: extra_hosts keeps two addresses of one host', svc('extra_hosts: ["a=1.1.1.1"]'), svc('extra_hosts: ["a=2.2.2.2"]'), 'services.web.extra_hosts', ['a=1.1.1.1', 'a=2.2.2.2']],
  ['compose-go: build args merge by key', 'services:\n  web:\n    build:\n      context: .\n      args: [A=1]\n', 'services:\n  web:\n    build:\n      args: {B: "2"}\n', 'services.web.build.args', { A: '1', B: '2' }],
  ['compose-go: build string in the base merges with a build mapping', 'services:\n  web:\n    build: ./app\n', 'services:\n  web:\n    build:\n      target: prod\n', 'services.web.build.target', 'prod'],
  ['compose-go: depends_on list and map merge by service', svc('depends_on: [db]') + '  db: {image: x}\n  cache: {image: y}\n', svc('depends_on:\n  cache:\n    condition: service_healthy'), 'services.web.depends_on', { db: { condition: 'service_started', required: true }, cache: { condition: 'service_healthy', required: true } }],
  ['compose-go: service networks list and map merge; a null override keeps the base config', svc('networks:\n  front:\n    aliases: [w]') + 'networks: {front: {}, back: {}}\n', svc('networks: [front, back]'), 'services.web.networks', { front: { aliases: ['w'] }, back: null }],
  ['compose-go: network aliases are unique', svc('networks:\n  front:\n    aliases: [a]') + 'networks: {front: {}}\n', svc('networks:\n  front:\n    aliases: [a, b]'), 'services.web.networks.front.aliases', ['a', 'b']],
  ['compose-go: ipam pools merge by subnet', svc('networks: [n]') + 'networks:\n  n:\n    ipam:\n      config:\n        - subnet: 10.0.0.0/24\n          gateway: 10.0.0.1\n', 'networks:\n  n:\n    ipam:\n      config:\n        - subnet: 10.0.0.0/24\n          gateway: 10.0.0.254\n        - subnet: 10.1.0.0/24\n', 'networks.n.ipam.config', [{ subnet: '10.0.0.0/24', gateway: '10.0.0.254' }, { subnet: '10.1.0.0/24' }]],
  // !reset and !override
  ['13-merge "Reset value": !reset removes ports', svc('ports: ["80:80"]'), svc('ports: !reset []'), 'services.web.ports', undefined],
  ['13-merge "Reset value": !reset null removes a scalar', svc('user: app'), svc('user: !reset null'), 'services.web.user', undefined],
  ['13-merge "Reset value": !reset with no value', svc('user: app'), svc('user: !reset'), 'services.web.user', undefined],
  ['13-merge "Reset value": !reset of one environment key', svc('environment:\n  FOO: bar\n  KEEP: "1"'), svc('environment:\n  FOO: !reset null'), 'services.web.environment', { KEEP: '1' }],
  ['13-merge "Reset value": !reset removes a whole service', svc('') + '  db: {image: x}\n', 'services:\n  db: !reset null\n', 'services.db', undefined],
  ['13-merge "Reset value": !reset of deploy.resources.limits', svc('deploy:\n  resources:\n    limits: {cpus: "1"}\n    reservations: {cpus: "0.5"}'), svc('deploy:\n  resources:\n    limits: !reset {}'), 'services.web.deploy.resources', { reservations: { cpus: 0.5 } }],
  ['13-merge "Replace value": !override replaces ports wholesale', svc('ports: ["8080:80", "9090:90"]'), svc('ports: !override ["8443:443"]'), 'services.web.ports', [{ mode: 'ingress', target: 443, published: '8443', protocol: 'tcp' }]],
  ['13-merge "Replace value": !override replaces environment wholesale', svc('environment: {A: "1", B: "2"}'), svc('environment: !override {C: "3"}'), 'services.web.environment', { C: '3' }],
  ['13-merge "Replace value": !override on a mapping does not merge (deploy)', svc('deploy:\n  replicas: 2\n  mode: replicated'), svc('deploy: !override\n  replicas: 3'), 'services.web.deploy', { replicas: 3 }],
];

describe('merge of base and override (docker compose v2 rules)', () => {
  it.each(cases)('%s', (_title, base, override, path, expected, options) => {
    const { model } = load({ 'compose.yaml': base, 'compose.override.yaml': override }, options);
    expect(get(model, path)).toEqual(expected);
  });

  it('13-merge "Reset value": a reset in file 2 and new ports in file 3 leave only file 3\'s ports', () => {
    const { model } = load({ 'a.yml': svc('ports: ["1:1"]'), 'b.yml': svc('ports: !reset []'), 'c.yml': svc('ports: ["3:3"]') });
    expect(get(model, 'services.web.ports')).toEqual([{ mode: 'ingress', target: 3, published: '3', protocol: 'tcp' }]);
  });

  it('-f order: three files merge left to right', () => {
    const { model } = load({ 'a.yml': svc('restart: always'), 'b.yml': svc('restart: "no"'), 'c.yml': svc('restart: on-failure') });
    expect(get(model, 'services.web.restart')).toBe('on-failure');
  });

  it('appended lists without de-duplication that repeat an item fail the schema of the merged model (uniqueItems)', () => {
    const err = errorOf(() => load({ 'a.yml': svc('security_opt: [a]'), 'b.yml': svc('security_opt:\n  - b\n  - a') }));
    expect(err.message).toMatch(/security_opt must NOT have duplicate items/);
    expect([err.file, err.line]).toEqual(['b.yml', 6]);
  });

  it('refuses a mapping replaced by a list (compose-go "cannot override")', () => {
    const err = errorOf(() => load({ 'a.yml': svc('deploy:\n  labels: {a: b}\nx-thing: {a: 1}'), 'b.yml': svc('x-thing: [1]') }));
    expect(err.message).toMatch(/cannot override services\.web\.x-thing/);
    expect(err.file).toBe('b.yml');
  });

  describe('provenance: every merged value remembers the file and line that set it', () => {
    const base = 'services:\n  web:\n    image: nginx\n    restart: always\n    environment:\n      A: "1"\n      B: "2"\n    ports:\n      - "80:80"\n';
    const prod = 'services:\n  web:\n    environment:\n      B: "3"\n    ports:\n      - "443:443"\n';
    const { project } = load({ 'base.yml': base, 'prod.yml': prod });
    const m = project.model;
    it.each([
      [['services', 'web', 'image'], 'base.yml', 3],
      [['services', 'web', 'restart'], 'base.yml', 4],
      [['services', 'web', 'environment', 'A'], 'base.yml', 6],
      [['services', 'web', 'environment', 'B'], 'prod.yml', 4],
      [['services', 'web', 'ports', 0], 'base.yml', 9],
      [['services', 'web', 'ports', 1], 'prod.yml', 6],
      [['services', 'web', 'ports', 1, 'published'], 'prod.yml', 6],
    ] as [(string | number)[], string, number][])('%j → %s:%i', (path, file, line) => {
      const { location } = fieldOrigin(m, path);
      expect(location && { file: location.file, line: location.line }).toEqual({ file, line });
    });
    it('the service keeps the line of its first definition', () => {
      expect(entryOrigin(m.services as object, 'web')).toMatchObject({ file: 'base.yml', line: 2 });
    });
  });
});
