/**
 * Merging Compose models (override files, `extends`) per field, as docker compose v2 does
 * (compose-go `override.Merge` and `EnforceUnicity`). Both sides are in canonical form (see
 * normalise.ts). The base is changed in place; every value taken from the override keeps the
 * override's file and line.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { entryOrigin, isMap, selfOrigin, setEntryOrigin, setSelfOrigin, type Value, type ValueMap } from '../core/provenance.js';
import { scalarText } from './normalise.js';

type Rule = (base: Value, over: Value, path: string[]) => Value;

/** Paths are matched with `*` for any one key. */
const RULES: [string, Rule][] = [
  ['services.*.command', replace],
  ['services.*.entrypoint', replace],
  ['services.*.healthcheck.test', replace],
  ['services.*.logging', mergeLogging],
  ['services.*.ulimits.*', replace],
  ['networks.*.ipam.config', mergeIpamConfig],
  ['services.*.extra_hosts', mergeExtraHosts],
  ['services.*.build.extra_hosts', mergeExtraHosts],
];

/** Mappings of KEY → string where a null override unsets the key (it does not keep the base). */
const KEY_VALUE_MAPS = new Set([
  'services.*.environment',
  'services.*.labels',
  'services.*.annotations',
  'services.*.sysctls',
  'services.*.build.args',
  'services.*.build.labels',
  'services.*.build.additional_contexts',
  'services.*.deploy.labels',
  'networks.*.labels',
  'volumes.*.labels',
]);

/** Lists whose entries are unique by a key: a later entry with the same key replaces the earlier one in place. */
const UNIQUE: [string, (item: Value) => string][] = [
  ['services.*.ports', portKey],
  ['services.*.volumes', (v) => (isMap(v) ? scalarText(v.target ?? null) : scalarText(v))],
  ['services.*.secrets', (v) => mountKey(v, '/run/secrets')],
  ['services.*.configs', (v) => mountKey(v, '')],
  ['services.*.devices', (v) => (isMap(v) ? scalarText(v.target ?? null) : scalarText(v))],
  ['services.*.expose', scalarText],
  ['services.*.env_file', (v) => (isMap(v) ? scalarText(v.path ?? null) : scalarText(v))],
  ['services.*.cap_add', keyBeforeEquals],
  ['services.*.cap_drop', keyBeforeEquals],
  ['services.*.dns', keyBeforeEquals],
  ['services.*.dns_opt', keyBeforeEquals],
  ['services.*.dns_search', keyBeforeEquals],
  ['services.*.tmpfs', keyBeforeEquals],
  ['services.*.links', keyBeforeEquals],
  ['services.*.profiles', keyBeforeEquals],
  ['services.*.build.tags', keyBeforeEquals],
  ['services.*.networks.*.aliases', keyBeforeEquals],
  ['services.*.networks.*.link_local_ips', keyBeforeEquals],
];

function matches(pattern: string, path: string[]): boolean {
  const parts = pattern.split('.');
  if (parts.length !== path.length) return false;
  return parts.every((p, i) => p === '*' || p === path[i]);
}

function keyBeforeEquals(v: Value): string {
  const t = scalarText(v);
  const eq = t.indexOf('=');
  return eq < 0 ? t : t.slice(0, eq);
}

function portKey(v: Value): string {
  if (!isMap(v)) return scalarText(v);
  const ip = v.host_ip === undefined ? '0.0.0.0' : scalarText(v.host_ip);
  return `${ip}:${scalarText(v.published ?? '')}:${scalarText(v.target ?? null)}/${scalarText(v.protocol ?? 'tcp')}`;
}

function mountKey(v: Value, dir: string): string {
  if (!isMap(v)) return `${dir}/${scalarText(v)}`;
  if (v.target !== undefined && v.target !== null) return scalarText(v.target);
  return `${dir}/${scalarText(v.source ?? null)}`;
}

function replace(_base: Value, over: Value): Value {
  return over;
}

function mergeLogging(base: Value, over: Value, path: string[]): Value {
  if (isMap(base) && isMap(over) && base.driver !== undefined && over.driver !== undefined && base.driver !== over.driver) return over;
  return mergeGeneric(base, over, path);
}

function mergeIpamConfig(base: Value, over: Value, path: string[]): Value {
  if (!Array.isArray(base) || !Array.isArray(over)) return mergeGeneric(base, over, path);
  over.forEach((pool, i) => {
    const same = isMap(pool) ? base.findIndex((b) => isMap(b) && b.subnet === pool.subnet) : -1;
    if (same >= 0) base[same] = merge(base[same]!, pool, [...path, String(same)]);
    else {
      base.push(pool);
      setEntryOrigin(base, base.length - 1, entryOrigin(over, i));
    }
  });
  return base;
}

function mergeExtraHosts(base: Value, over: Value): Value {
  if (!Array.isArray(base) || !Array.isArray(over)) return over;
  over.forEach((h, i) => {
    if (base.includes(h)) return;
    base.push(h);
    setEntryOrigin(base, base.length - 1, entryOrigin(over, i));
  });
  return base;
}

function describe(v: Value): string {
  return Array.isArray(v) ? 'a list' : isMap(v) ? 'a mapping' : 'a scalar';
}

function mergeGeneric(base: Value, over: Value, path: string[]): Value {
  // A null override keeps the base: only `!reset` removes a value.
  if (over === null) return base;
  if (isMap(base) && isMap(over)) {
    const keyValue = KEY_VALUE_MAPS.has(starred(path));
    for (const k of Object.keys(over)) {
      const loc = entryOrigin(over, k);
      if (Object.prototype.hasOwnProperty.call(base, k) && !(keyValue && over[k] === null)) {
        const before = base[k]!;
        base[k] = merge(before, over[k]!, [...path, k]);
        // A mapping merged into keeps the place it was first defined; each of its entries says who set it.
        if (isMap(before) && base[k] === before) continue;
        if (over[k] === null && base[k] === before) continue;
      } else {
        base[k] = over[k]!;
      }
      if (loc) setEntryOrigin(base, k, loc);
    }
    return base;
  }
  if (Array.isArray(base) && Array.isArray(over)) {
    over.forEach((item, i) => {
      base.push(item);
      const loc = entryOrigin(over, i);
      if (loc) setEntryOrigin(base, base.length - 1, loc);
    });
    return base;
  }
  if ((isMap(base) || Array.isArray(base) || isMap(over) || Array.isArray(over)) && base !== null) {
    const where = selfOrigin(over as object) ?? undefined;
    throw new UserError(`cannot override ${path.join('.')}: ${describe(over)} cannot replace ${describe(base)}`, where ? { location: { file: where.file, line: where.line } } : {});
  }
  return over;
}

/** The path with service, network, volume, … names replaced by `*`. */
function starred(path: string[]): string {
  return path.map((p, i) => (i === 1 ? '*' : path[0] === 'services' && path[2] === 'networks' && i === 3 ? '*' : p)).join('.');
}

/** Merge `over` into `base` at `path` (keys from the model root). Returns the merged value. */
export function merge(base: Value, over: Value, path: string[]): Value {
  const rule = RULES.find(([pattern]) => matches(pattern, path));
  let out = rule ? (over === null ? base : rule[1](base, over, path)) : mergeGeneric(base, over, path);
  if (Array.isArray(out)) out = enforceUnicity(out, path);
  return out;
}

/** Apply the unique-key rule of the list at `path`, if it has one. */
export function enforceUnicity(list: Value[], path: string[]): Value[] {
  const unique = UNIQUE.find(([pattern]) => matches(pattern, path));
  if (!unique) return list;
  const keyOf = unique[1];
  const out: Value[] = [];
  setSelfOrigin(out, selfOrigin(list));
  const at = new Map<string, number>();
  list.forEach((item, i) => {
    const key = keyOf(item);
    const loc: Location | undefined = entryOrigin(list, i);
    const seen = at.get(key);
    if (seen !== undefined) {
      out[seen] = item;
      if (loc) setEntryOrigin(out, seen, loc);
      return;
    }
    at.set(key, out.length);
    out.push(item);
    if (loc) setEntryOrigin(out, out.length - 1, loc);
  });
  return out;
}

/** Apply the unique-key rules throughout a model (after a file is read, before it is merged). */
export function enforceUnicityTree(model: ValueMap): void {
  const services = model.services;
  if (!isMap(services)) return;
  for (const name of Object.keys(services)) {
    const svc = services[name];
    if (!isMap(svc)) continue;
    for (const k of Object.keys(svc)) {
      const v = svc[k];
      if (Array.isArray(v)) {
        const loc = entryOrigin(svc, k);
        svc[k] = enforceUnicity(v, ['services', name, k]);
        if (loc) setEntryOrigin(svc, k, loc);
      }
    }
  }
}

/** Merge one model (a file, or an extending service) over another; the base is changed. */
export function mergeModels(base: ValueMap, over: ValueMap): ValueMap {
  return merge(base, over, []) as ValueMap;
}

