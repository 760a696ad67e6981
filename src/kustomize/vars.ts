/**
 * Legacy `vars:` resolution, run once at the top level over the vars of every layer.
 *
 * Each var names an object (exact apiVersion/kind and name, current or previous) and a field
 * (default `metadata.name`). Its value is read from the final object, and `$(NAME)` is
 * expanded in the string fields the varReference field specs reach (kustomize's built-in list
 * plus `configurations:`): a string that is exactly `$(NAME)` takes the value's type, `$$`
 * escapes a `$`, and unknown names stay as written.
 * Provenance: an expanded field is attributed to the field the var read.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { entryOrigin, fieldOrigin, isMap, setEntryOrigin, type Value, type ValueMap } from '../core/provenance.js';
import { str } from '../core/resource.js';
import { type FieldSpec, mergeSpecs, visitFieldSpec } from './fieldspec.js';
import { allIds, effectiveNamespace, idEquals, isClusterScopedId, splitApiVersion } from './ids.js';
import type { KContext, KResource, ResId } from './types.js';

export interface VarEntry {
  /** The `vars:` item as written. */
  value: Value;
  /** Context of the kustomization that declared it. */
  ctx: KContext;
}

function spec(path: string, kind?: string, group?: string): FieldSpec {
  return { path, kind, group };
}

const containerPaths = ['args', 'command', 'env/value', 'volumeMounts/mountPath'];
function podPaths(prefix: string, kind: string, group?: string): FieldSpec[] {
  return ['containers', 'initContainers'].flatMap((c) => containerPaths.map((p) => spec(`${prefix}/${c}/${p}`, kind, group)));
}

/** kustomize's built-in varReference field specs. */
export const defaultVarReference: FieldSpec[] = [
  ...podPaths('spec/jobTemplate/spec/template/spec', 'CronJob'),
  ...['DaemonSet', 'Deployment', 'Job', 'ReplicaSet', 'StatefulSet'].flatMap((k) => podPaths('spec/template/spec', k)),
  ...podPaths('spec', 'Pod'),
  spec('spec/volumes/nfs/server', 'Pod'),
  ...['Deployment', 'DaemonSet', 'ReplicaSet', 'Job'].map((k) => spec('spec/template/spec/volumes/nfs/server', k)),
  spec('spec/volumeClaimTemplates/spec/nfs/server', 'StatefulSet'),
  // kustomize's path, as written there: without the `spec` between template and volumes.
  spec('spec/jobTemplate/spec/template/volumes/nfs/server', 'CronJob'),
  spec('spec/nfs/server', 'PersistentVolume'),
  spec('spec/ports/port', 'Service'),
  spec('spec/ports/targetPort', 'Service'),
  spec('spec/template/metadata/annotations', 'Deployment'),
  spec('spec/rules/host', 'Ingress'),
  spec('spec/tls/hosts', 'Ingress'),
  spec('spec/tls/secretName', 'Ingress'),
  spec('metadata/labels'),
  spec('metadata/annotations'),
];

interface Var {
  name: string;
  objref: ResId;
  hasNamespace: boolean;
  fieldPath: string;
  location: Location;
}

function describe(v: Var): string {
  const gvk = `${v.objref.kind}.${v.objref.version || '[noVer]'}.${v.objref.group || '[noGrp]'}`;
  return `{${v.name} ${gvk} {${v.fieldPath}}}`;
}

function readVar(e: VarEntry, index: number, list: Value[] | undefined): Var {
  const where = (list && entryOrigin(list, index)) ?? e.ctx.fieldLocation('vars', index);
  const v = e.value;
  if (!isMap(v)) throw new UserError('each var must be a mapping', { location: where });
  const name = str(v.name);
  if (!name) throw new UserError('var has no name', { location: where });
  const ref = isMap(v.objref) ? v.objref : undefined;
  if (!ref) throw new UserError(`var '${name}' has no objref`, { location: where });
  let group = str(ref.group);
  let version = str(ref.version);
  if (typeof ref.apiVersion === 'string' && ref.apiVersion) ({ group, version } = splitApiVersion(ref.apiVersion));
  const fieldref = isMap(v.fieldref) ? v.fieldref : undefined;
  return {
    name,
    objref: { group, version, kind: str(ref.kind), name: str(ref.name), namespace: str(ref.namespace) },
    hasNamespace: !!str(ref.namespace),
    fieldPath: str(fieldref?.fieldpath ?? fieldref?.fieldPath) || 'metadata.name',
    location: where,
  };
}

function refMatches(v: Var, id: ResId): boolean {
  if (v.hasNamespace || isClusterScopedId(v.objref)) return idEquals(v.objref, id);
  const o = v.objref;
  return o.group === id.group && o.version === id.version && o.kind === id.kind && o.name === id.name;
}

/** `spec.ports[0].port` → path segments. */
function splitVarPath(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((\[[^\]]*\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const b of m[2]!.match(/\[[^\]]*\]/g) ?? []) out.push(b);
  }
  return out;
}

function lookupField(body: Value, path: string): { value: Value; path: (string | number)[] } | undefined {
  let node: Value = body;
  const concrete: (string | number)[] = [];
  for (const seg of splitVarPath(path)) {
    const bracket = /^\[(.*)\]$/.exec(seg);
    if (bracket) {
      if (!Array.isArray(node)) return undefined;
      // Only numeric indexes: kustomize does not resolve `[name=x]` in var field paths.
      const inner = bracket[1]!;
      const idx = /^[0-9]+$/.test(inner) ? Number(inner) : -1;
      if (idx < 0 || idx >= node.length) return undefined;
      concrete.push(idx);
      node = node[idx]!;
      continue;
    }
    if (Array.isArray(node) && /^[0-9]+$/.test(seg)) {
      const idx = Number(seg);
      if (idx >= node.length) return undefined;
      concrete.push(idx);
      node = node[idx]!;
      continue;
    }
    if (!isMap(node) || !Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
    concrete.push(seg);
    node = node[seg]!;
  }
  return { value: node, path: concrete };
}

function textOf(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return goFormat(v);
  return String(v);
}

/** Go's `%v` of a decoded YAML value. */
function goFormat(v: Value): string {
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isMap(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(v[k]!)}`).join(' ')}]`;
  }
  return String(v);
}

/** kustomize's expansion: `$(NAME)` → value, `$$` → `$`, other `$x` kept. */
export function expandVars(input: string, lookup: (name: string) => Value | undefined): Value {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === '$') {
      out += '$';
    } else if (rest[0] === '(') {
      const close = rest.indexOf(')', 1);
      if (close < 0) {
        out += '$(';
      } else {
        const name = rest.slice(1, close);
        const value = lookup(name);
        const mapped: Value = value === undefined ? `$(${name})` : value;
        if (input === `$(${name})`) return mapped;
        out += typeof mapped === 'string' ? mapped : textOf(mapped);
        advance = close + 1;
      }
    } else {
      out += '$' + rest[0];
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/**
 * Binds a kustomization's vars to the one object each names among that kustomization's own
 * objects, when its transformers have run (kustomize's MergeVars): a var is resolved from the
 * object it was bound to, so an overlay that combines two bases each holding an object of that
 * name is not ambiguous. More than one match here is.
 */
export function bindVars(resources: KResource[], entries: VarEntry[]): void {
  entries.forEach((e, i) => {
    const v = readVar(e, i, undefined);
    const matched = resources.filter((r) => allIds(r).some((id) => refMatches(v, id)));
    if (matched.length > 1) {
      throw new UserError(`found ${matched.length} resId matches for var ${describe(v)} (unable to disambiguate)`, { location: v.location });
    }
    if (matched.length === 1) (matched[0]!.meta.refVarNames ??= []).push(v.name);
  });
}

export function resolveVars(resources: KResource[], vars: VarEntry[], varReference: FieldSpec[]): KResource[] {
  if (vars.length === 0) return resources;
  const seen = new Map<string, Var>();
  const listOf = new Map<KContext, number>();
  const parsed: Var[] = [];
  for (const e of vars) {
    const i = listOf.get(e.ctx) ?? 0;
    listOf.set(e.ctx, i + 1);
    const v = readVar(e, i, undefined);
    if (seen.has(v.name)) throw new UserError(`var '${v.name}' already encountered`, { location: v.location });
    seen.set(v.name, v);
    parsed.push(v);
  }
  const values = new Map<string, { value: Value; origin?: Location }>();
  for (const v of parsed) {
    const matched = resources.filter((r) => r.meta.refVarNames?.includes(v.name)).slice(0, 1);
    if (matched.length === 0) {
      throw new UserError(`var '${describe(v)}' cannot be mapped to a field in the set of known resources`, { location: v.location });
    }
    const found = lookupField(matched[0]!.body, v.fieldPath);
    if (!found) throw new UserError(`field specified in var '${describe(v)}' not found in corresponding resource`, { location: v.location });
    // kustomize substitutes only primitive values; a mapping or list var is left unexpanded.
    if (found.value !== null && typeof found.value === 'object') continue;
    values.set(v.name, { value: found.value, origin: fieldOrigin(matched[0]!.body, found.path).location ?? v.location });
  }
  const specs = mergeSpecs(defaultVarReference, varReference);
  const lookup = (name: string) => values.get(name)?.value;
  const originOf = (text: string): Location | undefined => {
    const m = /\$\(([^)]*)\)/.exec(text);
    return m ? values.get(m[1]!)?.origin : undefined;
  };
  const expandAt = (container: ValueMap | Value[], key: string | number) => {
    const cur = (container as Record<string | number, Value>)[key];
    if (typeof cur !== 'string' || !cur.includes('$')) return;
    const next = expandVars(cur, lookup);
    if (next === cur) return;
    (container as Record<string | number, Value>)[key] = next;
    setEntryOrigin(container, key, originOf(cur));
  };
  for (const r of resources) {
    for (const fs of specs) {
      visitFieldSpec(
        r.body,
        fs,
        (parent, key) => {
          const target = parent[key];
          if (typeof target === 'string') expandAt(parent, key);
          else if (Array.isArray(target)) target.forEach((_, i) => expandAt(target, i));
          else if (isMap(target)) for (const k of Object.keys(target)) expandAt(target, k);
        },
        { createKind: 'none' },
      );
    }
    // Annotations are rebuilt as text: a `$(VAR)` that took a number or boolean is written as text.
    const ann = r.body.metadata && isMap(r.body.metadata) ? r.body.metadata.annotations : undefined;
    if (isMap(ann)) for (const k of Object.keys(ann)) if (typeof ann[k] === 'number' || typeof ann[k] === 'boolean' || typeof ann[k] === 'bigint') ann[k] = String(ann[k]);
  }
  return resources;
}

export { effectiveNamespace };
