/**
 * Schemas of custom resources, taken from CustomResourceDefinitions (in the estate or given with
 * `--crd-schemas`) and compiled with ajv the way the API server applies a structural schema:
 *
 * - unknown fields are rejected (strict) except under `x-kubernetes-preserve-unknown-fields`;
 * - `x-kubernetes-int-or-string` accepts an integer or a string;
 * - null is accepted for any field (the API server prunes nulls of non-nullable fields);
 * - `x-kubernetes-embedded-resource` objects carry apiVersion/kind/metadata implicitly;
 * - OpenAPI 3.0 boolean `exclusiveMinimum`/`exclusiveMaximum` are honoured;
 * - a required field with a `default` is never missing (defaults apply before validation);
 * - formats the API server checks are checked; any other format is accepted, as it is there;
 * - `pattern` is matched with RE2, the API server's regular expression dialect.
 *
 * `x-kubernetes-validations` (CEL) rules are not evaluated. The object's `metadata` is checked
 * with the ObjectMeta schema of the bundled models, like a built-in kind's.
 */
import { createHash } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import { re2 } from '../../core/regex.js';
import { isMap, type Value } from '../../core/provenance.js';
import { isBase64 } from './catalog.js';
import { getList, getMap, getPath, str, type Resource } from '../../core/resource.js';

export interface CrdVersionSchema {
  group: string;
  version: string;
  kind: string;
  /** The openAPIV3Schema as written, converted to plain JSON. */
  schema: Record<string, unknown> | undefined;
  /** The CRD it came from, for messages. */
  crdName: string;
  served: boolean;
  /**
   * `apiextensions.k8s.io/v1beta1` CRDs keep unknown fields unless `spec.preserveUnknownFields`
   * is false (v1 forbids true): then no field is unknown.
   */
  preserveUnknownFields: boolean;
}

/** Plain JSON copy of a model value (null-prototype maps and bigints become ordinary JSON). */
export function toPlain(v: Value): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? Number(v) : v;
  if (Array.isArray(v)) return v.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    // A literal "__proto__" key must stay a key, not become the prototype.
    Object.defineProperty(out, k, { value: toPlain(v[k]!), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function isCrd(r: Resource): boolean {
  const av = str(r.body.apiVersion);
  return str(r.body.kind) === 'CustomResourceDefinition' && (av === 'apiextensions.k8s.io/v1' || av === 'apiextensions.k8s.io/v1beta1');
}

/** Every version schema a CRD declares (v1 `spec.versions[].schema`, v1beta1 `spec.validation` too). */
export function crdSchemas(r: Resource): CrdVersionSchema[] {
  const spec = getMap(r.body, ['spec']);
  if (!spec) return [];
  const group = str(spec.group);
  const kind = str(getPath(spec, ['names', 'kind']));
  const crdName = str(getPath(r.body, ['metadata', 'name'])) || `${kind}.${group}`;
  if (!group || !kind) return [];
  const shared = getMap(spec, ['validation', 'openAPIV3Schema']);
  const preserveUnknownFields = str(r.body.apiVersion) === 'apiextensions.k8s.io/v1beta1' && spec.preserveUnknownFields !== false;
  const out: CrdVersionSchema[] = [];
  const versions = getList(spec, ['versions']);
  for (const v of versions) {
    if (!isMap(v)) continue;
    const own = getMap(v, ['schema', 'openAPIV3Schema']) ?? shared;
    out.push({
      group,
      version: str(v.name),
      kind,
      schema: own ? (toPlain(own) as Record<string, unknown>) : undefined,
      crdName,
      served: v.served !== false,
      preserveUnknownFields,
    });
  }
  if (versions.length === 0 && typeof spec.version === 'string') {
    out.push({
      group,
      version: spec.version,
      kind,
      schema: shared ? (toPlain(shared) as Record<string, unknown>) : undefined,
      crdName,
      served: true,
      preserveUnknownFields,
    });
  }
  return out;
}

/** Formats the API server validates for CRD strings; others are accepted as it does. */
const checkedFormats: Record<string, RegExp | ((s: string) => boolean)> = {
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  ipv4: /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
  uuid: /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/,
  byte: isBase64,
};

const schemaKeywords = new Set([
  'type',
  'format',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
  'minProperties',
  'maxProperties',
  'required',
]);

export interface ConversionOptions {
  /** Keep unknown fields everywhere (v1beta1 CRDs with `preserveUnknownFields` not false). */
  preserveUnknownFields?: boolean;
}

/** Structural schema → JSON Schema for ajv, with the API server's semantics made explicit. */
export function toAjvSchema(s: unknown, root = false, options: ConversionOptions = {}): Record<string, unknown> | boolean {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return true;
  const src = s as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) if (schemaKeywords.has(k)) out[k] = src[k];
  if (typeof out.format === 'string' && !(out.format in checkedFormats) && out.format !== 'int32' && out.format !== 'int64') {
    delete out.format;
  }
  if (src.exclusiveMinimum === true && typeof src.minimum === 'number') {
    out.exclusiveMinimum = src.minimum;
    delete out.minimum;
  }
  if (src.exclusiveMaximum === true && typeof src.maximum === 'number') {
    out.exclusiveMaximum = src.maximum;
    delete out.maximum;
  }
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(src[k])) out[k] = (src[k] as unknown[]).map((x) => toAjvSchema(x, false, options));
  }
  if (src.not && typeof src.not === 'object') out.not = toAjvSchema(src.not, false, options);
  if (src.items !== undefined) out.items = Array.isArray(src.items) ? true : toAjvSchema(src.items, false, options);

  const preserve = src['x-kubernetes-preserve-unknown-fields'] === true || options.preserveUnknownFields === true;
  const embedded = src['x-kubernetes-embedded-resource'] === true;
  const props: Record<string, unknown> = {};
  if (src.properties && typeof src.properties === 'object') {
    for (const [k, v] of Object.entries(src.properties as Record<string, unknown>)) {
      // defineProperty: a field named "__proto__" stays a field.
      Object.defineProperty(props, k, { value: toAjvSchema(v, false, options), enumerable: true, writable: true, configurable: true });
    }
  }
  if (root || embedded) {
    // apiVersion, kind and metadata are implicit at the root and in embedded resources.
    props.apiVersion ??= { type: 'string' };
    props.kind ??= { type: 'string' };
    props.metadata = root ? true : { type: 'object' };
  }
  if (Array.isArray(out.required) && src.properties && typeof src.properties === 'object') {
    // The API server applies defaults before it validates: a required field with a default is never missing.
    const declared = src.properties as Record<string, unknown>;
    out.required = (out.required as unknown[]).filter((name) => {
      const field = typeof name === 'string' && Object.prototype.hasOwnProperty.call(declared, name) ? declared[name] : undefined;
      return !(field && typeof field === 'object' && 'default' in field);
    });
  }
  if (embedded) out.required = [...new Set([...((out.required as string[]) ?? []), 'apiVersion', 'kind'])];
  if (Object.keys(props).length > 0) out.properties = props;
  if (src.additionalProperties !== undefined) {
    out.additionalProperties = typeof src.additionalProperties === 'boolean' ? src.additionalProperties : toAjvSchema(src.additionalProperties, false, options);
  } else if (!preserve && (out.properties || root || out.type === 'object')) {
    out.additionalProperties = false;
  }

  if (src['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    const intOrString = [{ type: 'integer' }, { type: 'string' }];
    if (out.anyOf) out.allOf = [...((out.allOf as unknown[]) ?? []), { anyOf: intOrString }];
    else out.anyOf = intOrString;
  }
  // The API server prunes null values of non-nullable fields instead of rejecting them, so
  // null is accepted everywhere; `nullable` only matters for what is kept.
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  return out;
}

let ajv: Ajv | undefined;

/**
 * `pattern`s of CRD schemas are RE2 expressions (the API server is written in Go), and they come
 * from untrusted repositories: RE2 runs in linear time, so a pathological pattern cannot stall a
 * run, and a pattern the API server would refuse (lookaround, backreferences) is refused here.
 */
const re2Engine = Object.assign((pattern: string, flags: string) => new (re2())(pattern, flags.includes('u') ? flags : `${flags}u`), {
  code: 'new RE2',
});

function ajvInstance(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true, code: { optimize: 1, regExp: re2Engine } });
  for (const [name, test] of Object.entries(checkedFormats)) {
    ajv.addFormat(name, typeof test === 'function' ? { type: 'string', validate: test } : { type: 'string', validate: test });
  }
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  return ajv;
}

const compiled = new Map<string, ValidateFunction | Error>();
/** Per schema object, so objects of one kind do not convert and hash the schema again. */
const byIdentity = new Map<string, WeakMap<object, ValidateFunction | Error>>();

/** Compile a CRD version schema once per process (keyed by content), or the reason it cannot be. */
export function compileCrdSchema(schema: Record<string, unknown>, options: ConversionOptions = {}): ValidateFunction | Error {
  const variant = `${options.preserveUnknownFields === true}`;
  let identityCache = byIdentity.get(variant);
  if (!identityCache) byIdentity.set(variant, (identityCache = new WeakMap()));
  const known = identityCache.get(schema);
  if (known) return known;
  const result = compileByContent(schema, options);
  identityCache.set(schema, result);
  return result;
}

function compileByContent(schema: Record<string, unknown>, options: ConversionOptions): ValidateFunction | Error {
  const converted = toAjvSchema(schema, true, options);
  const text = JSON.stringify(converted);
  const key = createHash('sha256').update(text).digest('hex');
  const hit = compiled.get(key);
  if (hit) return hit;
  let result: ValidateFunction | Error;
  try {
    result = ajvInstance().compile(converted as object);
  } catch (e) {
    result = e instanceof Error ? e : new Error(String(e));
  }
  compiled.set(key, result);
  return result;
}

