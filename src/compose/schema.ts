/**
 * Validation against the Compose Specification's JSON schema (spec-schema.ts), as docker
 * compose validates each file: unknown attributes and wrong types are errors. Errors name the
 * file and line of the offending value, found through its provenance.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { UserError } from '../core/errors.js';
import { fieldOrigin, type Value } from '../core/provenance.js';
import { composeSpecSchema } from './spec-schema.js';

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (!validator) {
    // The schema's `format` keywords (duration, …) are checked where the values are read.
    const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, validateSchema: false });
    validator = ajv.compile({ ...composeSpecSchema, $id: 'compose_spec.json' });
  }
  return validator;
}

function describe(e: ErrorObject, path: string): string {
  const where = path === '' ? 'the top level' : path;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where}: additional property ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)} is not allowed`;
    case 'type':
      return `${where} must be ${[(e.params as { type: string | string[] }).type].flat().join(' or ')}`;
    case 'enum':
      return `${where} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `${where}: ${JSON.stringify((e.params as { missingProperty: string }).missingProperty)} is required`;
    default:
      return `${where} ${e.message ?? 'is invalid'}`;
  }
}

function plain(v: Value): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: plain(v[k]!), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return typeof v === 'bigint' ? Number(v) : v;
}

/** Throws a UserError at the first value of one file's model the schema refuses. */
export function validateSchema(model: Value, file: string): void {
  const validate = compiled();
  // ajv compares objects through their prototype (uniqueItems); the model's mappings have none.
  if (validate(plain(model))) return;
  const errors = validate.errors ?? [];
  // The most specific error: the deepest path (oneOf alternatives report the branch that came closest).
  const best = [...errors].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length)[0]!;
  const segments = best.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  // Point at the unknown key, or at the repeated item, rather than at their container.
  const extra: (string | number)[] =
    best.keyword === 'additionalProperties'
      ? [(best.params as { additionalProperty: string }).additionalProperty]
      : best.keyword === 'uniqueItems'
        ? [Math.max((best.params as { i: number; j: number }).i, (best.params as { i: number; j: number }).j)]
        : [];
  const pathValues = segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const { location } = fieldOrigin(model, [...pathValues, ...extra]);
  throw new UserError(describe(best, segments.join('.')), {
    location: location ? { file: location.file, line: location.line } : { file, line: 1 },
  });
}
