/**
 * Resolution of plain YAML scalars to values.
 *
 * Kustomize reads resources with YAML 1.2-like rules (go-yaml v3) and kustomization files with
 * YAML 1.1 rules (go-yaml v2). Both then go through JSON, so resource timestamps end up as
 * RFC 3339 strings and infinities or NaN are errors. `resolvePlain` returns the JSON-level value.
 *
 * Both go-yaml versions resolve numbers the same way: a hint from the first character, then Go's
 * `strconv` parsers (base-prefixed integers, int64 then uint64, then a YAML-style float). The
 * helpers below reproduce those parsers' acceptance rules, because the exact set of strings that
 * count as numbers decides both how input is read and which output strings must be quoted.
 */
import { parseDocument } from 'yaml';
import type { Scalar } from '../core/provenance.js';

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
/** YAML 1.1 base-60 numbers; go-yaml v2 quotes strings of this shape on output. */
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt with base 0 (prefix decides the base), no underscores. */
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

/**
 * The integer Go's ParseInt (int64) or, failing that, ParseUint (uint64, no sign) reads from
 * `text` with base 0, or undefined.
 */
function goInteger(text: string): bigint | undefined {
  const v = parseGoInteger(text);
  if (v === undefined) return undefined;
  if (v >= INT64_MIN && v <= INT64_MAX) return v;
  if (text[0] !== '+' && text[0] !== '-' && v <= UINT64_MAX) return v;
  return undefined;
}

/** Go's rule for where `_` may appear in a number literal (between digits, or after a base prefix). */
function underscoresWellPlaced(s: string): boolean {
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const GO_DECIMAL_FLOAT = /^[+-]?(?:[0-9_]+(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][+-]?[0-9][0-9_]*)?$/;
const GO_HEX_FLOAT = /^[+-]?0[xX](?:[0-9a-fA-F_]+(?:\.[0-9a-fA-F_]*)?|\.[0-9a-fA-F_]+)[pP][+-]?[0-9][0-9_]*$/;
const GO_SPECIAL_FLOAT = /^[+-]?(?:inf|infinity|nan)$/i;

/**
 * Go's strconv.ParseFloat(text, 64): the value, or undefined when Go reports an error
 * (bad syntax, or overflow to infinity; underflow to zero is not an error).
 */
export function goParseFloat(text: string): number | undefined {
  if (GO_SPECIAL_FLOAT.test(text)) {
    const lower = text.toLowerCase();
    if (lower.endsWith('nan')) return NaN;
    return lower.startsWith('-') ? -Infinity : Infinity;
  }
  let value: number;
  if (GO_DECIMAL_FLOAT.test(text)) {
    if (!/[0-9]/.test(text.replace(/[eE].*$/, ''))) return undefined;
    if (text.includes('_') && !underscoresWellPlaced(text)) return undefined;
    value = Number(text.replace(/_/g, ''));
  } else if (GO_HEX_FLOAT.test(text)) {
    if (text.includes('_') && !underscoresWellPlaced(text)) return undefined;
    value = parseHexFloat(text.replace(/_/g, ''));
  } else {
    return undefined;
  }
  if (!Number.isFinite(value)) return undefined;
  return value;
}

function parseHexFloat(text: string): number {
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(text)!;
  const digits = (m[2] ?? '') + (m[3] ?? '');
  if (digits === '') return NaN;
  const mantissa = BigInt('0x' + digits);
  const exponent = Number(m[4]) - 4 * (m[3]?.length ?? 0);
  const magnitude = Number(mantissa) * Math.pow(2, exponent);
  return m[1] === '-' ? -magnitude : magnitude;
}

interface TimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction digits as written (after truncation to 9), without the separator. */
  fraction: string;
  /** Offset in minutes east of UTC; undefined means UTC. */
  offset: number | undefined;
}

/** Reads 1 or 2 digits at `i` the way Go's time.Parse does for non-padded fields. */
function readNum(s: string, i: number): [number, number] | undefined {
  if (!isAsciiDigit(s, i)) return undefined;
  if (isAsciiDigit(s, i + 1)) return [Number(s.slice(i, i + 2)), i + 2];
  return [Number(s[i]), i + 1];
}

function isAsciiDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * go-yaml's timestamp check: the text starts with 4 digits and `-`, and Go's time.Parse
 * accepts one of `2006-1-2T15:4:5.999999999Z07:00`, the same with a lowercase `t`,
 * `2006-1-2 15:4:5.999999999`, or `2006-1-2`.
 */
function parseGoTimestamp(s: string): TimeParts | undefined {
  if (!/^[0-9]{4}-/.test(s)) return undefined;
  const year = Number(s.slice(0, 4));
  let i = 5;
  const mo = readNum(s, i);
  if (!mo) return undefined;
  i = mo[1];
  if (s[i] !== '-') return undefined;
  const d = readNum(s, i + 1);
  if (!d) return undefined;
  i = d[1];
  const month = mo[0];
  const day = d[0];
  if (month < 1 || month > 12) return undefined;
  const parts: TimeParts = { year, month, day, hour: 0, minute: 0, second: 0, fraction: '', offset: undefined };
  if (i === s.length) return validDay(parts);
  const sep = s[i];
  let zoned: boolean;
  if (sep === 'T' || sep === 't') {
    zoned = true;
    i++;
  } else if (sep === ' ') {
    zoned = false;
    while (s[i] === ' ') i++;
  } else {
    return undefined;
  }
  const h = readNum(s, i);
  if (!h || s[h[1]] !== ':') return undefined;
  const mi = readNum(s, h[1] + 1);
  if (!mi || s[mi[1]] !== ':') return undefined;
  const se = readNum(s, mi[1] + 1);
  if (!se) return undefined;
  i = se[1];
  parts.hour = h[0];
  parts.minute = mi[0];
  parts.second = se[0];
  if (parts.hour >= 24 || parts.minute >= 60 || parts.second >= 60) return undefined;
  if ((s[i] === '.' || s[i] === ',') && isAsciiDigit(s, i + 1)) {
    let j = i + 1;
    while (isAsciiDigit(s, j)) j++;
    parts.fraction = s.slice(i + 1, Math.min(j, i + 10));
    i = j;
  }
  if (zoned) {
    if (s[i] === 'Z') {
      i++;
    } else {
      const z = /^([+-])([0-9]{2}):([0-9]{2})/.exec(s.slice(i));
      if (!z) return undefined;
      const hours = Number(z[2]);
      const minutes = Number(z[3]);
      if (hours > 24 || minutes > 60) return undefined;
      parts.offset = (z[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
      i += 6;
    }
  }
  if (i !== s.length) return undefined;
  return validDay(parts);
}

function validDay(p: TimeParts): TimeParts | undefined {
  const days = new Date(Date.UTC(2000, p.month, 0)).getUTCDate();
  const leap = p.year % 4 === 0 && (p.year % 100 !== 0 || p.year % 400 === 0);
  const max = p.month === 2 ? (leap ? 29 : 28) : days;
  return p.day >= 1 && p.day <= max ? p : undefined;
}

/**
 * go-yaml v3 timestamp forms (see parseGoTimestamp). Returns the RFC 3339 text Go's JSON
 * encoder writes for the parsed time (trailing fraction zeros dropped, a zero offset as `Z`).
 */
export function parseTimestamp(text: string): string | undefined {
  const p = parseGoTimestamp(text);
  if (!p) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  let fraction = p.fraction.padEnd(9, '0').replace(/0+$/, '');
  if (fraction) fraction = '.' + fraction;
  let zone = 'Z';
  if (p.offset !== undefined && p.offset !== 0) {
    const abs = Math.abs(p.offset);
    zone = `${p.offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  }
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}${fraction}${zone}`;
}

/**
 * The number go-yaml reads from an untagged plain scalar starting with a digit or a sign,
 * after timestamps were ruled out: a Go integer (int64, then uint64) once `_` are removed, or a
 * YAML-style float that does not overflow. Undefined means the scalar is a string.
 */
function numberFromDigitsOrSign(text: string): number | bigint | undefined {
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  const int = goInteger(plain);
  if (int !== undefined) return integerValue(int);
  if (YAML_FLOAT.test(plain)) {
    const f = goParseFloat(plain);
    if (f !== undefined) return f;
  }
  return undefined;
}

function startsNumeric(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 /* + */ || c === 45; /* - */
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
  if (text[0] === '.') {
    const f = goParseFloat(text);
    if (f === undefined) return text;
    if (!Number.isFinite(f)) throw new ScalarError(`json: unsupported value: ${text} (infinity and NaN cannot be rendered)`);
    return f;
  }
  if (!startsNumeric(text)) return text;
  // go-yaml v2 keeps timestamps as their text when decoding into generic data; v3 makes them times.
  if (dialect === 'yaml12') {
    const ts = parseTimestamp(text);
    if (ts !== undefined) return ts;
  }
  const n = numberFromDigitsOrSign(text);
  return n === undefined ? text : n;
}

const MAYBE_NON_STRING: boolean[] = [];
for (const ch of '+-0123456789.yYnNtTfFoO~') MAYBE_NON_STRING[ch.charCodeAt(0)] = true;

/**
 * Whether go-yaml v2 would read `text`, written as a plain scalar, as something other than a
 * string (null, bool, number, timestamp, or a YAML 1.1 base-60 number). The v2 encoder writes
 * such strings double-quoted.
 */
export function isNonStringPlain11(text: string): boolean {
  const c = text.charCodeAt(0);
  // go-yaml only looks further when the first character hints at a non-string.
  if (!MAYBE_NON_STRING[c] && text.length > 0) return false;
  if (NULLS.has(text) || TRUE11.has(text) || FALSE11.has(text)) return true;
  if (c === 46 /* . */) {
    return INF.test(text) || NAN.test(text) || goParseFloat(text) !== undefined;
  }
  if (!startsNumeric(text)) return false;
  if (INF.test(text)) return true;
  if (parseGoTimestamp(text)) return true;
  if (numberFromDigitsOrSign(text) !== undefined) return true;
  return text.includes(':') && BASE60_FLOAT.test(text);
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

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  "'": "'",
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

function isLineBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
}

/**
 * The content of a double-quoted scalar (`raw` is the text between the quotes) decoded as
 * go-yaml v3 does: its escape set (`\'` and a backslash before a tab are accepted, `\/` is not),
 * no surrogate code points, and line folding. Throws ScalarError with go-yaml's wording.
 */
export function decodeDoubleQuoted(raw: string): string {
  let out = '';
  let i = 0;
  const n = raw.length;
  while (i < n) {
    let leadingBlanks = false;
    while (i < n && !isBlank(raw[i]) && !isLineBreak(raw[i])) {
      const c = raw[i]!;
      if (c === '\\' && isLineBreak(raw[i + 1])) {
        i += raw[i + 1] === '\r' && raw[i + 2] === '\n' ? 3 : 2;
        leadingBlanks = true;
        break;
      }
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = raw[i + 1];
      if (e !== undefined && SIMPLE_ESCAPES[e] !== undefined) {
        out += SIMPLE_ESCAPES[e];
        i += 2;
        continue;
      }
      const length = e === undefined ? undefined : HEX_ESCAPE_LENGTH[e];
      if (length === undefined) throw new ScalarError('found unknown escape character while parsing a quoted scalar');
      const hex = raw.slice(i + 2, i + 2 + length);
      if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) {
        throw new ScalarError('did not find expected hexdecimal number while parsing a quoted scalar');
      }
      const code = parseInt(hex, 16);
      if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
        throw new ScalarError('found invalid Unicode character escape code while parsing a quoted scalar');
      }
      out += String.fromCodePoint(code);
      i += 2 + length;
    }
    let whitespace = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    while (i < n && (isBlank(raw[i]) || isLineBreak(raw[i]))) {
      const c = raw[i]!;
      if (isBlank(c)) {
        if (!leadingBlanks) whitespace += c;
        i++;
        continue;
      }
      const brk = c === '\r' || c === '\u0085' ? '\n' : c;
      i += c === '\r' && raw[i + 1] === '\n' ? 2 : 1;
      if (!leadingBlanks) {
        whitespace = '';
        leadingBreak = brk;
        leadingBlanks = true;
      } else {
        trailingBreaks += brk;
      }
    }
    if (leadingBlanks) {
      if (leadingBreak === '\n') out += trailingBreaks === '' ? ' ' : trailingBreaks;
      else out += leadingBreak + trailingBreaks;
    } else {
      out += whitespace;
    }
  }
  return out;
}

/** Go's strconv.FormatFloat(n, 'g', -1, 64): shortest digits, exponent form below 1e-4 or from 1e21 on. */
export function formatGoShortestG(n: number): string {
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const exp = n.toExponential(); // shortest round-trip digits, like Go
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp)!;
  const e = Number(m[4]);
  if (e < -4 || e >= 6) {
    const abs = Math.abs(e);
    return `${m[1]}${m[2]}${m[3] ? '.' + m[3] : ''}e${e < 0 ? '-' : '+'}${abs < 10 ? '0' + abs : abs}`;
  }
  return String(n);
}

/**
 * The string sigs.k8s.io/yaml makes of a non-string key in a kustomization file: an int as
 * decimal digits, a float in Go's shortest `%g`, a bool as `true`/`false`. Undefined when it
 * refuses the key (a uint64 beyond int64).
 */
export function keyAsString11(value: Scalar, source: string): string | undefined {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value >= INT64_MIN && value <= INT64_MAX ? value.toString() : undefined;
  if (typeof value === 'number') {
    const asInteger = goInteger(source.replace(/_/g, ''));
    if (asInteger !== undefined) return asInteger >= INT64_MIN && asInteger <= INT64_MAX ? asInteger.toString() : undefined;
    return formatGoShortestG(value);
  }
  return undefined;
}

/**
 * The value of a folded (`>`) block scalar after kustomize's round trip through go-yaml v3,
 * which writes the node again in folded style before reading it back. That writer adds a blank
 * line after each line break so the break survives folding, but decides whether to do so by
 * looking at the first character of the whole value instead of the next line: when the value
 * starts with a non-blank, a break before a more-indented line gains an extra newline; when it
 * starts with a blank, breaks between ordinary lines fold into spaces.
 *
 * `isBlockAllowed` tells whether the writer keeps block style at all (otherwise it quotes the
 * value and nothing changes).
 */
export function foldedRoundTrip(value: string, isBlockAllowed: boolean): string {
  if (!isBlockAllowed || !value.includes('\n') || /[\r\u0085\u2028\u2029]/.test(value)) return value;
  let k = 0;
  while (value[k] === '\n') k++;
  const startsBlank = value[k] === ' ' || value[k] === '\t';
  const indentHint = value[0] === ' ' || value[0] === '\n' ? '2' : '';
  const chomp = !value.endsWith('\n') ? '-' : value === '\n' || value.endsWith('\n\n') ? '+' : '';
  let text = `k: >${indentHint}${chomp}\n`;
  let breaks = true;
  let leadingSpaces = true;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\n') {
      if (!breaks && !leadingSpaces && !startsBlank) text += '\n';
      text += '\n';
      breaks = true;
    } else {
      if (breaks) {
        text += '  ';
        leadingSpaces = c === ' ' || c === '\t';
      }
      text += c;
      breaks = false;
    }
  }
  const doc = parseDocument(text, { schema: 'failsafe' });
  const read = doc.errors.length === 0 ? (doc.get('k') as unknown) : undefined;
  return typeof read === 'string' ? read : value;
}

/**
 * A block scalar (`|` or `>`) read from `text` at `start` (its indicator) with go-yaml's
 * scanner rules, given the indentation of the enclosing block collection (-1 at the top
 * level). Used where the YAML library reads differently: with an explicit indentation
 * indicator it ends the scalar before trailing lines of spaces that go-yaml keeps.
 * Returns undefined when the header is not one this reader understands.
 */
export function decodeBlockScalar(text: string, start: number, parentIndent: number): string | undefined {
  const header = /^([|>])([+-]?)([1-9]?)([+-]?)[ \t]*(?:#[^\n]*)?(?:\r?\n|$)/.exec(text.slice(start, start + 200));
  if (!header || (header[2] && header[4])) return undefined;
  const literal = header[1] === '|';
  const chomp = header[2] || header[4];
  const increment = header[3] ? Number(header[3]) : 0;
  let indent = increment ? (parentIndent >= 0 ? parentIndent + increment : increment) : 0;
  let pos = start + header[0].length;
  let column = 0;
  let out = '';
  let leadingBreak = '';
  let trailingBreaks = '';
  let leadingBlank = false;

  const isBreakAt = (p: number) => text[p] === '\n' || text[p] === '\r';
  const readLineBreak = (p: number) => (text[p] === '\r' && text[p + 1] === '\n' ? 2 : 1);
  // Eats indentation and empty lines; returns false when the scalar cannot continue.
  const scanBreaks = (): void => {
    let maxIndent = 0;
    for (;;) {
      while ((indent === 0 || column < indent) && text[pos] === ' ') {
        pos++;
        column++;
      }
      if (column > maxIndent) maxIndent = column;
      if (!isBreakAt(pos)) break;
      pos += readLineBreak(pos);
      column = 0;
      trailingBreaks += '\n';
    }
    if (indent === 0) indent = Math.max(maxIndent, parentIndent + 1, 1);
  };

  scanBreaks();
  while (column === indent && pos < text.length) {
    const trailingBlank = text[pos] === ' ' || text[pos] === '\t';
    if (!literal && leadingBreak === '\n' && !leadingBlank && !trailingBlank) {
      if (trailingBreaks === '') out += ' ';
      leadingBreak = '';
    } else {
      out += leadingBreak;
      leadingBreak = '';
    }
    out += trailingBreaks;
    trailingBreaks = '';
    leadingBlank = text[pos] === ' ' || text[pos] === '\t';
    let end = pos;
    while (end < text.length && !isBreakAt(end)) end++;
    out += text.slice(pos, end);
    pos = end;
    if (pos >= text.length) break;
    pos += readLineBreak(pos);
    column = 0;
    leadingBreak = '\n';
    scanBreaks();
  }
  if (chomp !== '-') out += leadingBreak;
  if (chomp === '+') out += trailingBreaks;
  return out;
}
