/**
 * Turning validator errors into findings a person can act on: one message per offending
 * field, at the path of that field. Values are never echoed (they may be secrets).
 */
import type { Value, ValuePath } from '../../core/provenance.js';
import type { AjvError } from './catalog.js';

export interface SchemaIssue {
  kind: 'invalid' | 'unknown-field' | 'no-schema';
  /** Path of the offending (or missing) field. */
  path: ValuePath;
  message: string;
  /** Severity to report instead of the rule's (softer where an older ecosystem schema may be wrong). */
  severity?: 'warning' | 'info';
  /** The schema keyword that failed (`enum`, `type`, `required`, …), for invalid values. */
  keyword?: string;
}

/** JSON-pointer instance path to a model path (array indexes as numbers). */
export function pointerToPath(pointer: string, root: Value): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(seg)) {
      const i = Number(seg);
      out.push(i);
      node = node[i];
    } else {
      out.push(seg);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'bigint') return 'an integer';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v;
}

const typeWords: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

function describeType(t: unknown): string {
  // Null is accepted wherever a schema allows it implicitly; naming it only adds noise.
  if (Array.isArray(t)) return t.filter((x) => x !== 'null').map(describeType).join(' or ');
  return typeWords[String(t)] ?? String(t);
}

function valueAt(root: Value, path: ValuePath): unknown {
  let node: unknown = root;
  for (const k of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[k];
  }
  return node;
}

const formatHints: Record<string, string> = {
  quantity: 'a quantity such as 500m, 2, 1.5Gi or 128Mi',
  int32: 'a 32-bit integer',
  int64: 'a 64-bit integer',
  'date-time': 'an RFC 3339 date-time',
  date: 'a date (YYYY-MM-DD)',
  byte: 'base64-encoded data',
};

function formatWord(format: string): string {
  return formatHints[format] ?? `a valid ${format}`;
}

/**
 * Group errors by field and phrase one message per field. A `oneOf`/`anyOf` failure at a field
 * replaces the errors of its alternatives at that same field (int-or-string, quantity).
 */
export function issuesFromErrors(errors: readonly AjvError[], root: Value, base: ValuePath = []): SchemaIssue[] {
  const byPointer = new Map<string, AjvError[]>();
  for (const e of errors) {
    const key = e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath;
    let list = byPointer.get(key);
    if (!list) byPointer.set(key, (list = []));
    list.push(e);
  }
  const out: SchemaIssue[] = [];
  for (const [pointer, errs] of byPointer) {
    const path = [...base, ...pointerToPath(pointer, valueAt(root, base) as Value)];
    const actual = valueAt(root, path);
    for (const msg of phrase(errs, actual)) {
      if (msg.unknownField !== undefined) {
        out.push({ kind: 'unknown-field', path: [...path, msg.unknownField], message: unknownFieldMessage(msg.unknownField) });
      } else {
        out.push({ kind: 'invalid', path, message: msg.text, ...(msg.keyword ? { keyword: msg.keyword } : {}) });
      }
    }
  }
  return out;
}

export function unknownFieldMessage(field: string): string {
  return `unknown field "${field}": the API server rejects it under strict validation (misspelled, or at the wrong level?)`;
}

interface Phrase {
  text: string;
  unknownField?: string;
  keyword?: string;
}

function phrase(errs: AjvError[], actual: unknown): Phrase[] {
  const required = errs.filter((e) => e.keyword === 'required');
  if (required.length > 0) return [{ text: `missing required field "${String(required[0]!.params.missingProperty)}"` }];

  const out: Phrase[] = [];
  for (const e of errs) {
    if (e.keyword === 'additionalProperties') out.push({ text: '', unknownField: String(e.params.additionalProperty) });
  }
  const rest = errs.filter((e) => e.keyword !== 'additionalProperties');
  if (rest.length === 0) return out;

  const alternatives = rest.find((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  if (alternatives) {
    const types = rest.filter((e) => e.keyword === 'type').map((e) => e.params.type);
    const formats = rest.filter((e) => e.keyword === 'format').map((e) => String(e.params.format));
    if (formats.includes('quantity')) {
      out.push({ text: `must be ${formatHints.quantity}` });
    } else if (types.length > 0 && rest.every((e) => e.keyword === 'type' || e === alternatives || e.keyword === 'format')) {
      const flat = [...new Set(types.flatMap((t) => (Array.isArray(t) ? t : [t])).filter((t) => t !== 'null'))];
      out.push({ text: `must be ${describeType(flat)}, not ${typeName(actual)}` });
    } else {
      out.push({ text: 'matches none of the allowed forms of this field' });
    }
    return out;
  }

  const typeErr = rest.find((e) => e.keyword === 'type');
  if (typeErr) {
    out.push({ text: `must be ${describeType(typeErr.params.type)}, not ${typeName(actual)}` });
    return out;
  }
  for (const e of rest) out.push({ text: describe(e), keyword: e.keyword });
  return out;
}

function describe(e: AjvError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'enum': {
      const allowed = (p.allowedValues as unknown[] | undefined) ?? [];
      return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'format':
      return `must be ${formatWord(String(p.format))}`;
    case 'pattern':
      return `must match the pattern ${String(p.pattern)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(p.comparison)} ${String(p.limit)}`;
    case 'minLength':
      return `must be at least ${String(p.limit)} characters long`;
    case 'maxLength':
      return `must be at most ${String(p.limit)} characters long`;
    case 'minItems':
      return `must have at least ${String(p.limit)} items`;
    case 'maxItems':
      return `must have at most ${String(p.limit)} items`;
    case 'minProperties':
      return `must have at least ${String(p.limit)} entries`;
    case 'maxProperties':
      return `must have at most ${String(p.limit)} entries`;
    case 'uniqueItems':
      return `must not contain duplicate items (items ${String(p.j)} and ${String(p.i)} are equal)`;
    case 'multipleOf':
      return `must be a multiple of ${String(p.multipleOf)}`;
    case 'not':
      return 'has a form this field does not allow';
    default:
      return `fails the "${e.keyword}" constraint of its schema`;
  }
}
