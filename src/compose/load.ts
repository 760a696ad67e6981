/**
 * Loading a Compose project as docker compose v2 does: file lookup, the interpolation
 * environment (`.env`, `--env-file`), the project name, then per file (in `-f` order) parsing,
 * `!reset`/`!override`, interpolation, `include`, `extends`, canonical form and merge; then
 * profiles, `env_file:` resolution, defaults and consistency checks.
 *
 * Repositories are untrusted: every file read (Compose files, env files, `extends` and
 * `include` targets) must lie inside the project directory once symlinks are resolved (a path
 * named with `-f` or `--env-file` on the command line is the user's choice and is allowed
 * anywhere), sizes are bounded by limits.ts, and nothing is fetched or executed.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { Location } from '../core/location.js';
import {
  cloneValue,
  entryOrigin,
  isMap,
  newMap,
  selfOrigin,
  setEntryOrigin,
  setSelfOrigin,
  type Value,
  type ValueMap,
} from '../core/provenance.js';
import { decodeYamlBytes, localTagOf, parseYaml } from '../yaml/parse.js';
import { parseDotenv } from './dotenv.js';
import { interpolateTree, type Lookup } from './interpolate.js';
import { enforceUnicityTree, merge } from './merge.js';
import { canonicalResource, canonicalService, scalarText } from './normalise.js';
import { validateSchema } from './schema.js';

export interface ComposeOptions {
  /** `-f` files, in order; default: the standard file names in `cwd` (or a parent). */
  files?: string[];
  /** `--project-directory`; default: the directory of the first file. */
  projectDirectory?: string;
  /** `--env-file`, in order (later files win); default: `<project directory>/.env`. */
  envFiles?: string[];
  /** `--profile`; default: COMPOSE_PROFILES. */
  profiles?: string[];
  /** `-p`. */
  projectName?: string;
  /** Working directory (default: process.cwd()); file locations are printed relative to it. */
  cwd?: string;
  /** The shell environment (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Keep top-level networks/volumes/secrets/configs no enabled service uses (`--all-resources`). */
  allResources?: boolean;
  /** Warnings docker compose prints (unset variables, obsolete `version`). */
  onWarning?: (message: string) => void;
}

export interface ComposeProject {
  name: string;
  /** Absolute project directory. */
  workingDir: string;
  /** The Compose files read, in order (relative to cwd when inside it). */
  files: string[];
  /** The merged, interpolated, canonical model (`name` first, then services, networks, …). */
  model: ValueMap;
  /** The variables used for interpolation (shell environment over `.env`). */
  environment: Map<string, string>;
}

export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
export const DEFAULT_OVERRIDES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

/** Lowercase, only `[a-z0-9_-]`, no leading `_` or `-` (docker compose's NormalizeProjectName). */
export function normaliseProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
}

interface Context {
  cwd: string;
  root: string;
  rootReal: string;
  lookup: Lookup;
  env: Map<string, string>;
  onWarning: (m: string) => void;
  bytesRead: { total: number };
  /** Files being loaded through include, for cycle detection. */
  including: string[];
}

function display(ctx: { cwd: string }, abs: string): string {
  const rel = relative(ctx.cwd, abs);
  return rel === '' ? basename(abs) : rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split(sep).join('/');
}

/** Read a file the repository names: it must stay inside the project directory. */
function readConfined(ctx: Context, abs: string, from: Location | undefined, what: string, confined = true): Buffer {
  if (!existsSync(abs)) {
    throw new UserError(`${what} ${display(ctx, abs)} not found`, from ? { location: from } : {});
  }
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (e) {
    throw new UserError(`cannot resolve ${what} ${display(ctx, abs)}: ${(e as Error).message}`, from ? { location: from } : {});
  }
  if (confined && real !== ctx.rootReal && !real.startsWith(ctx.rootReal + sep)) {
    throw new UserError(`${what} ${display(ctx, abs)} is outside the project directory ${display(ctx, ctx.root)} (refused)`, {
      ...(from ? { location: from } : {}),
      hint: 'keep files a Compose project reads inside its project directory, or pass --project-directory',
    });
  }
  const st = statSync(real);
  if (!st.isFile()) throw new UserError(`${what} ${display(ctx, abs)} is not a file`, from ? { location: from } : {});
  if (st.size > limits.maxFileBytes) {
    throw new UserError(`${what} ${display(ctx, abs)} is larger than the ${limits.maxFileBytes / 1024 / 1024} MiB limit`, from ? { location: from } : {});
  }
  ctx.bytesRead.total += st.size;
  if (ctx.bytesRead.total > limits.maxTotalBytes) {
    throw new UserError(`more than ${limits.maxTotalBytes / 1024 / 1024} MiB of input in one project`, from ? { location: from } : {});
  }
  return readFileSync(real);
}

function at(container: object, key: string | number): Location | undefined {
  const l = entryOrigin(container, key) ?? selfOrigin(container);
  return l ? { file: l.file, line: l.line } : undefined;
}

/** The first default Compose file in `dir` or a parent, and its override. */
export function findDefaultFiles(dir: string): string[] {
  let cur = resolve(dir);
  for (;;) {
    const found = DEFAULT_FILES.map((f) => join(cur, f)).find((f) => existsSync(f));
    if (found) {
      const override = DEFAULT_OVERRIDES.map((f) => join(cur, f)).find((f) => existsSync(f));
      return override ? [found, override] : [found];
    }
    const parent = dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  throw new UserError(`no configuration file provided: not found (looked for ${DEFAULT_FILES.join(', ')} in ${dir} and its parents)`, {
    hint: 'name the files with -f',
  });
}

/** Read env files in order; later files win among themselves, the shell environment over all. */
function readEnvFiles(ctx: Omit<Context, 'lookup' | 'env'>, files: string[], shell: Record<string, string | undefined>, confined: boolean): Map<string, string> {
  const fromFiles = new Map<string, string>();
  for (const f of files) {
    const text = decodeYamlBytes(readConfined({ ...ctx, lookup: () => undefined, env: new Map() }, f, undefined, 'env file', confined), display(ctx, f));
    const parsed = parseDotenv(text, display(ctx, f), (k) => shell[k] ?? fromFiles.get(k));
    for (const [k, e] of parsed) fromFiles.set(k, e.value);
  }
  return fromFiles;
}

const BOOLEAN_PATHS = [
  'services.*.init', 'services.*.depends_on.*.required', 'services.*.depends_on.*.restart', 'services.*.healthcheck.disable',
  'services.*.oom_kill_disable', 'services.*.privileged', 'services.*.read_only', 'services.*.stdin_open', 'services.*.tty',
  'services.*.volumes.[].read_only', 'services.*.volumes.[].volume.nocopy', 'networks.*.external', 'networks.*.internal',
  'networks.*.attachable', 'networks.*.enable_ipv4', 'networks.*.enable_ipv6', 'volumes.*.external', 'secrets.*.external', 'configs.*.external',
];
const INT_PATHS = [
  'services.*.cpu_count', 'services.*.cpu_period', 'services.*.cpu_quota', 'services.*.cpu_rt_period', 'services.*.cpu_rt_runtime',
  'services.*.cpu_shares', 'services.*.deploy.replicas', 'services.*.deploy.update_config.parallelism', 'services.*.deploy.rollback_config.parallelism',
  'services.*.deploy.restart_policy.max_attempts', 'services.*.deploy.placement.max_replicas_per_node', 'services.*.healthcheck.retries',
  'services.*.oom_score_adj', 'services.*.pids_limit', 'services.*.ports.[].target', 'services.*.scale', 'services.*.ulimits.*',
  'services.*.ulimits.*.hard', 'services.*.ulimits.*.soft',
];
const FLOAT_PATHS = [
  'services.*.cpu_percent', 'services.*.cpus', 'services.*.deploy.update_config.max_failure_ratio', 'services.*.deploy.rollback_config.max_failure_ratio',
];

function pathMatches(pattern: string, path: (string | number)[]): boolean {
  const parts = pattern.split('.');
  if (parts.length !== path.length) return false;
  return parts.every((p, i) => (p === '[]' ? typeof path[i] === 'number' : p === '*' ? typeof path[i] === 'string' : p === path[i]));
}

/** Values interpolation leaves as strings that docker compose casts by path (`replicas: "${N}"`). */
function castTypes(model: Value, ctx: Context): void {
  const walk = (node: Value, path: (string | number)[]): void => {
    if (node === null || typeof node !== 'object') return;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const k of keys) {
      const p = [...path, k];
      const v = Array.isArray(node) ? node[k as number]! : (node as ValueMap)[k as string]!;
      if (typeof v === 'string') {
        let cast: Value | undefined;
        if (BOOLEAN_PATHS.some((x) => pathMatches(x, p))) {
          const lower = v.toLowerCase();
          if (lower === 'true' || lower === 'false') cast = lower === 'true';
          else if (['y', 'yes', 'on', 'n', 'no', 'off'].includes(lower)) {
            cast = ['y', 'yes', 'on'].includes(lower);
            ctx.onWarning(`${JSON.stringify(v)} for boolean is not supported by YAML 1.2, please use \`${cast}\``);
          } else {
            throw new UserError(`${p.join('.')}: invalid boolean: ${v}`, { location: at(node, k) });
          }
        } else if (INT_PATHS.some((x) => pathMatches(x, p))) {
          if (!/^[-+]?\d+$/.test(v)) throw new UserError(`${p.join('.')}: invalid integer: ${v}`, { location: at(node, k) });
          cast = Number(v);
        } else if (FLOAT_PATHS.some((x) => pathMatches(x, p))) {
          const n = Number(v);
          if (v.trim() === '' || Number.isNaN(n)) throw new UserError(`${p.join('.')}: invalid number: ${v}`, { location: at(node, k) });
          cast = n;
        }
        if (cast !== undefined) {
          if (Array.isArray(node)) node[k as number] = cast;
          else (node as ValueMap)[k as string] = cast;
        }
      } else walk(v, p);
    }
  };
  walk(model, []);
}

/** Paths (mapping keys) that a file marks `!reset` (removed) or `!override` (replaced); `!reset` entries are dropped from the file. */
function collectTags(node: Value, path: string[], out: { reset: string[][]; override: string[][] }): void {
  if (!isMap(node) && !Array.isArray(node)) return;
  if (Array.isArray(node)) {
    node.forEach((v) => collectTags(v, path, out));
    return;
  }
  for (const k of Object.keys(node)) {
    const tag = localTagOf(entryOrigin(node, k));
    const p = [...path, k];
    if (tag === '!reset') {
      out.reset.push(p);
      delete node[k];
      continue;
    }
    if (tag === '!override') out.override.push(p);
    else if (tag !== undefined) {
      throw new UserError(`unknown tag ${tag}`, { location: at(node, k), hint: 'Compose knows !reset and !override' });
    }
    collectTags(node[k]!, p, out);
  }
}

function deletePath(model: ValueMap, path: string[]): void {
  let node: Value = model;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isMap(node)) return;
    node = node[path[i]!] ?? null;
  }
  if (isMap(node)) delete node[path[path.length - 1]!];
}

const REMOTE_CONTEXT = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|service:)/i;

function absolutePath(ctx: Context, baseDir: string, p: string): string {
  if (p.startsWith('~')) {
    const home = ctx.lookup('HOME') ?? '/';
    return join(home, p.slice(1));
  }
  return isAbsolute(p) ? p : resolve(baseDir, p);
}

/** Relative paths of one file, resolved against the directory they are relative to. */
function resolvePaths(model: ValueMap, baseDir: string, ctx: Context): void {
  const services = isMap(model.services) ? model.services : newMap();
  for (const name of Object.keys(services)) {
    const svc = services[name];
    if (!isMap(svc)) continue;
    const build = isMap(svc.build) ? svc.build : undefined;
    if (build && typeof build.context === 'string' && !REMOTE_CONTEXT.test(build.context)) {
      build.context = absolutePath(ctx, baseDir, build.context);
    }
    if (Array.isArray(svc.volumes)) {
      for (const v of svc.volumes) {
        if (isMap(v) && v.type === 'bind' && typeof v.source === 'string') v.source = absolutePath(ctx, baseDir, v.source);
      }
    }
    if (Array.isArray(svc.env_file)) {
      for (const e of svc.env_file) if (isMap(e) && typeof e.path === 'string') e.path = absolutePath(ctx, baseDir, e.path);
    }
    if (Array.isArray(svc.label_file)) svc.label_file = svc.label_file.map((f) => absolutePath(ctx, baseDir, scalarText(f)));
  }
  for (const kind of ['secrets', 'configs'] as const) {
    const group = model[kind];
    if (!isMap(group)) continue;
    for (const k of Object.keys(group)) {
      const r = group[k];
      if (isMap(r) && typeof r.file === 'string') r.file = absolutePath(ctx, baseDir, r.file);
    }
  }
}

/** Canonical form of every service and resource of one file's model. */
function canonicalModel(model: ValueMap): void {
  if (isMap(model.services)) {
    for (const name of Object.keys(model.services)) {
      const svc = model.services[name];
      if (isMap(svc)) canonicalService(svc, name);
    }
  }
  for (const kind of ['networks', 'volumes', 'secrets', 'configs']) {
    const group = model[kind];
    if (!isMap(group)) continue;
    for (const k of Object.keys(group)) {
      const r = group[k];
      if (isMap(r)) canonicalResource(r);
    }
  }
  enforceUnicityTree(model);
}

interface LoadedFile {
  model: ValueMap;
  tags: { reset: string[][]; override: string[][] };
}

/** Parse, interpolate, validate and bring one file to canonical form (before include/extends). */
function readComposeFile(ctx: Context, abs: string, from: Location | undefined, confined: boolean, baseDir: string, validateAlone = false): LoadedFile[] {
  const shown = display(ctx, abs);
  const text = decodeYamlBytes(readConfined(ctx, abs, from, 'Compose file', confined), shown);
  const parsed = parseYaml(text, shown);
  const out: LoadedFile[] = [];
  for (const doc of parsed.docs) {
    if (doc.value === null) continue;
    if (!isMap(doc.value)) throw new UserError('a Compose file must be a mapping', { location: doc.location });
    const model = doc.value;
    const tags = { reset: [] as string[][], override: [] as string[][] };
    collectTags(model, [], tags);
    interpolateTree(model, ctx.lookup, shown, { onUnset: (n) => ctx.onWarning(`The "${n}" variable is not set. Defaulting to a blank string.`) });
    castTypes(model, ctx);
    // docker compose validates the merged model, where a null override keeps the base value.
    if (validateAlone) validateSchema(model, shown);
    if (model.version !== undefined) {
      ctx.onWarning(`${shown}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`);
      delete model.version;
    }
    canonicalModel(model);
    resolvePaths(model, baseDir, ctx);
    out.push({ model, tags });
  }
  return out;
}

/** Resolve `extends` of every service of one file (recursively, across files, refusing cycles). */
function resolveExtends(ctx: Context, model: ValueMap, fileAbs: string, tags: LoadedFile['tags']): void {
  const services = model.services;
  if (!isMap(services)) return;
  const files = new Map<string, ValueMap>([[fileAbs, services]]);
  const tagsOf = new Map<string, LoadedFile['tags']>([[fileAbs, tags]]);
  const resolved = new Set<string>();
  const servicesOf = (file: string, from: Location | undefined): ValueMap => {
    let s = files.get(file);
    if (!s) {
      const loaded = readComposeFile(ctx, file, from, true, dirname(file), true)[0];
      const other = loaded?.model;
      s = other && isMap(other.services) ? other.services : newMap();
      files.set(file, s);
      if (loaded) tagsOf.set(file, loaded.tags);
    }
    return s;
  };
  const resolveService = (file: string, name: string, chain: string[], from: Location | undefined): ValueMap => {
    const svcs = servicesOf(file, from);
    const svc = svcs[name];
    if (!isMap(svc)) {
      throw new UserError(`cannot extend service: service "${name}" not found${file === fileAbs ? '' : ` in ${display(ctx, file)}`}`, from ? { location: from } : {});
    }
    const key = `${file}#${name}`;
    if (resolved.has(key) || svc.extends === undefined) return svc;
    if (chain.includes(key)) {
      const names = [...chain, key].map((c) => c.slice(c.lastIndexOf('#') + 1));
      throw new UserError(`Circular reference with extends: ${names.join(' -> ')}`, { location: at(svc, 'extends') });
    }
    const ext = svc.extends;
    const loc = at(svc, 'extends');
    const target = typeof ext === 'string' ? { service: ext, file: undefined } : isMap(ext) ? { service: scalarText(ext.service ?? null), file: ext.file === undefined ? undefined : scalarText(ext.file) } : undefined;
    if (!target) throw new UserError(`services.${name}.extends must be a service name or a mapping`, { location: loc });
    const targetFile = target.file === undefined ? file : resolve(dirname(file), target.file);
    const base = cloneValue(resolveService(targetFile, target.service, [...chain, key], loc));
    // `!reset` and `!override` in the extending service act on what it inherits.
    const own = tagsOf.get(file);
    for (const p of own ? [...own.reset, ...own.override] : []) {
      if (p.length > 2 && p[0] === 'services' && p[1] === name) deletePath(base, p.slice(2));
    }
    delete svc.extends;
    const merged = merge(base, svc, ['services', name]) as ValueMap;
    setSelfOrigin(merged, selfOrigin(svc));
    const serviceLoc = entryOrigin(svcs, name);
    svcs[name] = merged;
    if (serviceLoc) setEntryOrigin(svcs, name, serviceLoc);
    resolved.add(key);
    return merged;
  };
  for (const name of Object.keys(services)) resolveService(fileAbs, name, [], undefined);
}

/** `include:` entries of one file: each a project of its own whose resources join this file. */
function resolveIncludes(ctx: Context, model: ValueMap, fileAbs: string): ValueMap | undefined {
  const include = model.include;
  if (include === undefined) return undefined;
  delete model.include;
  if (!Array.isArray(include)) throw new UserError('include must be a list', { location: at(model, 'include') });
  const imported = newMap();
  include.forEach((entry, i) => {
    const loc = at(include, i);
    const paths = isMap(entry) ? entry.path : entry;
    const list = (Array.isArray(paths) ? paths : [paths]).map((p) => scalarText(p ?? null));
    const files = list.map((p) => resolve(dirname(fileAbs), p));
    for (const f of files) {
      if (ctx.including.includes(f)) throw new UserError(`include cycle: ${[...ctx.including, f].map((x) => display(ctx, x)).join(' -> ')}`, { location: loc });
      // Confine before anything else reads it.
      readConfined(ctx, f, loc, 'included file');
      ctx.bytesRead.total -= statSync(f).size;
    }
    const projectDir = isMap(entry) && entry.project_directory !== undefined ? resolve(dirname(fileAbs), scalarText(entry.project_directory)) : dirname(files[0]!);
    const envFiles = isMap(entry) && entry.env_file !== undefined ? (Array.isArray(entry.env_file) ? entry.env_file : [entry.env_file]).map((e) => resolve(dirname(fileAbs), scalarText(e))) : [join(projectDir, '.env')].filter((f) => existsSync(f));
    const ownEnv = readEnvFiles(ctx, envFiles, {}, true);
    // The including project's variables win over the included project's own .env.
    const lookup: Lookup = (k) => ctx.lookup(k) ?? ownEnv.get(k);
    const sub: Context = { ...ctx, lookup, including: [...ctx.including, ...files] };
    const submodel = loadFiles(sub, files, projectDir, true);
    for (const kind of ['services', 'networks', 'volumes', 'secrets', 'configs']) {
      const group = submodel[kind];
      if (!isMap(group)) continue;
      const target = isMap(imported[kind]) ? (imported[kind] as ValueMap) : (imported[kind] = newMap());
      for (const k of Object.keys(group)) {
        target[k] = group[k]!;
        setEntryOrigin(target, k, entryOrigin(group, k));
      }
    }
  });
  return imported;
}

/** Load and merge files in order (one project level). */
function loadFiles(ctx: Context, files: string[], projectDir: string, confined: boolean): ValueMap {
  let merged: ValueMap = newMap();
  let first = true;
  for (const f of files) {
    for (const { model, tags } of readComposeFile(ctx, f, undefined, confined, projectDir)) {
      const imported = resolveIncludes({ ...ctx, including: [...ctx.including, f] }, model, f);
      let fileModel = model;
      if (imported) {
        // Imported resources come first; this file's own definitions merge over them.
        fileModel = merge(imported, model, []) as ValueMap;
      }
      resolveExtends(ctx, fileModel, f, tags);
      for (const p of [...tags.reset, ...tags.override]) deletePath(merged, p);
      if (first) {
        merged = fileModel;
        first = false;
      } else merged = merge(merged, fileModel, []) as ValueMap;
      validateSchema(merged, display(ctx, f));
    }
  }
  return merged;
}

/** The interpolated top-level `name:` of the last file that sets one. */
function nameFromFiles(ctx: Context, files: string[]): string | undefined {
  let name: string | undefined;
  for (const f of files) {
    const shown = display(ctx, f);
    const text = decodeYamlBytes(readConfined(ctx, f, undefined, 'Compose file', false), shown);
    ctx.bytesRead.total -= Buffer.byteLength(text);
    if (!/^name\s*:/m.test(text)) continue;
    for (const doc of parseYaml(text, shown).docs) {
      if (isMap(doc.value) && typeof doc.value.name === 'string') {
        const holder = newMap();
        holder.name = doc.value.name;
        setEntryOrigin(holder, 'name', entryOrigin(doc.value, 'name'));
        interpolateTree(holder, ctx.lookup, shown);
        name = holder.name as string;
      }
    }
  }
  return name;
}

function checkProjectName(name: string, from: string): string {
  if (name === '') throw new UserError(`project name must not be empty (${from})`);
  if (normaliseProjectName(name) !== name) {
    throw new UserError(`invalid project name ${JSON.stringify(name)} (${from}): must contain only lowercase letters, digits, dashes and underscores, and start with a letter or digit`);
  }
  return name;
}

/** Load a Compose project: the model `docker compose config` prints, with provenance. */
export function loadCompose(options: ComposeOptions = {}): ComposeProject {
  const cwd = resolve(options.cwd ?? process.cwd());
  const shell = options.env ?? process.env;
  const onWarning = options.onWarning ?? (() => undefined);
  let files: string[];
  const userFiles = options.files ?? [];
  if (userFiles.length > 0) files = userFiles.map((f) => resolve(cwd, f));
  else if (shell.COMPOSE_FILE) files = shell.COMPOSE_FILE.split(shell.COMPOSE_PATH_SEPARATOR ?? ':').filter((f) => f !== '').map((f) => resolve(cwd, f));
  else files = findDefaultFiles(cwd);
  for (const f of files) {
    if (!existsSync(f)) throw new UserError(`Compose file ${display({ cwd }, f)} not found`);
  }
  const root = options.projectDirectory ? resolve(cwd, options.projectDirectory) : dirname(files[0]!);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UserError(`project directory ${display({ cwd }, root)} not found`);
  const base = { cwd, root, rootReal: realpathSync(root), onWarning, bytesRead: { total: 0 }, including: [] as string[] };

  const disableEnvFile = /^(1|true)$/i.test(shell.COMPOSE_DISABLE_ENV_FILE ?? '');
  let envFiles: string[];
  let envConfined = false;
  if (options.envFiles && options.envFiles.length > 0) {
    envFiles = options.envFiles.map((f) => resolve(cwd, f));
    for (const f of envFiles) if (!existsSync(f)) throw new UserError(`env file ${display({ cwd }, f)} not found`);
  } else {
    envFiles = disableEnvFile ? [] : [join(root, '.env')].filter((f) => existsSync(f));
    envConfined = true;
  }
  const fromFiles = readEnvFiles(base, envFiles, shell, envConfined);
  const env = new Map<string, string>(fromFiles);
  for (const [k, v] of Object.entries(shell)) if (v !== undefined) env.set(k, v);
  if (!env.has('PWD')) env.set('PWD', cwd);

  // The project name: -p, then COMPOSE_PROJECT_NAME, then `name:` of the last file that sets it, then the directory.
  let name: string | undefined;
  if (options.projectName !== undefined) name = checkProjectName(options.projectName, '-p');
  else if (env.get('COMPOSE_PROJECT_NAME')) name = checkProjectName(env.get('COMPOSE_PROJECT_NAME')!, 'COMPOSE_PROJECT_NAME');
  const ctx: Context = { ...base, env, lookup: (k) => env.get(k) };
  if (name === undefined) {
    // Decided before the files are interpolated, which may use COMPOSE_PROJECT_NAME.
    name = normaliseProjectName(nameFromFiles(ctx, files) ?? '') || normaliseProjectName(basename(root));
    if (name === '') throw new UserError(`cannot derive a project name from the directory ${basename(root)}`, { hint: 'set `name:` or pass -p' });
  }
  env.set('COMPOSE_PROJECT_NAME', name);
  const model = loadFiles(ctx, files, root, false);
  const nameLoc = entryOrigin(model, 'name');
  model.name = name;
  if (nameLoc) setEntryOrigin(model, 'name', nameLoc);

  const profiles = options.profiles && options.profiles.length > 0 ? options.profiles : (env.get('COMPOSE_PROFILES') ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  finishProject(ctx, model, name, profiles, options.allResources ?? false);
  return { name, workingDir: root, files: files.map((f) => display(ctx, f)), model: ordered(model), environment: env };
}

function ordered(model: ValueMap): ValueMap {
  const out = newMap();
  setSelfOrigin(out, selfOrigin(model));
  const keys = ['name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models'];
  for (const k of [...keys, ...Object.keys(model).filter((k) => !keys.includes(k)).sort()]) {
    if (model[k] === undefined) continue;
    out[k] = model[k]!;
    const l = entryOrigin(model, k);
    if (l) setEntryOrigin(out, k, l);
  }
  return out;
}

function groupOf(model: ValueMap, kind: string): ValueMap {
  const g = model[kind];
  if (isMap(g)) return g;
  const m = newMap();
  model[kind] = m;
  return m;
}

/** Profiles, env_file resolution, defaults, names, unused resources, consistency. */
function finishProject(ctx: Context, model: ValueMap, project: string, profiles: string[], allResources: boolean): void {
  const services = groupOf(model, 'services');
  const all = profiles.includes('*');
  for (const name of Object.keys(services)) {
    const svc = services[name];
    if (!isMap(svc)) {
      throw new UserError(`services.${name} must be a mapping`, { location: at(services, name) });
    }
    const own = Array.isArray(svc.profiles) ? svc.profiles.map(scalarText) : [];
    if (own.length > 0 && !all && !own.some((p) => profiles.includes(p))) delete services[name];
  }
  for (const name of Object.keys(services)) {
    const svc = services[name] as ValueMap;
    resolveServiceEnvironment(ctx, svc);
    checkService(name, svc, services);
    if (!svc.image && !svc.build) {
      throw new UserError(`service "${name}" has neither an image nor a build context specified: invalid compose project`, { location: at(services, name) });
    }
    if (isMap(svc.build)) {
      if (svc.build.dockerfile === undefined && svc.build.dockerfile_inline === undefined) svc.build.dockerfile = 'Dockerfile';
      if (svc.build.context === undefined) svc.build.context = ctx.root;
    }
    if (svc.networks === undefined && svc.network_mode === undefined && svc.provider === undefined) {
      const nets = newMap();
      nets.default = null;
      setSelfOrigin(nets, selfOrigin(svc));
      svc.networks = nets;
    }
    if (Array.isArray(svc.secrets)) {
      for (const s of svc.secrets) if (isMap(s) && s.target === undefined) s.target = `/run/secrets/${scalarText(s.source ?? null)}`;
    }
    if (isMap(svc.depends_on)) {
      for (const dep of Object.keys(svc.depends_on)) {
        if (!isMap(services[dep])) {
          const d = svc.depends_on[dep];
          if (isMap(d) && d.required === false) {
            delete svc.depends_on[dep];
            continue;
          }
          throw new UserError(`service "${name}" depends on undefined service "${dep}": invalid compose project`, { location: at(svc.depends_on, dep) });
        }
      }
    }
  }
  checkDependencyCycles(services);
  const secrets = model.secrets;
  if (isMap(secrets)) {
    for (const key of Object.keys(secrets).sort()) {
      const sec = secrets[key];
      if (isMap(sec) && sec.external !== true && sec.file === undefined && sec.environment === undefined) {
        throw new UserError(`secret "${key}" must declare either \`file\` or \`environment\`: invalid compose project`, { location: at(secrets, key) });
      }
    }
  }
  // Which top-level resources the enabled services use.
  const used: Record<string, Set<string>> = { networks: new Set(), volumes: new Set(), secrets: new Set(), configs: new Set() };
  for (const name of Object.keys(services)) {
    const svc = services[name] as ValueMap;
    const refer = (kind: string, key: string, where: Location | undefined): void => {
      used[kind]!.add(key);
      if (kind === 'networks' && key === 'default' && !isMap(model.networks) || (kind === 'networks' && key === 'default' && isMap(model.networks) && !(key in model.networks))) {
        const nets = groupOf(model, 'networks');
        nets.default = newMap();
        return;
      }
      const group = model[kind];
      if (!isMap(group) || !(key in group)) {
        throw new UserError(`service "${name}" refers to undefined ${kind.slice(0, -1)} ${key}: invalid compose project`, where ? { location: where } : {});
      }
    };
    if (isMap(svc.networks)) for (const n of Object.keys(svc.networks)) refer('networks', n, at(svc.networks, n));
    if (Array.isArray(svc.volumes)) {
      svc.volumes.forEach((v, i) => {
        if (isMap(v) && v.type === 'volume' && typeof v.source === 'string' && v.source !== '') refer('volumes', v.source, at(svc.volumes as Value[], i));
      });
    }
    for (const kind of ['secrets', 'configs']) {
      const refs = svc[kind];
      if (Array.isArray(refs)) refs.forEach((r, i) => isMap(r) && refer(kind, scalarText(r.source ?? null), at(refs, i)));
    }
  }
  for (const kind of ['networks', 'volumes', 'secrets', 'configs']) {
    const group = model[kind];
    if (!isMap(group)) continue;
    for (const key of Object.keys(group)) {
      if (!allResources && !used[kind]!.has(key)) {
        delete group[key];
        continue;
      }
      let r = group[key];
      if (!isMap(r)) {
        r = newMap();
        setSelfOrigin(r, at(group, key));
        group[key] = r;
      }
      if (r.name === undefined) r.name = r.external === true ? key : `${project}_${key}`;
    }
    if (Object.keys(group).length === 0) delete model[kind];
  }
}

/** A `depends_on` cycle, reported as docker compose does (services and their dependencies in name order). */
function checkDependencyCycles(services: ValueMap): void {
  const children = (name: string): string[] => {
    const svc = services[name];
    return isMap(svc) && isMap(svc.depends_on) ? Object.keys(svc.depends_on).filter((d) => isMap(services[d])).sort() : [];
  };
  // Services from which no cycle can be reached: docker compose's search would find nothing below them.
  const clear = new Set<string>();
  const search = (path: string[]): void => {
    const here = path[path.length - 1]!;
    if (clear.has(here)) return;
    for (const child of children(here)) {
      const i = path.indexOf(child);
      if (i >= 0) {
        const deps = (services[here] as ValueMap).depends_on as ValueMap;
        throw new UserError(`dependency cycle detected: ${[...path.slice(i), child].join(' -> ')}`, { location: at(deps, child) });
      }
      search([...path, child]);
    }
    clear.add(here);
  };
  for (const name of Object.keys(services).sort()) search([name]);
}

/** docker compose's consistency checks of one service (compose-go loader/validate.go). */
function checkService(name: string, svc: ValueMap, services: ValueMap): void {
  const fail = (key: string | number, message: string, container: object = svc): never => {
    throw new UserError(message, { location: at(container, key) });
  };
  const build = isMap(svc.build) ? svc.build : undefined;
  if (build && build.dockerfile !== undefined && build.dockerfile_inline !== undefined) {
    fail('build', `service "${name}" declares mutually exclusive dockerfile and dockerfile_inline: invalid compose project`);
  }
  if (svc.network_mode !== undefined && svc.networks !== undefined) {
    fail('network_mode', `service ${name} declares mutually exclusive \`network_mode\` and \`networks\`: invalid compose project`);
  }
  const mode = typeof svc.network_mode === 'string' ? /^service:(.*)$/.exec(svc.network_mode) : null;
  if (mode && !isMap(services[mode[1]!])) fail('network_mode', `service "${mode[1]}" not found for network_mode 'service:${mode[1]}'`);
  const hc = isMap(svc.healthcheck) ? svc.healthcheck : undefined;
  if (hc && Array.isArray(hc.test) && hc.test.length > 0 && !['CMD', 'CMD-SHELL', 'NONE'].includes(scalarText(hc.test[0]!))) {
    fail('test', 'healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"', hc);
  }
  const deploy = isMap(svc.deploy) ? svc.deploy : undefined;
  const replicas = deploy?.replicas;
  if (typeof svc.scale === 'number' && typeof replicas === 'number' && svc.scale !== replicas) {
    fail('scale', `services.${name}: can't set distinct values on 'scale' and 'deploy.replicas': invalid compose project`);
  }
  if (typeof svc.scale === 'number' && svc.scale < 0) fail('scale', `services.${name}.scale: must be greater than or equal to 0`);
  if (typeof replicas === 'number' && replicas < 0) fail('deploy', `services.${name}.deploy.replicas: must be greater than or equal to 0`);
  const resources = isMap(deploy?.resources) ? (deploy!.resources as ValueMap) : undefined;
  const limits = isMap(resources?.limits) ? (resources!.limits as ValueMap) : undefined;
  const reservations = isMap(resources?.reservations) ? (resources!.reservations as ValueMap) : undefined;
  const pairs: [string, Value | undefined, string, Value | undefined][] = [
    ['cpus', svc.cpus, 'deploy.resources.limits.cpus', limits?.cpus],
    ['mem_limit', svc.mem_limit, 'deploy.resources.limits.memory', limits?.memory],
    ['mem_reservation', svc.mem_reservation, 'deploy.resources.reservations.memory', reservations?.memory],
    ['pids_limit', svc.pids_limit, 'deploy.resources.limits.pids', limits?.pids],
  ];
  for (const [key, own, other, theirs] of pairs) {
    if (own !== undefined && theirs !== undefined && scalarText(own) !== scalarText(theirs)) {
      fail(key, `services.${name}: can't set distinct values on '${key}' and '${other}': invalid compose project`);
    }
  }
  const count = typeof replicas === 'number' ? replicas : typeof svc.scale === 'number' ? svc.scale : 1;
  if (svc.container_name !== undefined && count > 1) {
    fail('container_name', `services.${name}: can't set container_name and ${typeof replicas === 'number' ? 'deploy.replicas' : 'scale'} as container name must be unique: invalid compose project`);
  }
  // A tmpfs and a volume on the same target (volumes among themselves are already unique).
  const mounted = new Map<string, string>();
  if (Array.isArray(svc.tmpfs)) {
    svc.tmpfs.forEach((t, i) => {
      const target = scalarText(t).split(':')[0]!;
      const where = `services.${name}.tmpfs[${i}]`;
      const before = mounted.get(target);
      if (before !== undefined) fail(i, `${where}: target ${target} already mounted as ${before}`, svc.tmpfs as Value[]);
      mounted.set(target, where);
    });
  }
  if (Array.isArray(svc.volumes)) {
    svc.volumes.forEach((v, i) => {
      if (!isMap(v) || typeof v.target !== 'string') return;
      const before = mounted.get(v.target);
      if (before !== undefined) fail(i, `services.${name}.volumes[${i}]: target ${v.target} already mounted as ${before}`, svc.volumes as Value[]);
      mounted.set(v.target, `services.${name}.volumes[${i}]`);
    });
  }
}

/** `env_file:` values, then `environment:` over them; bare keys take the interpolation environment. */
function resolveServiceEnvironment(ctx: Context, svc: ValueMap): void {
  const envFiles = svc.env_file;
  const env = newMap();
  const own = isMap(svc.environment) ? svc.environment : undefined;
  setSelfOrigin(env, own ? selfOrigin(own) : at(svc, 'env_file'));
  if (Array.isArray(envFiles)) {
    for (const e of envFiles) {
      if (!isMap(e) || typeof e.path !== 'string') continue;
      const path = e.path;
      const origin = selfOrigin(e);
      const loc = origin ? { file: origin.file, line: origin.line } : undefined;
      if (!existsSync(path)) {
        if (e.required === false) continue;
        throw new UserError(`env file ${display(ctx, path)} not found`, loc ? { location: loc } : {});
      }
      const shown = display(ctx, path);
      const text = decodeYamlBytes(readConfined(ctx, path, loc, 'env file'), shown);
      if (e.format === 'raw') {
        text.split(/\r?\n/).forEach((line, i) => {
          if (line === '' || line.startsWith('#')) return;
          const eq = line.indexOf('=');
          const k = eq < 0 ? line : line.slice(0, eq);
          env[k] = eq < 0 ? '' : line.slice(eq + 1);
          setEntryOrigin(env, k, { file: shown, line: i + 1 });
        });
      } else if (e.format !== undefined && e.format !== 'dotenv') {
        throw new UserError(`unsupported env_file format ${JSON.stringify(scalarText(e.format))}`, loc ? { location: loc } : {});
      } else {
        for (const [k, entry] of parseDotenv(text, shown, ctx.lookup)) {
          env[k] = entry.value;
          setEntryOrigin(env, k, { file: shown, line: entry.line });
        }
      }
    }
    delete svc.env_file;
  }
  if (own) {
    for (const k of Object.keys(own)) {
      const v = own[k]!;
      // A key without a value takes the variable's value, or stays unset (null).
      env[k] = v === null ? (ctx.lookup(k) ?? (k in env ? env[k]! : null)) : v;
      setEntryOrigin(env, k, entryOrigin(own, k));
    }
  }
  if (Object.keys(env).length > 0) svc.environment = env;
  else delete svc.environment;
}
