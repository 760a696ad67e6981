/**
 * Compose variable interpolation (`${VAR}`, `$VAR`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?err}`,
 * `${VAR?err}`, `${VAR:+x}`, `${VAR+x}`, `$$`), as docker compose v2 applies it.
 *
 * docker compose reads templates with one regular expression whose braced form runs greedily to
 * the last `}` of the line, then cuts the expression at its first balanced `}` and interpolates
 * the rest separately. This scanner reproduces the results of that procedure in one pass (no
 * recursion over the rest of a line), so a line of many expressions costs linear time, and
 * nested defaults are bounded in depth.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { isMap, type Value } from '../core/provenance.js';
import { entryOrigin, selfOrigin } from '../core/provenance.js';

/** The value of a variable, or undefined when it is not set. */
export type Lookup = (name: string) => string | undefined;

/** Nested defaults deeper than this are refused (`${A:-${B:-${C:-…}}}`). */
export const MAX_INTERPOLATION_DEPTH = 32;

/** A template that cannot be interpolated; callers add the file, line and field. */
export class TemplateError extends Error {}

export interface SubstituteOptions {
  /** Called for each variable read without a default that is not set (docker compose warns). */
  onUnset?: (name: string) => void;
}

const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;

/** Interpolate one string. Throws TemplateError for an invalid template or a missing required variable. */
export function substitute(template: string, lookup: Lookup, options: SubstituteOptions = {}, depth = 0): string {
  if (depth > MAX_INTERPOLATION_DEPTH) {
    throw new TemplateError(`interpolation nested deeper than ${MAX_INTERPOLATION_DEPTH} levels`);
  }
  if (!template.includes('$')) return template;
  let out = '';
  let i = 0;
  // The last `}` of the current line: the greedy braced form cannot extend past it.
  let lineEnd = -1;
  let lastBrace = -1;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, dollar);
    const next = template[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = dollar + 2;
      while (end < template.length && NAME_CHAR.test(template[end]!)) end++;
      const name = template.slice(dollar + 1, end);
      out += readVariable(name, lookup, options);
      i = end;
      continue;
    }
    if (next !== '{') {
      // A `$` that starts nothing (`5 $`, `$1`) is kept as written.
      out += '$';
      i = dollar + 1;
      continue;
    }
    if (dollar > lineEnd) {
      lineEnd = template.indexOf('\n', dollar);
      if (lineEnd < 0) lineEnd = template.length;
      lastBrace = template.lastIndexOf('}', lineEnd - 1);
    }
    const body = dollar + 2;
    let nameEnd = body;
    if (nameEnd < template.length && NAME_START.test(template[nameEnd]!)) {
      nameEnd++;
      while (nameEnd < template.length && NAME_CHAR.test(template[nameEnd]!)) nameEnd++;
    }
    // The template itself is not quoted in the message: it may hold a secret next to the typo.
    if (nameEnd === body) throw new TemplateError(`invalid interpolation format at character ${dollar + 1}`);
    const name = template.slice(body, nameEnd);
    if (template[nameEnd] === '}') {
      out += readVariable(name, lookup, options);
      i = nameEnd + 1;
      continue;
    }
    const op = /^:?[-+?]/.exec(template.slice(nameEnd, nameEnd + 2));
    if (!op || lastBrace < nameEnd + op[0].length) {
      throw new TemplateError(`invalid interpolation format at character ${dollar + 1}`);
    }
    // The expression ends at its first balanced `}` within the greedy match (docker compose
    // counts braces and skips the character after each `{`).
    const close = firstClosingBrace(template, dollar, lastBrace);
    const end = close < 0 ? lastBrace : close;
    const inner = template.slice(body, end);
    out += applyOperator(inner, template.slice(dollar, end + 1), lookup, options, depth);
    i = end + 1;
  }
  return out;
}

function readVariable(name: string, lookup: Lookup, options: SubstituteOptions): string {
  const v = lookup(name);
  if (v === undefined) {
    options.onUnset?.(name);
    return '';
  }
  return v;
}

function firstClosingBrace(s: string, from: number, limit: number): number {
  let open = 0;
  for (let i = from; i <= limit; i++) {
    if (s[i] === '}') {
      open--;
      if (open === 0) return i;
    }
    if (s[i] === '{') {
      open++;
      i++;
    }
  }
  return -1;
}

const OPERATORS = [':?', '?', ':-', '-', ':+', '+'] as const;

/** `inner` is `NAME<op>rest`; the operator is the one that occurs first in the whole expression. */
function applyOperator(inner: string, expression: string, lookup: Lookup, options: SubstituteOptions, depth: number): string {
  let op: (typeof OPERATORS)[number] = OPERATORS[0];
  let best = Infinity;
  for (const candidate of OPERATORS) {
    const at = expression.indexOf(candidate);
    if (at >= 0 && at < best) {
      best = at;
      op = candidate;
    }
  }
  const cut = inner.indexOf(op);
  const name = inner.slice(0, cut);
  const arg = inner.slice(cut + op.length);
  const value = lookup(name);
  const nonEmpty = value !== undefined && value !== '';
  switch (op) {
    case ':-':
      return nonEmpty ? value : substitute(arg, lookup, options, depth + 1);
    case '-':
      return value !== undefined ? value : substitute(arg, lookup, options, depth + 1);
    case ':+':
      return nonEmpty ? substitute(arg, lookup, options, depth + 1) : (value ?? '');
    case '+':
      return value !== undefined ? substitute(arg, lookup, options, depth + 1) : '';
    case ':?':
    case '?': {
      if (op === ':?' ? nonEmpty : value !== undefined) return value!;
      const reason = substitute(arg, lookup, options, depth + 1);
      throw new TemplateError(`required variable ${name} is missing a value${reason ? `: ${reason}` : ''}`);
    }
  }
}

/**
 * Interpolate every string value (never a key) of one file's model in place. Errors name the
 * file and line of the value and its path, as `services.web.image`.
 */
export function interpolateTree(root: Value, lookup: Lookup, file: string, options: SubstituteOptions = {}): void {
  const walk = (node: Value, path: string[]): void => {
    if (node === null || typeof node !== 'object') return;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) {
      const child = Array.isArray(node) ? node[key as number]! : node[key as string]!;
      const childPath = [...path, String(key)];
      if (typeof child === 'string') {
        if (!child.includes('$')) continue;
        let result: string;
        try {
          result = substitute(child, lookup, options);
        } catch (e) {
          if (!(e instanceof TemplateError)) throw e;
          const where: Location = entryOrigin(node, key) ?? selfOrigin(node) ?? { file, line: 1 };
          throw new UserError(`${childPath.join('.')}: ${e.message}`, {
            location: { file: where.file, line: where.line },
            hint: e.message.startsWith('invalid') ? 'write a literal $ as $$' : undefined,
          });
        }
        if (Array.isArray(node)) node[key as number] = result;
        else node[key as string] = result;
      } else if (isMap(child) || Array.isArray(child)) {
        walk(child, childPath);
      }
    }
  };
  walk(root, []);
}
