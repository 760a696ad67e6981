/**
 * Name hash suffix (kustomize's HashTransformer), computed once at the top level on the final
 * content: Go-JSON encoding of a small object (or the whole object for other kinds), SHA-256,
 * first 10 hex characters with kustomize's letter substitutions.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../core/errors.js';
import { isMap, newMap, type Value, type ValueMap } from '../core/provenance.js';
import { storePreviousId } from './ids.js';
import { setName } from './transform-util.js';
import type { KResource } from './types.js';

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** A JSON string as Go's encoding/json writes it (HTML-safe escapes, U+2028/2029 escaped). */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

function goNumber(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toString();
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go writes exponents with at least two digits: 1e-07
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2').replace('e+', 'e+');
  }
  return String(n);
}

/** Go's json.Marshal of generic data: map keys sorted, no whitespace. */
export function goJson(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint') return goNumber(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const keys = Object.keys(v).sort(byteCompare);
  return `{${keys.map((k) => `${goJsonString(k)}:${goJson(v[k]!)}`).join(',')}}`;
}

export function encodeHash(hex: string): string {
  return hex
    .slice(0, 10)
    .replace(/[013ae]/g, (c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c as '0' | '1' | '3' | 'a' | 'e']);
}

function hashInput(body: ValueMap): string | undefined {
  const kind = body.kind;
  if (kind === 'ConfigMap') {
    const m = newMap();
    m.kind = 'ConfigMap';
    m.name = '';
    m.data = isMap(body.data) ? body.data : '';
    if (isMap(body.binaryData)) m.binaryData = body.binaryData;
    return goJson(m);
  }
  if (kind === 'Secret') {
    const m = newMap();
    m.kind = 'Secret';
    m.name = '';
    m.type = typeof body.type === 'string' ? body.type : '';
    m.data = isMap(body.data) ? body.data : '';
    if (isMap(body.stringData)) m.stringData = body.stringData;
    return goJson(m);
  }
  return undefined;
}

export function contentHash(body: ValueMap): string {
  const input = hashInput(body);
  if (input === undefined) {
    // For other kinds kustomize hashes its internal YAML node structure (with source line and
    // column numbers), which cannot be reproduced faithfully: refuse rather than differ.
    throw new UserError(`a name hash suffix on kind '${String(body.kind)}' is not supported (only ConfigMap and Secret)`);
  }
  return encodeHash(createHash('sha256').update(input, 'utf8').digest('hex'));
}

export function applyHashSuffixes(resources: KResource[]): KResource[] {
  for (const r of resources) {
    if (!r.meta.needsHash) continue;
    let h: string;
    try {
      h = contentHash(r.body);
    } catch (e) {
      if (e instanceof UserError) throw new UserError(e.message, { location: r.origin, hint: 'remove the internal.config.kubernetes.io/needsHashSuffix annotation' });
      throw e;
    }
    storePreviousId(r);
    const md = isMap(r.body.metadata) ? r.body.metadata : undefined;
    const name = md && typeof md.name === 'string' ? md.name : '';
    setName(r, `${name}-${h}`, r.origin);
  }
  return resources;
}
