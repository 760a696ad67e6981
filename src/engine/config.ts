/**
 * The `.prodgate.yaml` configuration file (docs/configuration.md).
 *
 * The file is parsed with positions and validated against a JSON schema; every problem is a
 * UserError naming the file and line. Rule ids and parameter names are checked against the
 * rule registry once the rules are known (`checkRuleReferences`).
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { UserError } from '../core/errors.js';
import { readSideFile } from '../input/files.js';
import { limits } from '../core/limits.js';
import type { ExternalObject, PodTemplatePath } from './estate.js';
import { formatLocation, type Location } from '../core/location.js';
import { fieldOrigin, isMap, type Value, type ValueMap } from '../core/provenance.js';
import { groupOf } from '../core/resource.js';
import { parseYaml } from '../yaml/parse.js';
import { globToRegExp, pathGlobMatch } from '../core/glob.js';
import { DEFAULT_KUBE_VERSION, DEFAULT_PROFILE, enabledInProfile, kubeVersionProblem, profiles, profileSeverity, severityRank, type FailThreshold } from './profiles.js';
import type { ProfileName, Rule, Severity } from './types.js';
import { paramsJsonSchema } from './rule.js';

export const CONFIG_FILE_NAMES = ['.prodgate.yaml', '.prodgate.yml'];

/** How the config changes one rule. */
export interface RuleOverride {
  enabled?: boolean;
  severity?: Severity;
  params?: Record<string, unknown>;
  /** Where the override is written. */
  location?: Location;
}

/** A waiver written in the config file, for objects that cannot be annotated (third-party manifests). */
export interface ConfigWaiver {
  /** Rule ids the waiver applies to. */
  rules: string[];
  /** Glob patterns; an absent matcher matches everything. */
  kind?: string;
  namespace?: string;
  name?: string;
  /** Glob on the source file the object comes from, relative to the config file's directory. */
  path?: string;
  container?: string;
  reason?: string;
  expires?: string;
  owner?: string;
  location: Location;
}

/** Settings of the network analysis (docs/configuration.md, `network:`). */
export interface NetworkSettings {
  /** Labels of namespaces that are not part of the estate, by namespace name. */
  namespaceLabels?: Record<string, Record<string, string>>;
  /** For each datastore (by workload name or `app` label), the namespaces allowed to reach it. */
  approvedClients?: Record<string, string[]>;
  /** What counts as a datastore, in addition to the built-in image list. */
  datastores?: DatastoreMatcher[];
  [key: string]: unknown;
}

export interface DatastoreMatcher {
  /** Glob on the container image (repository part, e.g. `*qdrant*`). */
  image?: string;
  /** Labels the pod template must carry. */
  labels?: Record<string, string>;
  /** Container ports that identify the datastore. */
  ports?: number[];
}

/**
 * Estate-wide settings rules may read through `ctx.settings`. Each section belongs to the
 * rule family named after it; the schema checks only its shape.
 */
export interface RuleSettings {
  network: NetworkSettings;
  secrets: Record<string, unknown>;
  schema: Record<string, unknown>;
}

/** The gate settings a config sets at the top and per environment. */
export interface GateSettings {
  profile?: ProfileName;
  /** Where `profile` is written. */
  profileLocation?: Location;
  failOn?: FailThreshold;
  /** Where `failOn` is written. */
  failOnLocation?: Location;
  kubeVersion?: string;
  defaultNamespace?: string;
  rules: Record<string, RuleOverride>;
}

export interface Environment extends GateSettings {
  /** Globs on the checked path, relative to the config file's directory. */
  paths: string[];
  location: Location;
}

export interface ProdgateConfig extends GateSettings {
  /** The config file as given (null when none was found). */
  file: string | null;
  /** Absolute directory the config's globs are relative to. */
  dir: string;
  /** Globs of paths (relative to the config's directory) that searching a directory skips. */
  ignore: string[];
  environments: Environment[];
  podTemplatePaths: PodTemplatePath[];
  /** Objects that exist outside the repository (`external:`). */
  external: ExternalObject[];
  waivers: ConfigWaiver[];
  settings: RuleSettings;
}

/** The settings that apply to one checked path after environments and command-line flags. */
/**
 * A setting of a repository's config file that makes the gate more lenient than its profile:
 * a looser fail threshold, a rule turned off, a severity lowered. Repositories may do this (with
 * the change visible in every report); the pipeline can forbid it with `--strict-config`.
 */
export interface Loosening {
  location: Location;
  message: string;
}

export interface ResolvedSettings {
  profile: ProfileName;
  /** Why this profile: `--profile`, a config file's file:line, `inferred from the path`, or `default`. */
  profileSource: string;
  failOn: FailThreshold;
  /** Where the fail threshold came from: `--fail-on`, a config file's file:line, or the profile. */
  failOnSource: string;
  /** What the config file loosened for this path. */
  loosened: Loosening[];
  kubeVersion: string;
  defaultNamespace?: string;
  rules: Record<string, RuleOverride>;
}

export interface CommandLineSettings {
  profile?: ProfileName;
  failOn?: FailThreshold;
  kubeVersion?: string;
  /**
   * Infer the profile of a root whose profile nobody set from its path (`overlays/dev` → dev).
   * Off under `--strict-config`: a path name is the repository's word, like its config.
   */
  inferProfile?: boolean;
}

/** Path words that name an environment, by profile. */
const ENVIRONMENT_WORDS: Record<ProfileName, readonly string[]> = {
  dev: ['dev', 'devel', 'develop', 'development', 'local', 'sandbox', 'sbx'],
  staging: ['staging', 'stage', 'stg', 'qa', 'test', 'testing', 'uat', 'preprod', 'pre-prod', 'preproduction', 'nonprod', 'non-prod'],
  prod: ['prod', 'production', 'prd', 'live'],
};

/**
 * The profile a path names: the deepest directory whose name is, or contains as a `-`/`_`/`.`
 * separated word, an environment name (`overlays/dev`, `clusters/eu-prod`, `envs/staging_us`).
 */
export function profileFromPath(relPath: string): ProfileName | undefined {
  const parts = relPath.split('/').filter((p) => p && p !== '.' && p !== '..').reverse();
  for (const part of parts) {
    const lower = part.toLowerCase();
    const words = [lower, ...lower.split(/[-_.]/)];
    for (const word of words) {
      for (const [profile, names] of Object.entries(ENVIRONMENT_WORDS) as [ProfileName, readonly string[]][]) {
        if (names.includes(word)) return profile;
      }
    }
  }
  return undefined;
}

const severityEnum = ['error', 'warning', 'info'];
// Kubernetes has had only major version 1.
const kubeVersionSchema = { type: 'string', pattern: '^1\\.[0-9]{1,3}$' };
const ruleOverrideSchema = {
  anyOf: [
    { type: 'string', enum: ['off', 'on', ...severityEnum] },
    { type: 'boolean' },
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        severity: { type: 'string', enum: severityEnum },
        params: { type: 'object' },
      },
    },
  ],
};
const rulesSchema = { type: 'object', additionalProperties: ruleOverrideSchema };
const stringMapSchema = { type: 'object', additionalProperties: { type: 'string' } };

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    profile: { type: 'string', enum: ['dev', 'staging', 'prod'] },
    failOn: { type: 'string', enum: [...severityEnum, 'none'] },
    kubeVersion: kubeVersionSchema,
    defaultNamespace: { type: 'string', minLength: 1 },
    ignore: { type: 'array', items: { type: 'string', minLength: 1 } },
    rules: rulesSchema,
    environments: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['paths'],
        properties: {
          paths: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
          profile: { type: 'string', enum: ['dev', 'staging', 'prod'] },
          failOn: { type: 'string', enum: [...severityEnum, 'none'] },
          kubeVersion: kubeVersionSchema,
          defaultNamespace: { type: 'string', minLength: 1 },
          rules: rulesSchema,
        },
      },
    },
    external: {
      description: 'Objects that exist in the cluster but not in the repository (created by operators, controllers or by hand); references to them are not reported.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'name'],
        properties: {
          kind: { type: 'string', minLength: 1 },
          namespace: { type: 'string', minLength: 1, description: 'glob; absent: any namespace' },
          name: { type: 'string', minLength: 1, description: 'glob (* matches any run of characters)' },
        },
      },
    },
    podTemplates: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'path'],
        properties: {
          apiVersion: { type: 'string', minLength: 1 },
          kind: { type: 'string', minLength: 1 },
          path: { type: 'string', minLength: 1 },
          podSpec: { type: 'boolean' },
        },
      },
    },
    waivers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          rule: { type: 'string', minLength: 1 },
          rules: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
          kind: { type: 'string' },
          namespace: { type: 'string' },
          name: { type: 'string' },
          path: { type: 'string' },
          container: { type: 'string' },
          // reason and expires are governed: a waiver without them is reported as a finding
          reason: { type: ['string', 'null'] },
          expires: { type: ['string', 'null'] },
          owner: { type: 'string' },
        },
        oneOf: [{ required: ['rule'] }, { required: ['rules'] }],
      },
    },
    network: {
      type: 'object',
      properties: {
        namespaceLabels: { type: 'object', additionalProperties: stringMapSchema },
        approvedClients: {
          type: 'object',
          additionalProperties: { type: 'array', items: { type: 'string' } },
        },
        datastores: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              image: { type: 'string' },
              labels: stringMapSchema,
              ports: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 65535 } },
            },
          },
        },
      },
    },
    secrets: { type: 'object' },
    schema: { type: 'object' },
  },
} as const;

/** The config file's JSON Schema, for editors (docs/prodgate-config.schema.json, written by `npm run docs`). */
/**
 * The config file's JSON Schema for editors: the file's shape plus, per known rule, its
 * parameters and their schemas, so `rules.<id>.params` completes and validates while typing.
 */
export function configJsonSchema(rules: readonly Rule[] = []): Record<string, unknown> {
  const schema = JSON.parse(JSON.stringify(configSchema)) as Record<string, unknown>;
  if (rules.length) {
    const perRule: Record<string, unknown> = {};
    for (const r of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
      const override = JSON.parse(JSON.stringify(ruleOverrideSchema)) as { anyOf: Record<string, unknown>[] };
      const mapping = override.anyOf[2] as { properties: Record<string, unknown> };
      mapping.properties.params = paramsJsonSchema(r.meta);
      perRule[r.meta.id] = { description: r.meta.title, ...override };
    }
    const withRules = { type: 'object', properties: perRule, additionalProperties: false };
    const props = schema.properties as Record<string, unknown>;
    props.rules = withRules;
    const env = props.environments as { items: { properties: Record<string, unknown> } };
    env.items.properties.rules = withRules;
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'prodgate configuration (.prodgate.yaml)',
    description: 'See docs/configuration.md and docs/rules/.',
    ...schema,
  };
}

let compiledValidator: ReturnType<Ajv['compile']> | undefined;
function validator(): ReturnType<Ajv['compile']> {
  if (!compiledValidator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    compiledValidator = ajv.compile(configSchema);
  }
  return compiledValidator;
}

export function emptyConfig(dir: string = process.cwd()): ProdgateConfig {
  return {
    file: null,
    dir: path.resolve(dir),
    ignore: [],
    rules: {},
    environments: [],
    podTemplatePaths: [],
    external: [],
    waivers: [],
    settings: { network: {}, secrets: {}, schema: {} },
  };
}

/**
 * `.prodgate.yaml` (or `.yml`) in `dir`, if any. Whatever holds the name counts (a link, a
 * FIFO, a directory): reading it then fails with a clear error rather than the file being
 * skipped and a config further up silently applying instead.
 */
export function findConfig(dir: string = process.cwd()): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const p = path.join(dir, name);
    if (lstatSync(p, { throwIfNoEntry: false })) return p;
  }
  return undefined;
}

/**
 * The nearest config file at or above `dir`, up to the repository root (a directory holding
 * `.git`) or the filesystem root. Files are read once per process run through `cache`.
 */
export function nearestConfig(
  dir: string,
  cache: Map<string, ProdgateConfig | undefined> = new Map(),
  cwd: string = process.cwd(),
): ProdgateConfig | undefined {
  const visited: string[] = [];
  let d = path.resolve(dir);
  let found: ProdgateConfig | undefined;
  for (;;) {
    if (cache.has(d)) {
      found = cache.get(d);
      break;
    }
    visited.push(d);
    const file = findConfig(d);
    if (file) {
      found = loadConfig(file, path.relative(cwd, file).split(path.sep).join('/') || file);
      break;
    }
    const parent = path.dirname(d);
    if (parent === d || lstatSync(path.join(d, '.git'), { throwIfNoEntry: false })) break;
    d = parent;
  }
  for (const v of visited) cache.set(v, found);
  return found;
}

/**
 * Read and validate a config file. `displayName` is how messages name it (default: as given).
 * The file is untrusted: a link out of the repository, a FIFO or device, or a file over
 * `limits.maxConfigBytes` is refused (src/input-files.ts).
 */
export function loadConfig(file: string, displayName: string = file): ProdgateConfig {
  const text = readSideFile(file, { display: displayName, what: 'config file', maxBytes: limits.maxConfigBytes });
  return parseConfig(text, displayName, path.dirname(path.resolve(file)));
}

export function parseConfig(text: string, file: string, dir: string): ProdgateConfig {
  const parsed = parseYaml(text, file);
  const docs = parsed.docs.filter((d) => d.value !== null);
  if (docs.length > 1) throw new UserError('the config file must hold one YAML document', { location: docs[1]!.location });
  const value: Value = docs[0]?.value ?? emptyMapOf();
  const at = (p: ReadonlyArray<string | number>): Location => fieldOrigin(value, p).location ?? { file, line: 1 };
  if (!isMap(value)) throw new UserError('the config file must be a mapping', { location: at([]) });
  const validate = validator();
  if (!validate(value)) throw configError(validate.errors ?? [], value, at);

  const config = emptyConfig(dir);
  config.file = file;
  const v = value as Record<string, unknown>;
  config.profile = v.profile as ProfileName | undefined;
  if (config.profile !== undefined) config.profileLocation = at(['profile']);
  config.failOn = v.failOn as FailThreshold | undefined;
  if (config.failOn !== undefined) config.failOnLocation = at(['failOn']);
  config.kubeVersion = v.kubeVersion as string | undefined;
  for (const [version, where] of [
    [config.kubeVersion, ['kubeVersion']],
    ...((v.environments as ValueMap[] | undefined) ?? []).map((e, i) => [e.kubeVersion, ['environments', i, 'kubeVersion']] as const),
  ] as const) {
    const problem = typeof version === 'string' ? kubeVersionProblem(version) : undefined;
    if (problem) throw new UserError(`invalid config: ${problem}`, { location: at(where as ReadonlyArray<string | number>) });
  }
  config.defaultNamespace = v.defaultNamespace as string | undefined;
  config.ignore = (v.ignore as string[] | undefined) ?? [];
  config.rules = ruleOverrides(v.rules, ['rules'], at);
  config.environments = ((v.environments as ValueMap[] | undefined) ?? []).map((e, i) => ({
    paths: e.paths as string[],
    profile: e.profile as ProfileName | undefined,
    profileLocation: e.profile === undefined ? undefined : at(['environments', i, 'profile']),
    failOn: e.failOn as FailThreshold | undefined,
    failOnLocation: e.failOn === undefined ? undefined : at(['environments', i, 'failOn']),
    kubeVersion: e.kubeVersion as string | undefined,
    defaultNamespace: e.defaultNamespace as string | undefined,
    rules: ruleOverrides(e.rules, ['environments', i, 'rules'], at),
    location: at(['environments', i]),
  }));
  config.external = ((v.external as ValueMap[] | undefined) ?? []).map((e) => ({
    kind: e.kind as string,
    name: e.name as string,
    ...(e.namespace !== undefined ? { namespace: e.namespace as string } : {}),
  }));
  config.podTemplatePaths = ((v.podTemplates as ValueMap[] | undefined) ?? []).map((p) => {
    const apiVersion = (p.apiVersion as string | undefined) ?? '*';
    return {
      group: apiVersion === '*' ? '*' : apiVersion.includes('/') ? groupOf(apiVersion) : apiVersion,
      kind: p.kind as string,
      path: (p.path as string).split('.').map((s) => (/^[0-9]+$/.test(s) ? Number(s) : s)),
      isPodSpec: p.podSpec === true ? true : undefined,
    };
  });
  config.waivers = ((v.waivers as ValueMap[] | undefined) ?? []).map((w, i) => ({
    rules: w.rules ? (w.rules as string[]) : [w.rule as string],
    kind: w.kind as string | undefined,
    namespace: w.namespace as string | undefined,
    name: w.name as string | undefined,
    path: w.path as string | undefined,
    container: w.container as string | undefined,
    reason: typeof w.reason === 'string' ? w.reason : undefined,
    expires: typeof w.expires === 'string' ? plainDate(w.expires) : undefined,
    owner: w.owner as string | undefined,
    location: at(['waivers', i]),
  }));
  // Globs are compiled now, so that a broken one is reported at its line before anything runs.
  (config.ignore).forEach((g, i) => checkGlob(g, at(['ignore', i])));
  ((v.environments as ValueMap[] | undefined) ?? []).forEach((e, i) => (e.paths as string[]).forEach((g, j) => checkGlob(g, at(['environments', i, 'paths', j]))));
  ((v.waivers as ValueMap[] | undefined) ?? []).forEach((w, i) => {
    for (const field of ['path', 'kind', 'namespace', 'name', 'container']) if (typeof w[field] === 'string') checkGlob(w[field] as string, at(['waivers', i, field]));
  });
  config.settings = {
    network: (v.network as NetworkSettings | undefined) ?? {},
    secrets: (v.secrets as Record<string, unknown> | undefined) ?? {},
    schema: (v.schema as Record<string, unknown> | undefined) ?? {},
  };
  return config;
}

/** An unquoted YAML date reads as a timestamp at midnight UTC; the waiver means the day. */
function plainDate(s: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T00:00:00Z$/.exec(s);
  return m ? m[1]! : s;
}

function emptyMapOf(): ValueMap {
  return Object.create(null) as ValueMap;
}

function ruleOverrides(
  raw: unknown,
  base: ReadonlyArray<string | number>,
  at: (p: ReadonlyArray<string | number>) => Location,
): Record<string, RuleOverride> {
  const out: Record<string, RuleOverride> = {};
  if (!isMap(raw as Value)) return out;
  for (const [id, setting] of Object.entries(raw as ValueMap)) {
    const location = at([...base, id]);
    if (setting === 'off' || setting === false) out[id] = { enabled: false, location };
    else if (setting === 'on' || setting === true) out[id] = { enabled: true, location };
    else if (typeof setting === 'string') out[id] = { enabled: true, severity: setting as Severity, location };
    else if (isMap(setting)) {
      out[id] = {
        enabled: setting.enabled === undefined ? undefined : setting.enabled === true,
        severity: setting.severity as Severity | undefined,
        params: setting.params ? { ...(setting.params as Record<string, unknown>) } : undefined,
        location,
      };
    }
  }
  return out;
}

function configError(
  errors: ErrorObject[],
  value: Value,
  at: (p: ReadonlyArray<string | number>) => Location,
): UserError {
  // The most specific error explains the problem best; anyOf/oneOf wrappers are noise.
  const ranked = [...errors].sort((a, b) => depth(b) - depth(a) || rank(a) - rank(b));
  // Alternatives (anyOf/oneOf) are explained as a whole rather than by their first branch.
  const e =
    ranked.find((x) => x.instancePath === ranked[0]!.instancePath && (x.keyword === 'anyOf' || x.keyword === 'oneOf')) ??
    ranked[0]!;
  const segments = pointerSegments(e.instancePath, value);
  const where = segments.length ? segments.join('.') : 'the top level';
  let message: string;
  let location = at(segments);
  let hint: string | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      location = at([...segments, key]);
      message = `unknown setting "${key}" ${segments.length ? `in ${where}` : 'at the top level'}`;
      const allowed = Object.keys(parentSchemaProperties(segments));
      if (allowed.length) hint = `known settings here: ${allowed.join(', ')}`;
      break;
    }
    case 'required':
      message = `${where}: missing required setting "${(e.params as { missingProperty: string }).missingProperty}"`;
      break;
    case 'enum':
      message = `${where}: must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`;
      break;
    case 'pattern':
      // The value is already a string here (a number fails on its type), so quoting is no remedy.
      message = `${where}: must be a Kubernetes version like "1.33" (major.minor)`;
      break;
    case 'type':
      message = `${where}: must be ${(e.params as { type: string }).type}`;
      if (segments[segments.length - 1] === 'kubeVersion') hint = 'quote the version so YAML keeps it a string: kubeVersion: "1.30"';
      break;
    case 'anyOf':
      message = `${where}: must be off, on, error, warning, info, true, false or a mapping with enabled/severity/params`;
      break;
    case 'oneOf':
      message = `${where}: a waiver names either "rule" or "rules" (one of them, not both)`;
      break;
    default:
      message = `${where}: ${e.message ?? 'invalid value'}`;
  }
  return new UserError(`invalid config: ${message}`, { location, hint });
}

function depth(e: ErrorObject): number {
  return e.instancePath.split('/').length;
}

function rank(e: ErrorObject): number {
  // Prefer concrete problems over the combinators that wrap them.
  return e.keyword === 'anyOf' || e.keyword === 'oneOf' ? 1 : 0;
}

function pointerSegments(pointer: string, value: Value): Array<string | number> {
  if (!pointer) return [];
  const out: Array<string | number> = [];
  let node: Value | undefined = value;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      out.push(Number(seg));
      node = node[Number(seg)];
    } else {
      out.push(seg);
      node = isMap(node) ? node[seg] : undefined;
    }
  }
  return out;
}

function parentSchemaProperties(segments: Array<string | number>): Record<string, unknown> {
  let schema: Record<string, unknown> = configSchema as unknown as Record<string, unknown>;
  for (const seg of segments) {
    if (typeof seg === 'number') schema = (schema.items as Record<string, unknown>) ?? {};
    else {
      const props = schema.properties as Record<string, Record<string, unknown>> | undefined;
      if (props?.[seg]) schema = props[seg];
      else if (typeof schema.additionalProperties === 'object') schema = schema.additionalProperties as Record<string, unknown>;
      else return {};
    }
  }
  return (schema.properties as Record<string, unknown>) ?? {};
}

/** The error for a rule id nobody defined (command line or config), naming where it was written. */
export function unknownRuleError(id: string, location?: Location, prefix = ''): UserError {
  return new UserError(`${prefix}unknown rule "${id}"`, { location, hint: 'run `prodgate rules` to list rule ids' });
}

/** Check rule ids and parameter names named in the config against the known rules. */
export function checkRuleReferences(config: ProdgateConfig, rules: readonly Rule[]): void {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const check = (overrides: Record<string, RuleOverride>) => {
    for (const [id, o] of Object.entries(overrides)) {
      const rule = byId.get(id);
      if (!rule) {
        throw unknownRuleError(id, o.location, 'invalid config: ');
      }
      const given = o.params ?? {};
      const unknown = Object.keys(given).find((p) => !rule.meta.params || !(p in rule.meta.params));
      if (unknown !== undefined) {
        const known = Object.keys(rule.meta.params ?? {});
        throw new UserError(`invalid config: rule "${id}" has no parameter "${unknown}"`, {
          location: o.location,
          hint: known.length ? `parameters of ${id}: ${known.join(', ')}` : `${id} takes no parameters`,
        });
      }
      const validate = paramsValidator(rule);
      if (!validate(given)) {
        const e = validate.errors![0]!;
        const name = e.instancePath.split('/')[1] ?? '';
        const spec = rule.meta.params![name];
        throw new UserError(`invalid config: parameter "${name}" of rule "${id}" ${paramProblem(e, given[name])}`, {
          location: o.location,
          hint: spec ? `default: ${JSON.stringify(spec.default)}` : undefined,
        });
      }
    }
  };
  check(config.rules);
  for (const env of config.environments) check(env.rules);
}

/** Does the config's `ignore:` list skip this path when a directory is searched? */
export function isIgnored(config: ProdgateConfig, abs: string): boolean {
  if (!config.ignore.length) return false;
  const rel = relativeToConfig(config, abs);
  if (rel.startsWith('../')) return false;
  return config.ignore.some((g) => pathGlobMatch(g, rel));
}

function shapeOf(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'mapping';
  if (typeof v === 'bigint') return 'number';
  return typeof v;
}

function article(shape: string): string {
  return shape === 'null' ? 'null' : `${/^[aeiou]/.test(shape) ? 'an' : 'a'} ${shape}`;
}

const schemaShape: Record<string, string> = { array: 'list', object: 'mapping', integer: 'whole number' };

/** What is wrong with a parameter value, in the words of the config file (YAML, not JSON Schema). */
function paramProblem(e: ErrorObject, given: unknown): string {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath.split('/').slice(2).join('.');
  const where = at ? ` (at ${at})` : '';
  switch (e.keyword) {
    case 'type': {
      const want = [p.type as string | string[]].flat().map((t) => article(schemaShape[t] ?? t)).join(' or ');
      return at ? `must be ${want}${where}` : `must be ${want}, not ${article(shapeOf(given))}`;
    }
    case 'enum':
      return `must be one of ${((p.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}${where}`;
    default:
      return `${e.message ?? 'is invalid'}${where}`;
  }
}

const paramValidators = new WeakMap<Rule, ReturnType<Ajv['compile']>>();
function paramsValidator(rule: Rule): ReturnType<Ajv['compile']> {
  let v = paramValidators.get(rule);
  if (!v) {
    v = new Ajv({ allErrors: false, strict: false }).compile(paramsJsonSchema(rule.meta));
    paramValidators.set(rule, v);
  }
  return v;
}

/** Path of `target` relative to the config's directory, `/`-separated. */
export function relativeToConfig(config: ProdgateConfig, target: string): string {
  return path.relative(config.dir, path.resolve(target)).split(path.sep).join('/');
}

/**
 * The settings for one checked path: the first environment whose paths match, over the
 * top-level settings, under the command-line flags.
 */
export function resolveSettings(
  config: ProdgateConfig,
  target: string | undefined,
  cli: CommandLineSettings = {},
  /** The rules of the run, to tell which overrides loosen the gate. */
  known: readonly Rule[] = [],
): ResolvedSettings {
  const rel = target === undefined ? undefined : relativeToConfig(config, target);
  const env =
    rel === undefined ? undefined : config.environments.find((e) => e.paths.some((g) => pathGlobMatch(g, rel)));
  const profileLocation = env?.profile !== undefined ? env.profileLocation ?? env.location : config.profile !== undefined ? config.profileLocation : undefined;
  const inferred = cli.inferProfile && rel !== undefined ? profileFromPath(rel) : undefined;
  const profile = cli.profile ?? env?.profile ?? config.profile ?? inferred ?? DEFAULT_PROFILE;
  const profileSource =
    cli.profile !== undefined
      ? '--profile'
      : profileLocation
        ? formatLocation(profileLocation)
        : env?.profile !== undefined || config.profile !== undefined
          ? 'the config'
          : inferred !== undefined
            ? 'inferred from the path'
            : 'default';
  const rules: Record<string, RuleOverride> = {};
  for (const [id, o] of Object.entries(config.rules)) rules[id] = { ...o };
  for (const [id, o] of Object.entries(env?.rules ?? {})) {
    const prev = rules[id];
    rules[id] = {
      ...prev,
      ...stripUndefined(o),
      params: prev?.params || o.params ? { ...prev?.params, ...o.params } : undefined,
    };
  }
  const failOn = cli.failOn ?? env?.failOn ?? config.failOn ?? profiles[profile].failOn;
  const failOnLocation = cli.failOn !== undefined ? undefined : env?.failOn !== undefined ? env.failOnLocation : config.failOnLocation;
  const failOnSource =
    cli.failOn !== undefined ? '--fail-on' : failOnLocation ? formatLocation(failOnLocation) : `the ${profile} profile`;
  const loosened: Loosening[] = [];
  if (failOnLocation && thresholdRank(failOn) > thresholdRank(profiles[profile].failOn)) {
    loosened.push({ location: failOnLocation, message: `failOn: ${failOn} is looser than the ${profile} profile's ${profiles[profile].failOn}` });
  }
  const metas = new Map(known.map((r) => [r.meta.id, r.meta]));
  for (const [id, o] of Object.entries(rulesSetHere(config, env))) {
    const meta = metas.get(id);
    if (!meta || !o.location) continue;
    if (o.enabled === false && enabledInProfile(meta, profile)) loosened.push({ location: o.location, message: `turns off rule ${id}` });
    else if (o.severity && severityRank(o.severity) < severityRank(profileSeverity(meta, profile))) {
      loosened.push({ location: o.location, message: `lowers rule ${id} from ${profileSeverity(meta, profile)} to ${o.severity}` });
    }
  }
  return {
    profile,
    profileSource,
    failOn,
    failOnSource,
    loosened,
    kubeVersion: cli.kubeVersion ?? env?.kubeVersion ?? config.kubeVersion ?? DEFAULT_KUBE_VERSION,
    defaultNamespace: env?.defaultNamespace ?? config.defaultNamespace,
    rules,
  };
}

function checkGlob(pattern: string, location: Location): void {
  try {
    globToRegExp(pattern);
  } catch (e) {
    throw new UserError(`invalid config: glob ${JSON.stringify(pattern)} is not valid${e instanceof UserError ? `: ${e.message}` : ''}`, { location });
  }
}

/** Fail thresholds from strictest to loosest. */
function thresholdRank(t: FailThreshold): number {
  return ['info', 'warning', 'error', 'none'].indexOf(t);
}

/** Rule overrides written for a path: the environment's over the top level's, each with its own location. */
function rulesSetHere(config: ProdgateConfig, env: Environment | undefined): Record<string, RuleOverride> {
  const out: Record<string, RuleOverride> = { ...config.rules };
  for (const [id, o] of Object.entries(env?.rules ?? {})) out[id] = { ...out[id], ...stripUndefined(o) };
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
