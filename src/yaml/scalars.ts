/**
 * Resolution of plain YAML scalars to values.
 *
 * Kustomize reads resources with YAML 1.2-like rules (go-yaml v3) and kustomization files with
 * YAML 1.1 rules (go-yaml v2). Both then go through JSON, so timestamps end up as RFC 3339
 * strings and infinities or NaN are errors. `resolvePlain` returns the JSON-level value.
 */
import type { Scalar } from '../model/provenance.js';

export type Dialect = 'yaml12' | 'yaml11';

export class ScalarError extends Error {}

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUE12 = new Set(['true', 'True', 'TRUE']);
const FALSE12 = new Set(['false', 'False', 'FALSE']);
const TRUE11 = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE11 = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const INF = /^[-+]?\.(inf|Inf|INF)$/;
const NAN = /^\.(nan|NaN|NAN)$/;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt/ParseUint with base 0 (prefix decides the base), no underscores. */
export function parseGoInteger(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const body = m[2]!;
  let magnitude: bigint;
  if (/^0[xX]/.test(body)) magnitude = BigInt('0x' + body.slice(2));
  else if (/^0[oO]/.test(body)) magnitude = BigInt('0o' + body.slice(2));
  else if (/^0[bB]/.test(body)) magnitude = BigInt('0b' + body.slice(2));
  else if (body.length > 1 && body.startsWith('0')) magnitude = BigInt('0o' + body.slice(1));
  else magnitude = BigInt(body);
  return sign * magnitude;
}

/** A JS number when exact, a bigint when the integer is beyond 2^53. */
export function integerValue(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function fitsInt64OrUint64(v: bigint): boolean {
  return (v >= INT64_MIN && v <= INT64_MAX) || (v >= 0n && v <= UINT64_MAX);
}

function parseFloatStrict(text: string): number | undefined {
  const f = Number(text);
  if (!Number.isFinite(f)) return undefined; // Go reports overflow as an error: stays a string
  return f;
}

/**
 * go-yaml v3 timestamp forms: 2006-1-2T15:4:5.999999999Z07:00 (also with `t`),
 * 2006-1-2 15:4:5.999999999, and 2006-1-2. Returns the RFC 3339 text Go's JSON encoder writes.
 */
export function parseTimestamp(text: string): string | undefined {
  if (!/^[0-9]{4}-/.test(text)) return undefined;
  const m =
    /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:([Tt])|( ))([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/.exec(
      text,
    );
  if (!m) return undefined;
  const [, y, mo, d, tee, space, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(Number(y), month)) return undefined;
  const pad = (n: string | undefined) => (n ?? '0').padStart(2, '0');
  if (h === undefined) return `${y}-${pad(mo)}-${pad(d)}T00:00:00Z`;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (space !== undefined && zone !== undefined) return undefined;
  if (tee !== undefined && zone === undefined) return undefined;
  let fraction = frac ? frac.replace(/0+$/, '') : '';
  if (fraction === '.') fraction = '';
  const z = zone === undefined || zone === 'Z' || zone === '+00:00' ? 'Z' : zone === '-00:00' ? 'Z' : zone;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${fraction}${z}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Resolve an untagged plain scalar. Throws ScalarError for values JSON cannot carry. */
export function resolvePlain(text: string, dialect: Dialect): Scalar {
  if (NULLS.has(text)) return null;
  if (dialect === 'yaml12') {
    if (TRUE12.has(text)) return true;
    if (FALSE12.has(text)) return false;
  } else {
    if (TRUE11.has(text)) return true;
    if (FALSE11.has(text)) return false;
  }
  if (INF.test(text) || NAN.test(text)) {
    throw new ScalarError(`json: unsupported value: ${text} (infinity and NaN cannot be rendered)`);
  }
  const first = text.charCodeAt(0);
  const numericStart = (first >= 48 && first <= 57) || text[0] === '+' || text[0] === '-' || text[0] === '.';
  if (!numericStart) return text;
  if (text[0] === '.') {
    const f = dialect === 'yaml12' ? parseFloatStrict(text) : YAML_FLOAT.test(text) ? parseFloatStrict(text) : undefined;
    return f === undefined ? text : f;
  }
  if (dialect === 'yaml12') {
    const ts = parseTimestamp(text);
    if (ts !== undefined) return ts;
  }
  const plain = text.replace(/_/g, '');
  const int = parseGoInteger(plain);
  if (int !== undefined && fitsInt64OrUint64(int)) return integerValue(int);
  if (YAML_FLOAT.test(plain)) {
    const f = parseFloatStrict(plain);
    if (f !== undefined) return f;
  }
  return text;
}

/** Resolve a scalar with an explicit standard tag (`!!str`, `!!int`, …). */
export function resolveTagged(text: string, tag: string, dialect: Dialect): Scalar {
  switch (tag) {
    case 'tag:yaml.org,2002:str':
      return text;
    case 'tag:yaml.org,2002:null':
      return null;
    case 'tag:yaml.org,2002:bool': {
      const v = resolvePlain(text, dialect);
      if (typeof v !== 'boolean') throw new ScalarError(`cannot decode !!str \`${text}\` as a !!bool`);
      return v;
    }
    case 'tag:yaml.org,2002:int':
    case 'tag:yaml.org,2002:float': {
      const v = resolvePlain(text, dialect);
      if (typeof v !== 'number' && typeof v !== 'bigint') {
        throw new ScalarError(`cannot decode !!str \`${text}\` as a ${tag.endsWith('int') ? '!!int' : '!!float'}`);
      }
      return v;
    }
    case 'tag:yaml.org,2002:binary':
      return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'tag:yaml.org,2002:timestamp': {
      const ts = parseTimestamp(text);
      return ts ?? text;
    }
    default:
      return text;
  }
}
