/**
 * configMapGenerator / secretGenerator (kustomize's ConfigMapGenerator and SecretGenerator):
 * gather key/value pairs from env files, literals and files, build the object, and absorb it
 * into the accumulated list (create, merge or replace by id).
 */
import { posix } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { entryOrigin, isMap, newDict, newMap, setEntryOrigin, stampOrigins, type Value, type ValueMap } from '../core/provenance.js';
import { allIds, currentId, idEquals, idString } from './ids.js';
import type { RootFileLoader } from './loader.js';
import { newResource } from './resources.js';
import type { KResource, ResId } from './types.js';

export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

export interface GeneratorArgs {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace: string;
  behavior: string;
  literals: string[];
  files: string[];
  envs: string[];
  type?: string;
  options?: GeneratorOptions;
  /** Where the generator entry is written (the generated object's origin). */
  location: Location;
}

function strMap(v: Value | undefined): Record<string, string> | undefined {
  if (!isMap(v)) return undefined;
  const out = newDict<string>();
  for (const k of Object.keys(v)) out[k] = typeof v[k] === 'string' ? (v[k] as string) : '';
  return out;
}

export function optionsFrom(v: Value | undefined): GeneratorOptions | undefined {
  if (!isMap(v)) return undefined;
  return {
    labels: strMap(v.labels),
    annotations: strMap(v.annotations),
    disableNameSuffixHash: v.disableNameSuffixHash === true,
    immutable: v.immutable === true,
  };
}

export function argsFrom(kind: 'ConfigMap' | 'Secret', v: Value, location: Location): GeneratorArgs {
  const m = isMap(v) ? v : newMap();
  const strs = (x: Value | undefined) => (Array.isArray(x) ? x.map((s) => (typeof s === 'string' ? s : '')) : []);
  const str = (x: Value | undefined) => (typeof x === 'string' ? x : '');
  return {
    kind,
    name: str(m.name),
    namespace: str(m.namespace),
    behavior: str(m.behavior),
    literals: strs(m.literals),
    files: strs(m.files),
    envs: strs(m.envs),
    type: kind === 'Secret' ? str(m.type) : undefined,
    options: optionsFrom(m.options),
    location,
  };
}

/** Global generatorOptions fill in what the generator's own options lack (kustomize's merge). */
export function mergeOptions(local: GeneratorOptions | undefined, global: GeneratorOptions | undefined): GeneratorOptions {
  const out: GeneratorOptions = {
    labels: local?.labels ? Object.assign(newDict<string>(), local.labels) : undefined,
    annotations: local?.annotations ? Object.assign(newDict<string>(), local.annotations) : undefined,
    disableNameSuffixHash: local?.disableNameSuffixHash ?? false,
    immutable: local?.immutable ?? false,
  };
  if (!global) return out;
  if (global.labels) {
    out.labels ??= newDict<string>();
    for (const [k, v] of Object.entries(global.labels)) if (!(k in out.labels)) out.labels[k] = v;
  }
  if (global.annotations) {
    out.annotations ??= newDict<string>();
    for (const [k, v] of Object.entries(global.annotations)) if (!(k in out.annotations)) out.annotations[k] = v;
  }
  if (global.disableNameSuffixHash) out.disableNameSuffixHash = true;
  if (global.immutable) out.immutable = true;
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Base64 as kustomize writes generated data: 70-character lines, each ending in `\n`, once 70 or longer. */
export function encodeBase64(bytes: Uint8Array): string {
  const enc = Buffer.from(bytes).toString('base64');
  if (enc.length < 70) return enc;
  let out = '';
  for (let i = 0; i < enc.length; i += 70) out += enc.slice(i, i + 70) + '\n';
  return out;
}

interface Pair {
  key: string;
  value: Uint8Array;
}

function parseLiteral(source: string, where: Location): Pair {
  const eq = source.indexOf('=');
  // The entry is not quoted: a literal is often a secret value written without its key.
  if (eq <= 0) throw new UserError(`invalid literal source (${eq === 0 ? 'an empty key' : "no '='"}), expected key=value`, { location: where });
  const key = source.slice(0, eq);
  let value = source.slice(eq + 1);
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) {
    value = value.slice(1, -1);
  }
  return { key, value: Buffer.from(value, 'utf8') };
}

function parseEnvFile(bytes: Buffer, display: string, where: Location): Pair[] {
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new UserError(`invalid UTF-8 in env file '${display}'`, { location: where });
  const out: Pair[] = [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (Buffer.byteLength(line, 'utf8') > 64 * 1024) break;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    // Go's unicode.IsSpace: JavaScript's \s would also strip U+FEFF, which kustomize keeps.
    line = line.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    const value = eq < 0 ? '' : line.slice(eq + 1);
    if (key === '') continue;
    out.push({ key, value: Buffer.from(value, 'utf8') });
  }
  return out;
}

function parseFileSource(source: string, where: Location): { key: string; path: string } {
  const n = source.split('=').length - 1;
  if (n === 0) {
    const trimmed = source.replace(/\\/g, '/');
    return { key: posix.basename(trimmed), path: source };
  }
  if (n === 1 && source.startsWith('=')) {
    throw new UserError(`missing key name for file path "${source.slice(1)}" in source "${source}"`, { location: where });
  }
  if (n === 1 && source.endsWith('=')) {
    throw new UserError(`missing file path for key name "${source.slice(0, -1)}" in source "${source}"`, { location: where });
  }
  if (n > 1) throw new UserError(`key names or file paths cannot contain '='`, { location: where });
  const [key, path] = source.split('=') as [string, string];
  return { key, path };
}

function gatherPairs(args: GeneratorArgs, loader: RootFileLoader): Pair[] {
  const where = args.location;
  const pairs: Pair[] = [];
  for (const env of args.envs) {
    const { bytes, displayPath } = loader.readBytes(env, where);
    pairs.push(...parseEnvFile(bytes, displayPath, where));
  }
  for (const lit of args.literals) pairs.push(parseLiteral(lit, where));
  for (const f of args.files) {
    const { key, path } = parseFileSource(f, where);
    const { bytes } = loader.readBytes(path, where);
    pairs.push({ key, value: bytes });
  }
  const seen = new Set<string>();
  for (const p of pairs) {
    if (seen.has(p.key)) {
      // kustomize words this the same way for Secrets.
      throw new UserError(`configmap ${args.name} illegally repeats the key \`${p.key}\``, { location: where });
    }
    seen.add(p.key);
  }
  return pairs;
}

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Builds the generated object; `options` already merged with the global generatorOptions. */
export function generate(args: GeneratorArgs, options: GeneratorOptions, loader: RootFileLoader): KResource {
  if (args.name === '') {
    throw new UserError(`a ${args.kind === 'ConfigMap' ? 'configmap' : 'secret'} generator needs a name`, { location: args.location });
  }
  const pairs = gatherPairs(args, loader).sort((a, b) => byteCompare(a.key, b.key));
  const body = newMap();
  body.apiVersion = 'v1';
  body.kind = args.kind;
  const md = newMap();
  md.name = args.name;
  if (args.namespace) md.namespace = args.namespace;
  if (options.labels && Object.keys(options.labels).length > 0) {
    const l = newMap();
    for (const [k, v] of Object.entries(options.labels)) l[k] = v;
    md.labels = l;
  }
  if (options.annotations && Object.keys(options.annotations).length > 0) {
    const a = newMap();
    for (const [k, v] of Object.entries(options.annotations)) a[k] = v;
    md.annotations = a;
  }
  body.metadata = md;
  if (args.kind === 'Secret') {
    body.type = args.type || 'Opaque';
    // A Secret always carries `data`, even when empty (a ConfigMap does not).
    const data = newMap();
    for (const p of pairs) data[p.key] = encodeBase64(p.value);
    body.data = data;
  } else {
    const data = newMap();
    const binary = newMap();
    for (const p of pairs) {
      const text = decodeUtf8(p.value);
      if (text !== undefined) data[p.key] = text;
      else binary[p.key] = encodeBase64(p.value);
    }
    if (Object.keys(data).length > 0) body.data = data;
    if (Object.keys(binary).length > 0) body.binaryData = binary;
  }
  if (options.immutable) body.immutable = true;
  stampOrigins(body, args.location);
  const r = newResource(body, { file: args.location.file, line: args.location.line });
  r.meta.needsHash = !options.disableNameSuffixHash;
  r.meta.behavior = args.behavior === 'merge' || args.behavior === 'replace' ? args.behavior : 'create';
  r.meta.generatedBy = args.kind === 'ConfigMap' ? 'ConfigMapGenerator' : 'SecretGenerator';
  return r;
}

function goIdString(id: ResId): string {
  return idString(id);
}

function mapOrNew(v: Value | undefined): ValueMap {
  return isMap(v) ? v : newMap();
}

/** Union of two string maps, `over` winning, in sorted key order (kustomize rewrites them). */
function union(base: ValueMap | undefined, over: ValueMap | undefined): ValueMap {
  const out = newMap();
  const keys = new Set<string>([...Object.keys(base ?? {}), ...Object.keys(over ?? {})]);
  for (const k of [...keys].sort(byteCompare)) {
    if (over && Object.prototype.hasOwnProperty.call(over, k)) {
      out[k] = over[k]!;
      setEntryOrigin(out, k, entryOrigin(over, k));
    } else {
      out[k] = base![k]!;
      setEntryOrigin(out, k, entryOrigin(base!, k));
    }
  }
  return out;
}

function copyEntryOrigins(target: ValueMap, from: ValueMap | undefined, loc: Location | undefined): void {
  for (const k of Object.keys(target)) {
    if (from && Object.prototype.hasOwnProperty.call(from, k)) setEntryOrigin(target, k, loc);
  }
}

/**
 * Adds a generated object to the list: appended when its id is new, merged or replaced in
 * place when the generator says so (kustomize's appendReplaceOrMerge).
 */
export function absorbGenerated(resources: KResource[], gen: KResource): void {
  const id = currentId(gen);
  const matches = resources.filter((r) => allIds(r).some((x) => idEquals(x, id)));
  const behavior = gen.meta.behavior ?? 'create';
  if (matches.length === 0) {
    if (behavior === 'merge' || behavior === 'replace') {
      throw new UserError(`id ${goIdString(id)} does not exist; cannot merge or replace`, { location: gen.origin });
    }
    resources.push(gen);
    return;
  }
  if (matches.length > 1) {
    throw new UserError(`found multiple objects that could accept merge of ${goIdString(id)}`, { location: gen.origin });
  }
  const old = matches[0]!;
  if (behavior !== 'merge' && behavior !== 'replace') {
    throw new UserError(`id ${goIdString(id)} exists; behavior must be merge or replace`, { location: gen.origin });
  }
  const loc = gen.origin;
  const oldMd = mapOrNew(old.body.metadata);
  const newMd = mapOrNew(gen.body.metadata);
  const labels = union(isMap(oldMd.labels) ? oldMd.labels : undefined, isMap(newMd.labels) ? newMd.labels : undefined);
  copyEntryOrigins(labels, isMap(newMd.labels) ? newMd.labels : undefined, loc);
  const annotations = union(
    isMap(oldMd.annotations) ? oldMd.annotations : undefined,
    isMap(newMd.annotations) ? newMd.annotations : undefined,
  );
  copyEntryOrigins(annotations, isMap(newMd.annotations) ? newMd.annotations : undefined, loc);
  if (Object.keys(labels).length > 0) newMd.labels = labels;
  else delete newMd.labels;
  if (Object.keys(annotations).length > 0) newMd.annotations = annotations;
  else delete newMd.annotations;
  newMd.name = oldMd.name ?? newMd.name;
  if (typeof oldMd.namespace === 'string' && oldMd.namespace !== '') newMd.namespace = oldMd.namespace;
  else delete newMd.namespace;
  if (behavior === 'merge') {
    for (const field of ['data', 'binaryData']) {
      const o = isMap(old.body[field]) ? (old.body[field] as ValueMap) : undefined;
      const n = isMap(gen.body[field]) ? (gen.body[field] as ValueMap) : undefined;
      if (!o && !n) continue;
      const merged = union(o, n);
      copyEntryOrigins(merged, n, loc);
      gen.body[field] = merged;
    }
  }
  gen.meta.previousIds = [...old.meta.previousIds];
  gen.meta.prefixes = [...old.meta.prefixes];
  gen.meta.suffixes = [...old.meta.suffixes];
  gen.meta.needsHash = old.meta.needsHash && gen.meta.needsHash;
  // kustomize keeps the old object's origin through a merge; a replacement is the new generator's.
  if (behavior === 'merge') gen.origin = old.origin;
  resources[resources.indexOf(old)] = gen;
}

/**
 * kustomize's builtin IAMPolicyGenerator: for `cloud: gke`, one ServiceAccount bound to a Google
 * service account by the `iam.gke.io/gcp-service-account` annotation. Nothing is fetched.
 */
export function generateIamPolicy(c: ValueMap, where: Location): KResource {
  const text = (v: Value | undefined, field: string): string => {
    if (v === undefined || v === null) return '';
    if (typeof v === 'object') throw new UserError(`IAMPolicyGenerator: ${field} must be text`, { location: where });
    return String(v);
  };
  const cloud = text(c.cloud, 'cloud');
  if (cloud !== 'gke') throw new UserError(`cloud provider ${cloud} not supported yet`, { location: where });
  const ks = isMap(c.kubernetesService) ? c.kubernetesService : newMap();
  const sa = isMap(c.serviceAccount) ? c.serviceAccount : newMap();
  const body = newMap();
  body.apiVersion = 'v1';
  body.kind = 'ServiceAccount';
  const md = newMap();
  const ann = newMap();
  ann['iam.gke.io/gcp-service-account'] = `${text(sa.name, 'serviceAccount.name')}@${text(sa.projectId, 'serviceAccount.projectId')}.iam.gserviceaccount.com`;
  md.annotations = ann;
  md.name = text(ks.name, 'kubernetesService.name');
  const ns = text(ks.namespace, 'kubernetesService.namespace');
  if (ns !== '') md.namespace = ns;
  body.metadata = md;
  stampOrigins(body, where);
  const r = newResource(body, { file: where.file, line: where.line });
  r.meta.behavior = 'create';
  r.meta.generatedBy = 'IAMPolicyGenerator';
  return r;
}
