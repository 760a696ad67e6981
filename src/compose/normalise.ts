/**
 * Short → long syntax, as docker compose's canonical form: every file is brought to this shape
 * before it is merged, so the merge rules see one shape per field, and the printed model has
 * the shape `docker compose config` prints. Each value built here keeps the file and line of
 * the short-syntax entry it came from.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import {
  entryOrigin,
  isMap,
  newMap,
  selfOrigin,
  setEntryOrigin,
  setSelfOrigin,
  stampOrigins,
  type Value,
  type ValueMap,
} from '../core/provenance.js';
import { formatDuration, parseBytes, parseDuration } from './units.js';

function where(container: object, key: string | number): Location | undefined {
  return entryOrigin(container, key) ?? selfOrigin(container);
}

function fail(container: object, key: string | number, message: string): never {
  const loc = where(container, key);
  throw new UserError(message, loc ? { location: { file: loc.file, line: loc.line } } : {});
}

/** A new mapping built from `entries`, every entry located at `loc`. */
function built(entries: [string, Value][], loc: Location | undefined): ValueMap {
  const m = newMap();
  for (const [k, v] of entries) m[k] = v;
  stampOrigins(m, loc);
  return m;
}

/** Replace `container[key]` by `value`, keeping the entry's location. */
function put(container: ValueMap, key: string, value: Value): void {
  const loc = entryOrigin(container, key);
  container[key] = value;
  if (loc) setEntryOrigin(container, key, loc);
}

export function scalarText(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * `KEY=VALUE` lists and mappings to a mapping of strings. A list item `KEY` has no value:
 * `bare` says what it becomes (environment: null, to be resolved; labels: "").
 */
export function toStringMap(value: Value, container: ValueMap, key: string, bare: null | ''): ValueMap {
  const out = newMap();
  setSelfOrigin(out, isMap(value) || Array.isArray(value) ? (selfOrigin(value) ?? where(container, key)) : where(container, key));
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item !== null && typeof item === 'object') fail(value, i, `${key} entries must be strings, found a ${Array.isArray(item) ? 'list' : 'mapping'}`);
      const text = scalarText(item);
      const eq = text.indexOf('=');
      const k = eq < 0 ? text : text.slice(0, eq);
      // A repeated key keeps its first position and takes the later value.
      out[k] = eq < 0 ? bare : text.slice(eq + 1);
      setEntryOrigin(out, k, where(value, i));
    });
  } else if (isMap(value)) {
    for (const k of Object.keys(value)) {
      const v = value[k]!;
      if (v !== null && typeof v === 'object') fail(value, k, `${key}.${k} must be a string, number or boolean`);
      out[k] = v === null ? bare : scalarText(v);
      setEntryOrigin(out, k, where(value, k));
    }
  } else if (value !== null) {
    fail(container, key, `${key} must be a mapping or a list of KEY=VALUE strings`);
  }
  return out;
}

/** Words of a command line as go-shellwords splits it (quotes and backslashes; no expansion). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else cur += c;
      continue;
    }
    if (c === '\\' && quote !== "'") {
      const n = line[i + 1];
      if (n !== undefined) {
        if (quote === '"' && !'"\\$`\n'.includes(n)) cur += c;
        cur += n;
        i++;
        inWord = true;
        continue;
      }
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    cur += c;
    inWord = true;
  }
  if (quote) throw new Error('invalid command line string (unterminated quote)');
  if (inWord) words.push(cur);
  return words;
}

// --- ports -------------------------------------------------------------------------------

function portRange(text: string): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return b < a ? undefined : [a, b];
}

/** `[ip:][published:]target[/protocol]` → one long entry per port of a range. */
export function parsePortSpec(spec: string): ValueMap[] | string {
  let rest = spec;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  let published: string | undefined;
  let target: string;
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(rest);
  let parts: string[];
  if (bracket) {
    hostIp = bracket[1];
    parts = bracket[2]!.split(':');
    if (parts.length !== 2) return `invalid port ${JSON.stringify(spec)}`;
    [published, target] = parts as [string, string];
  } else {
    parts = rest.split(':');
    if (parts.length === 1) target = parts[0]!;
    else if (parts.length === 2) [published, target] = parts as [string, string];
    else {
      target = parts.pop()!;
      published = parts.pop()!;
      hostIp = parts.join(':');
    }
  }
  const t = portRange(target);
  if (!t) return `invalid container port ${JSON.stringify(target)} in ${JSON.stringify(spec)}`;
  let p: [number, number] | undefined;
  if (published !== undefined && published !== '') {
    p = portRange(published);
    if (!p) return `invalid published port ${JSON.stringify(published)} in ${JSON.stringify(spec)}`;
  }
  const count = t[1] - t[0] + 1;
  const out: ValueMap[] = [];
  for (let i = 0; i < count; i++) {
    const entry = newMap();
    entry.mode = 'ingress';
    if (hostIp !== undefined && hostIp !== '') entry.host_ip = hostIp;
    entry.target = t[0] + i;
    if (p) {
      const pubCount = p[1] - p[0] + 1;
      // A host range for a single container port lets the engine pick one of them.
      entry.published = pubCount === count ? String(p[0] + i) : p[0] === p[1] ? String(p[0]) : `${p[0]}-${p[1]}`;
    }
    entry.protocol = protocol;
    out.push(entry);
  }
  return out;
}

function canonicalPorts(svc: ValueMap): void {
  const ports = svc.ports;
  if (!Array.isArray(ports)) return;
  const out: Value[] = [];
  setSelfOrigin(out, selfOrigin(ports) ?? where(svc, 'ports'));
  ports.forEach((item, i) => {
    const loc = where(ports, i);
    const add = (v: ValueMap): void => {
      out.push(v);
      setEntryOrigin(out, out.length - 1, loc);
    };
    if (typeof item === 'number' || typeof item === 'string') {
      const parsed = parsePortSpec(String(item));
      if (typeof parsed === 'string') fail(ports, i, parsed);
      for (const p of parsed) {
        stampOrigins(p, loc);
        add(p);
      }
    } else if (isMap(item)) {
      const long = newMap();
      setSelfOrigin(long, selfOrigin(item));
      const copy = (k: string, v: Value): void => {
        long[k] = v;
        setEntryOrigin(long, k, entryOrigin(item, k) ?? loc);
      };
      if (item.name !== undefined) copy('name', item.name);
      copy('mode', item.mode ?? 'ingress');
      if (item.host_ip !== undefined) copy('host_ip', item.host_ip);
      if (item.target !== undefined) copy('target', typeof item.target === 'string' && /^\d+$/.test(item.target) ? Number(item.target) : item.target);
      if (item.published !== undefined && item.published !== null) copy('published', scalarText(item.published));
      copy('protocol', item.protocol ?? 'tcp');
      for (const k of Object.keys(item)) if (!(k in long)) copy(k, item[k]!);
      add(long);
    } else {
      fail(ports, i, 'a port must be a number, a string or a mapping');
    }
  });
  put(svc, 'ports', out);
}

// --- volumes -----------------------------------------------------------------------------

function isFilePath(source: string): boolean {
  return source !== '' && ('./~'.includes(source[0]!) || source.startsWith('\\\\') || /^[A-Za-z]:/.test(source));
}

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);

/** `[source:]target[:options]` as compose-go's format.ParseVolume reads it. */
export function parseVolumeSpec(spec: string): ValueMap | string {
  const fields: string[] = [];
  let buf = '';
  let inVar = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    if (c === '{' && spec[i - 1] === '$') inVar++;
    if (c === '}' && inVar > 0) inVar--;
    const windowsDrive = c === ':' && buf.length === 1 && /[A-Za-z]/.test(buf);
    if (c === ':' && inVar === 0 && !windowsDrive) {
      if (buf === '') return `invalid spec: ${spec}: empty section between colons`;
      fields.push(buf);
      buf = '';
    } else buf += c;
  }
  if (buf === '') return `invalid spec: ${spec}: empty section between colons`;
  fields.push(buf);
  if (fields.length > 3) return `invalid spec: ${spec}: too many colons`;
  const v = newMap();
  let source = '';
  let target: string;
  let options: string | undefined;
  if (fields.length === 1) target = fields[0]!;
  else {
    source = fields[0]!;
    target = fields[1]!;
    options = fields[2];
  }
  const bind = isFilePath(source);
  v.type = bind ? 'bind' : 'volume';
  if (source !== '') v.source = source;
  v.target = target === '' ? '' : cleanPath(target);
  let readOnly = false;
  const bindOpts = newMap();
  const volumeOpts = newMap();
  for (const option of options ? options.split(',') : []) {
    if (option === 'ro') readOnly = true;
    else if (option === 'rw') readOnly = false;
    else if (option === 'nocopy') volumeOpts.nocopy = true;
    else if (PROPAGATIONS.has(option)) bindOpts.propagation = option;
    else if (option === 'z' || option === 'Z') bindOpts.selinux = option;
  }
  if (readOnly) v.read_only = true;
  if (bind) {
    // docker compose creates a missing host path for the short syntax; that default is not printed.
    v.bind = bindOpts;
  } else {
    if (Object.keys(bindOpts).length > 0) v.bind = bindOpts;
    v.volume = volumeOpts;
  }
  return v;
}

function canonicalVolumes(svc: ValueMap): void {
  const vols = svc.volumes;
  if (!Array.isArray(vols)) return;
  vols.forEach((item, i) => {
    if (typeof item === 'string') {
      const parsed = parseVolumeSpec(item);
      if (typeof parsed === 'string') fail(vols, i, parsed);
      stampOrigins(parsed, where(vols, i));
      const loc = entryOrigin(vols, i);
      vols[i] = parsed;
      if (loc) setEntryOrigin(vols, i, loc);
    } else if (isMap(item)) {
      if (typeof item.target === 'string') item.target = cleanPath(item.target);
      const size = isMap(item.tmpfs) ? item.tmpfs.size : undefined;
      if (isMap(item.tmpfs) && size !== undefined && size !== null) {
        const bytes = parseBytes(size as string | number);
        if (bytes !== undefined) put(item.tmpfs, 'size', String(bytes));
      }
    } else {
      fail(vols, i, 'a volume must be a string or a mapping');
    }
  });
}

/** Go's path.Clean for container paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return abs ? `/${joined}` : joined || '.';
}

// --- the rest of a service ---------------------------------------------------------------

function toList(svc: ValueMap, key: string): void {
  const v = svc[key];
  if (typeof v === 'string' || typeof v === 'number') put(svc, key, stampList([String(v)], where(svc, key)));
}

function stampList(items: Value[], loc: Location | undefined): Value[] {
  const list = [...items];
  stampOrigins(list, loc);
  return list;
}

function canonicalFileRefs(svc: ValueMap, key: 'secrets' | 'configs'): void {
  const refs = svc[key];
  if (!Array.isArray(refs)) return;
  refs.forEach((item, i) => {
    if (typeof item === 'string') {
      const loc = entryOrigin(refs, i);
      refs[i] = built([['source', item]], loc);
      if (loc) setEntryOrigin(refs, i, loc);
    } else if (isMap(item) && typeof item.mode === 'number') {
      // docker compose prints a file mode in octal, as written in YAML (0440).
      put(item, 'mode', `0${item.mode.toString(8)}`);
    }
  });
}

function canonicalDependsOn(svc: ValueMap): void {
  const deps = svc.depends_on;
  if (!Array.isArray(deps)) {
    if (isMap(deps)) {
      for (const k of Object.keys(deps)) {
        const d = deps[k];
        if (isMap(d)) {
          if (d.required === undefined) put(d, 'required', true);
        } else if (d === null) {
          put(deps, k, built([['condition', 'service_started'], ['required', true]], where(deps, k)));
        }
      }
    }
    return;
  }
  const map = newMap();
  setSelfOrigin(map, selfOrigin(deps) ?? where(svc, 'depends_on'));
  deps.forEach((name, i) => {
    map[scalarText(name)] = built([['condition', 'service_started'], ['required', true]], where(deps, i));
    setEntryOrigin(map, scalarText(name), where(deps, i));
  });
  put(svc, 'depends_on', map);
}

function canonicalNetworks(svc: ValueMap): void {
  const nets = svc.networks;
  if (!Array.isArray(nets)) return;
  const map = newMap();
  setSelfOrigin(map, selfOrigin(nets) ?? where(svc, 'networks'));
  nets.forEach((name, i) => {
    map[scalarText(name)] = null;
    setEntryOrigin(map, scalarText(name), where(nets, i));
  });
  put(svc, 'networks', map);
}

function canonicalExtraHosts(container: ValueMap): void {
  const hosts = container.extra_hosts;
  if (hosts === undefined || hosts === null) return;
  const out: Value[] = [];
  setSelfOrigin(out, isMap(hosts) || Array.isArray(hosts) ? selfOrigin(hosts) : where(container, 'extra_hosts'));
  const add = (host: string, ip: string, loc: Location | undefined): void => {
    out.push(`${host}=${ip.replace(/^\[(.*)\]$/, '$1')}`);
    setEntryOrigin(out, out.length - 1, loc);
  };
  if (Array.isArray(hosts)) {
    hosts.forEach((h, i) => {
      const text = scalarText(h);
      const eq = text.indexOf('=');
      const sep = eq >= 0 ? eq : text.indexOf(':');
      if (sep < 0) fail(hosts, i, `invalid extra_hosts entry ${JSON.stringify(text)}: expected host=ip or host:ip`);
      add(text.slice(0, sep), text.slice(sep + 1), where(hosts, i));
    });
  } else if (isMap(hosts)) {
    for (const k of Object.keys(hosts)) {
      const v = hosts[k];
      for (const ip of Array.isArray(v) ? v : [v ?? '']) add(k, scalarText(ip), where(hosts, k));
    }
  }
  put(container, 'extra_hosts', out);
}

function canonicalDevices(svc: ValueMap): void {
  const devices = svc.devices;
  if (!Array.isArray(devices)) return;
  devices.forEach((d, i) => {
    if (typeof d !== 'string') return;
    const parts = d.split(':');
    const loc = entryOrigin(devices, i);
    const entries: [string, Value][] = [
      ['source', parts[0]!],
      ['target', parts[1] ?? parts[0]!],
      ['permissions', parts[2] ?? 'rwm'],
    ];
    if (parts.length > 3) fail(devices, i, `invalid device ${JSON.stringify(d)}`);
    devices[i] = built(entries, loc);
    if (loc) setEntryOrigin(devices, i, loc);
  });
}

function durationAt(container: ValueMap | undefined, key: string, path: string): void {
  if (!container || container[key] === undefined || container[key] === null) return;
  const v = container[key]!;
  const ns = typeof v === 'number' ? v * 1e9 : parseDuration(scalarText(v));
  if (ns === undefined) fail(container, key, `${path}: invalid duration ${JSON.stringify(scalarText(v))}`);
  put(container, key, formatDuration(ns));
}

function bytesAt(container: ValueMap | undefined, key: string, path: string): void {
  if (!container || container[key] === undefined || container[key] === null) return;
  const v = container[key]!;
  const bytes = typeof v === 'number' || typeof v === 'string' ? parseBytes(v) : undefined;
  if (bytes === undefined) fail(container, key, `${path}: invalid size ${JSON.stringify(scalarText(v))}`);
  put(container, key, String(bytes));
}

function sub(m: ValueMap | undefined, key: string): ValueMap | undefined {
  const v = m?.[key];
  return isMap(v) ? v : undefined;
}

const STRING_MAPS: [string, null | ''][] = [
  ['environment', null],
  ['labels', ''],
  ['annotations', ''],
  ['sysctls', ''],
];

/** Canonical form of one service, in place. */
export function canonicalService(svc: ValueMap, name: string): void {
  const path = `services.${name}`;
  if (typeof svc.build === 'string') put(svc, 'build', built([['context', svc.build]], where(svc, 'build')));
  const build = sub(svc, 'build');
  if (build) {
    for (const k of ['args', 'labels', 'additional_contexts']) {
      if (build[k] !== undefined) put(build, k, toStringMap(build[k]!, build, k, k === 'args' ? null : ''));
    }
    canonicalExtraHosts(build);
    bytesAt(build, 'shm_size', `${path}.build.shm_size`);
  }
  for (const [k, bare] of STRING_MAPS) if (svc[k] !== undefined) put(svc, k, toStringMap(svc[k]!, svc, k, bare));
  for (const k of ['command', 'entrypoint'] as const) {
    const v = svc[k];
    if (typeof v === 'string') {
      let words: string[];
      try {
        words = shellWords(v);
      } catch (e) {
        fail(svc, k, `${path}.${k}: ${(e as Error).message}`);
      }
      put(svc, k, stampList(words, where(svc, k)));
    }
  }
  const hc = sub(svc, 'healthcheck');
  if (hc) {
    if (typeof hc.test === 'string') put(hc, 'test', stampList(['CMD-SHELL', hc.test], where(hc, 'test')));
    for (const k of ['interval', 'timeout', 'start_period', 'start_interval']) durationAt(hc, k, `${path}.healthcheck.${k}`);
  }
  durationAt(svc, 'stop_grace_period', `${path}.stop_grace_period`);
  for (const k of ['mem_limit', 'mem_reservation', 'memswap_limit', 'shm_size']) bytesAt(svc, k, `${path}.${k}`);
  if (typeof svc.cpus === 'string' && /^\d*\.?\d+$/.test(svc.cpus)) put(svc, 'cpus', Number(svc.cpus));
  const deploy = sub(svc, 'deploy');
  if (deploy) {
    if (deploy.labels !== undefined) put(deploy, 'labels', toStringMap(deploy.labels, deploy, 'labels', ''));
    for (const section of ['update_config', 'rollback_config']) {
      for (const k of ['delay', 'monitor']) durationAt(sub(deploy, section), k, `${path}.deploy.${section}.${k}`);
    }
    for (const k of ['delay', 'window']) durationAt(sub(deploy, 'restart_policy'), k, `${path}.deploy.restart_policy.${k}`);
    const resources = sub(deploy, 'resources');
    for (const section of ['limits', 'reservations']) {
      const r = sub(resources, section);
      bytesAt(r, 'memory', `${path}.deploy.resources.${section}.memory`);
      if (r && typeof r.cpus === 'string' && /^\d*\.?\d+$/.test(r.cpus)) put(r, 'cpus', Number(r.cpus));
    }
  }
  if (svc.pull_policy === 'if_not_present') put(svc, 'pull_policy', 'missing');
  canonicalPorts(svc);
  canonicalVolumes(svc);
  canonicalDependsOn(svc);
  canonicalNetworks(svc);
  canonicalFileRefs(svc, 'secrets');
  canonicalFileRefs(svc, 'configs');
  canonicalExtraHosts(svc);
  canonicalDevices(svc);
  for (const k of ['dns', 'dns_search', 'dns_opt', 'tmpfs']) toList(svc, k);
  if (Array.isArray(svc.expose)) svc.expose.forEach((e, i, list) => (list[i] = scalarText(e)));
  const envFile = svc.env_file;
  if (envFile !== undefined && envFile !== null) {
    const list = Array.isArray(envFile) ? envFile : [envFile];
    const out: Value[] = [];
    setSelfOrigin(out, where(svc, 'env_file'));
    list.forEach((e, i) => {
      const loc = Array.isArray(envFile) ? where(envFile, i) : where(svc, 'env_file');
      const entry = isMap(e) ? e : built([['path', scalarText(e)]], loc);
      if (entry.required === undefined) put(entry, 'required', true);
      out.push(entry);
      setEntryOrigin(out, i, loc);
    });
    put(svc, 'env_file', out);
  }
}

/** Canonical form of a top-level network, volume, secret or config. */
export function canonicalResource(res: ValueMap): void {
  const ext = res.external;
  if (isMap(ext)) {
    // The deprecated `external: {name: x}` is `name: x` plus `external: true`.
    if (ext.name !== undefined) put(res, 'name', ext.name);
    put(res, 'external', true);
  }
  if (res.labels !== undefined) put(res, 'labels', toStringMap(res.labels, res, 'labels', ''));
}
