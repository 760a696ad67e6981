/**
 * Compose's own `.env` dialect (docker compose v2, compose-go's dotenv parser), which differs
 * from the `dotenv` npm package: an unquoted value is cut at ` #` only (`a#b` stays whole), a
 * bare `KEY` line takes KEY from the environment, `KEY: value` is accepted, single quotes are
 * literal, double quotes span lines and understand escapes, and values are interpolated with
 * the variables of the environment and of the lines above.
 */
import { UserError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import { type Lookup, substitute, TemplateError } from './interpolate.js';

export interface DotenvEntry {
  value: string;
  /** Line of the key. */
  line: number;
}

/** Spaces that are not line breaks (compose-go's isSpace). */
function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r' || c === '\u0085' || c === '\u00a0';
}

function isUnicodeSpace(c: string): boolean {
  return /\s/u.test(c) || c === '\u0085';
}

/** Go escapes docker compose decodes in double-quoted values (`\$` stays a literal `$`). */
const ESCAPES = /\\(?:[abcfnrtv$"\\]|0[0-7]{0,3})/g;
const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };

function expandEscapes(s: string): string {
  return s.replace(ESCAPES, (m) => {
    const c = m[1]!;
    if (c === '$') return '$$';
    if (c === '0') {
      // `\0` followed by up to three octal digits reads as that octal escape; Go refuses fewer than three.
      const digits = m.slice(2);
      return digits.length === 3 ? String.fromCharCode(parseInt(digits, 8)) : m;
    }
    return SIMPLE[c] ?? m;
  });
}

/**
 * Parse one env file. `lookup` gives the environment's variables (used by bare keys and by
 * interpolation before the file's own earlier keys). Entries keep file order.
 */
export function parseDotenv(text: string, file: string, lookup: Lookup = () => undefined): Map<string, DotenvEntry> {
  if (Buffer.byteLength(text, 'utf8') > limits.maxFileBytes) {
    throw new UserError(`file is larger than the ${limits.maxFileBytes / 1024 / 1024} MiB limit`, { location: { file, line: 1 } });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const out = new Map<string, DotenvEntry>();
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === '\n') lineStarts.push(k + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const fail = (offset: number, message: string): never => {
    throw new UserError(message, { location: { file, line: lineAt(offset) } });
  };
  const lookupBoth: Lookup = (name) => lookup(name) ?? out.get(name)?.value;
  const expand = (value: string, at: number): string => {
    try {
      return substitute(value, lookupBoth);
    } catch (e) {
      if (e instanceof TemplateError) fail(at, e.message);
      throw e;
    }
  };

  let i = 0;
  for (;;) {
    // Statement start: skip blank space and whole comment lines.
    while (i < text.length && isUnicodeSpace(text[i]!)) i++;
    if (i >= text.length) break;
    if (text[i] === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    const statement = i;
    const exportPrefix = /^export\s+/.exec(text.slice(i, i + 64));
    if (exportPrefix) {
      i += 'export'.length;
      while (i < text.length && isSpace(text[i]!)) i++;
    }
    // The key: letters, digits, `_ . - [ ]`; it ends at `=`, `:` or a line break (a bare key).
    const keyStart = i;
    let keyEnd = -1;
    let inherited = false;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (isSpace(c)) continue;
      if (c === '=' || c === ':' || c === '\n') {
        keyEnd = i;
        inherited = c === '\n';
        break;
      }
      if ('_.-[]'.includes(c) || /[\p{L}\p{N}]/u.test(c)) continue;
      // Only the name read so far: the rest of the line may be a secret value.
      fail(i, `unexpected character ${JSON.stringify(c)} in variable name ${JSON.stringify(text.slice(keyStart, i))}`);
    }
    if (keyEnd < 0) {
      // A bare key on the last line without a line break: docker compose reads it as a value
      // with an empty name, which no reference can use, so it changes nothing.
      break;
    }
    const key = text.slice(keyStart, keyEnd).replace(/\s+$/u, '');
    if (key.includes(' ')) fail(statement, 'key cannot contain a space');
    i = keyEnd + 1;
    const keyLine = lineAt(statement);
    if (inherited) {
      const v = lookup(key);
      if (v !== undefined) out.set(key, { value: v, line: keyLine });
      continue;
    }
    while (i < text.length && isSpace(text[i]!)) i++;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") {
      let nl = text.indexOf('\n', i);
      if (nl < 0) nl = text.length;
      let value = text.slice(i, nl);
      const comment = value.indexOf(' #');
      if (comment >= 0) value = value.slice(0, comment);
      value = value.replace(/\s+$/u, '');
      out.delete(key);
      out.set(key, { value: expand(value, statement), line: keyLine });
      i = nl + 1;
      continue;
    }
    // Quoted: up to the next unescaped quote, across lines; `\<quote>` is the quote itself.
    let chars = '';
    let escaped = false;
    let closed = -1;
    for (let k = i + 1; k < text.length; k++) {
      const c = text[k]!;
      if (c !== quote) {
        if (!escaped && c === '\\') {
          escaped = true;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += '\\';
        }
        chars += c;
        continue;
      }
      if (escaped) {
        escaped = false;
        chars += c;
        continue;
      }
      closed = k;
      break;
    }
    if (closed < 0) {
      fail(statement, `unterminated quoted value of ${key} (the value is not shown)`);
    }
    const value = quote === '"' ? expand(expandEscapes(chars), statement) : chars;
    out.delete(key);
    out.set(key, { value, line: keyLine });
    i = closed + 1;
  }
  return out;
}
