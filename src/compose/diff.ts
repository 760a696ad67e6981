/**
 * What changes between two Compose configurations of the same stack (dev vs prod): one row per
 * service and aspect that differs (image, command, environment variable, published ports,
 * volumes and mounts, resource limits, healthcheck timings, replicas, restart policy), with the
 * value on each side and the file and line that set it. Secret values are never shown: a row
 * whose value is a secret on either side says only whether it changed.
 */
import type { Location } from '../core/location.js';
import { fieldOrigin, isMap, type Value, type ValueMap } from '../core/provenance.js';
import type { ComposeProject } from './load.js';
import { scalarText } from './normalise.js';

export interface DiffRow {
  service: string;
  /** `image`, `command`, `environment.KEY`, `ports`, `volumes`, `limits`, `healthcheck`, `replicas`, `restart`, `service`. */
  aspect: string;
  /** The value on each side as text; null where the side does not set it. Secrets are replaced by a mark. */
  left: string | null;
  right: string | null;
  leftLocation?: Location;
  rightLocation?: Location;
  /** The value is a secret on at least one side (its text is not shown). */
  secret?: boolean;
}

export interface ComposeDiff {
  left: { name: string; files: string[] };
  right: { name: string; files: string[] };
  rows: DiffRow[];
}

/** Decides whether a value stored under a name is a secret (the caller's detector). */
export type SecretJudge = (name: string, value: string) => boolean;

const SECRET_CHANGED = '(secret, changed)';
const SECRET_SAME = '(secret)';

function formatBytes(text: string): string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (n >= size && n % size === 0) return `${n / size}${unit}`;
  }
  return `${n}B`;
}

function sub(v: Value | undefined, ...keys: string[]): Value | undefined {
  let cur = v;
  for (const k of keys) cur = isMap(cur) ? cur[k] : undefined;
  return cur;
}

interface Aspect {
  name: string;
  /** Path of the field that sets it, for its location. */
  path: string[];
  text: (svc: ValueMap, project: ComposeProject) => string | null;
}

const ASPECTS: Aspect[] = [
  { name: 'image', path: ['image'], text: (s) => (s.image === undefined ? null : scalarText(s.image)) },
  {
    name: 'command',
    path: ['command'],
    text: (s) => (Array.isArray(s.command) ? s.command.map((w) => (/\s/.test(scalarText(w)) ? JSON.stringify(scalarText(w)) : scalarText(w))).join(' ') : null),
  },
  {
    name: 'ports',
    path: ['ports'],
    text: (s) => {
      if (!Array.isArray(s.ports)) return null;
      const published = s.ports
        .filter((p): p is ValueMap => isMap(p) && p.published !== undefined)
        .map((p) => `${p.host_ip !== undefined ? `${scalarText(p.host_ip)}:` : ''}${scalarText(p.published!)}->${scalarText(p.target ?? null)}/${scalarText(p.protocol ?? 'tcp')}`);
      return published.length > 0 ? published.join(', ') : null;
    },
  },
  {
    name: 'volumes',
    path: ['volumes'],
    text: (s, project) => {
      if (!Array.isArray(s.volumes) || s.volumes.length === 0) return null;
      // Bind sources inside the project read as written (./src), not as this machine's path.
      const shown = (src: string): string => (src === project.workingDir ? '.' : src.startsWith(`${project.workingDir}/`) ? `./${src.slice(project.workingDir.length + 1)}` : src);
      return s.volumes
        .filter(isMap)
        .map((v) => `${v.type === 'bind' ? 'bind ' : v.type === 'volume' ? '' : `${scalarText(v.type ?? null)} `}${v.source !== undefined ? `${shown(scalarText(v.source))}:` : ''}${scalarText(v.target ?? null)}${v.read_only === true ? ':ro' : ''}`)
        .join(', ');
    },
  },
  {
    name: 'limits',
    path: ['deploy', 'resources', 'limits'],
    text: (s) => {
      const l = sub(s, 'deploy', 'resources', 'limits');
      const parts: string[] = [];
      const cpus = isMap(l) ? l.cpus : undefined;
      const memory = isMap(l) ? l.memory : undefined;
      if (cpus !== undefined) parts.push(`cpus=${scalarText(cpus)}`);
      if (memory !== undefined) parts.push(`memory=${formatBytes(scalarText(memory))}`);
      if (s.cpus !== undefined && cpus === undefined) parts.push(`cpus=${scalarText(s.cpus)}`);
      if (s.mem_limit !== undefined && memory === undefined) parts.push(`memory=${formatBytes(scalarText(s.mem_limit))}`);
      return parts.length > 0 ? parts.join(' ') : null;
    },
  },
  {
    name: 'healthcheck',
    path: ['healthcheck'],
    text: (s) => {
      const h = s.healthcheck;
      if (!isMap(h)) return null;
      if (h.disable === true) return 'disabled';
      const parts = ['interval', 'timeout', 'retries', 'start_period', 'start_interval'].filter((k) => h[k] !== undefined).map((k) => `${k}=${scalarText(h[k]!)}`);
      return parts.length > 0 ? parts.join(' ') : 'defaults';
    },
  },
  {
    name: 'replicas',
    path: ['deploy', 'replicas'],
    text: (s) => {
      const r = sub(s, 'deploy', 'replicas') ?? s.scale;
      return r === undefined ? null : scalarText(r);
    },
  },
  {
    name: 'restart',
    path: ['restart'],
    text: (s) => {
      const r = s.restart ?? sub(s, 'deploy', 'restart_policy', 'condition');
      return r === undefined ? null : scalarText(r);
    },
  },
];

function locate(model: ValueMap, service: string, path: string[]): Location | undefined {
  const { location } = fieldOrigin(model, ['services', service, ...path]);
  return location ? { file: location.file, line: location.line } : undefined;
}

function services(p: ComposeProject): ValueMap {
  return isMap(p.model.services) ? p.model.services : Object.create(null);
}

/** The differences between two loaded configurations, service by service, in a stable order. */
export function diffCompose(left: ComposeProject, right: ComposeProject, isSecret: SecretJudge): ComposeDiff {
  const ls = services(left);
  const rs = services(right);
  const names = [...new Set([...Object.keys(ls), ...Object.keys(rs)])].sort();
  const rows: DiffRow[] = [];
  for (const name of names) {
    const a = ls[name];
    const b = rs[name];
    if (!isMap(a) || !isMap(b)) {
      rows.push({
        service: name,
        aspect: 'service',
        left: isMap(a) ? 'defined' : null,
        right: isMap(b) ? 'defined' : null,
        ...(isMap(a) ? { leftLocation: locate(left.model, name, []) } : {}),
        ...(isMap(b) ? { rightLocation: locate(right.model, name, []) } : {}),
      });
      continue;
    }
    for (const aspect of ASPECTS) {
      const x = aspect.text(a, left);
      const y = aspect.text(b, right);
      if (x !== y) {
        rows.push({ service: name, aspect: aspect.name, left: x, right: y, leftLocation: locate(left.model, name, aspect.path), rightLocation: locate(right.model, name, aspect.path) });
      }
      // Environment values come right after the command, one row per variable.
      if (aspect.name === 'command') rows.push(...environmentRows(name, a, b, left, right, isSecret));
    }
  }
  return { left: { name: left.name, files: left.files }, right: { name: right.name, files: right.files }, rows };
}

function environmentRows(name: string, a: ValueMap, b: ValueMap, left: ComposeProject, right: ComposeProject, isSecret: SecretJudge): DiffRow[] {
  const ea = isMap(a.environment) ? a.environment : Object.create(null);
  const eb = isMap(b.environment) ? b.environment : Object.create(null);
  const rows: DiffRow[] = [];
  for (const key of [...new Set([...Object.keys(ea), ...Object.keys(eb)])].sort()) {
    const x = key in ea ? (ea[key] === null ? '(unset)' : scalarText(ea[key]!)) : null;
    const y = key in eb ? (eb[key] === null ? '(unset)' : scalarText(eb[key]!)) : null;
    if (x === y) continue;
    const secret = (x !== null && isSecret(key, x)) || (y !== null && isSecret(key, y));
    const row: DiffRow = {
      service: name,
      aspect: `environment.${key}`,
      left: secret && x !== null ? (y === null ? SECRET_SAME : SECRET_CHANGED) : x,
      right: secret && y !== null ? (x === null ? SECRET_SAME : SECRET_CHANGED) : y,
    };
    if (x !== null) row.leftLocation = locate(left.model, name, ['environment', key]);
    if (y !== null) row.rightLocation = locate(right.model, name, ['environment', key]);
    if (secret) row.secret = true;
    rows.push(row);
  }
  return rows;
}

function sideLabel(files: string[]): string {
  const last = files[files.length - 1] ?? '';
  return last.slice(last.lastIndexOf('/') + 1);
}

function labels(d: ComposeDiff): [string, string] {
  let l = sideLabel(d.left.files);
  let r = sideLabel(d.right.files);
  if (l === r) {
    l = d.left.files.join(' + ');
    r = d.right.files.join(' + ');
  }
  return [l, r];
}

const cell = (v: string | null): string => (v === null ? '—' : v === '' ? '""' : v);

export function renderDiffText(d: ComposeDiff): string {
  const [l, r] = labels(d);
  if (d.rows.length === 0) return `no differences between ${l} and ${r}\n`;
  const table = [['SERVICE', 'ASPECT', l, r], ...d.rows.map((row) => [row.service, row.aspect, cell(row.left), cell(row.right)])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => [...row[i]!].length)));
  return `${table.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n')}\n`;
}

export function renderDiffMarkdown(d: ComposeDiff): string {
  const [l, r] = labels(d);
  const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [`| Service | Aspect | ${esc(l)} | ${esc(r)} |`, '|---|---|---|---|'];
  for (const row of d.rows) lines.push(`| ${esc(row.service)} | ${esc(row.aspect)} | ${esc(cell(row.left))} | ${esc(cell(row.right))} |`);
  if (d.rows.length === 0) lines.push('| — | — | no differences | |');
  return `${lines.join('\n')}\n`;
}

export function renderDiffJson(d: ComposeDiff): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}
