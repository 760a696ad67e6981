/**
 * The kustomize pipeline (kustomize v5.5's KustTarget): per kustomization, resources →
 * generators → components → transformers in kustomize's fixed order; then, at the top level
 * only, hash suffixes, name references, vars, local-config drop, sort and annotation cleanup.
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { UserError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { KustomizationInfo } from './types.js';
import type { Location } from '../core/location.js';
import { entryOrigin, isMap, selfOrigin, setEntryOrigin, type Value, type ValueMap } from '../core/provenance.js';
import { applyBuildMetadata } from './build-metadata.js';
import { applyBuiltinGenerators, applyBuiltinTransformers, type PluginEntry } from './builtins.js';
import { applyFieldTransformers } from './transformers.js';
import { defaultConfig, emptyConfig, mergeConfig, type TransformerConfig } from './config.js';
import { loadConfigurations, loadCrdConfig } from './configurations.js';
import { absorbGenerated, argsFrom, generate, mergeOptions, optionsFrom } from './generators.js';
import { applyHashSuffixes, goJson, goJsonString } from './hash.js';
import { currentId, idKey, idString } from './ids.js';
import type { BuildOptions, BuildResult } from './index.js';
import { type Kustomization, listOf, loadKustomization, mapOf, stringsOf } from './kustomization.js';
import { syncSharedValues } from './labels.js';
import { isHttpUrl, type LoadSession, looksRemote, realPath, RootFileLoader } from './loader.js';
import { fixNameReferences } from './name-reference.js';
import { configureOpenApi, MergeSchemaState } from './patches/index.js';
import { readResourceObjects } from './resources.js';
import { checkSortOptions, defaultOrderFirst, defaultOrderLast, sortLegacy } from './sort.js';
import type { KContext, KResource } from './types.js';
import { bindVars, resolveVars, type VarEntry } from './vars.js';
import { repeatedKeyOf } from '../yaml/parse.js';
import { getPath } from '../core/resource.js';

/** What a kustomization directory contributes, and what its overlays inherit from it. */
interface Accumulator {
  resources: KResource[];
  config: TransformerConfig;
  vars: VarEntry[];
}

interface BuildState {
  session: LoadSession;
  warnings: string[];
  kustomizations: KustomizationInfo[];
  visited: number;
  mergeSchema: MergeSchemaState;
}

function emptyAccumulator(): Accumulator {
  return { resources: [], config: emptyConfig(), vars: [] };
}

function contextFor(k: Kustomization, loader: RootFileLoader, state: BuildState, config?: TransformerConfig): KContext {
  return {
    loader,
    kustomizationFile: k.file,
    fieldLocation(field: string, index?: number): Location {
      if (index !== undefined) {
        const items = k.itemLocations[field];
        if (items && items[index]) return items[index]!;
      }
      return k.fieldLines[field] ?? { file: k.file, line: 1 };
    },
    warn(message: string) {
      state.warnings.push(message);
    },
    config,
    mergeSchema: state.mergeSchema,
  };
}

function appendUnique(ra: Accumulator, items: KResource[], where: Location): void {
  const seen = new Set(ra.resources.map((o) => idKey(currentId(o))));
  for (const r of items) {
    const id = currentId(r);
    const key = idKey(id);
    if (seen.has(key)) {
      throw new UserError(`may not add resource with an already registered id: ${idString(id)}`, { location: r.origin ?? where });
    }
    seen.add(key);
    ra.resources.push(r);
  }
}

/** `where` is the kustomization line that named `p`: a symlink loop is reported there. */
function isDirectory(p: string, where?: Location): boolean {
  try {
    return statSync(p).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new UserError(`too many levels of symbolic links: '${p}'`, { location: where });
    return false;
  }
}

function exists(p: string, where?: Location): boolean {
  try {
    statSync(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new UserError(`too many levels of symbolic links: '${p}'`, { location: where });
    return false;
  }
}

function within(child: string, root: string): boolean {
  return child === root || root === sep || child.startsWith(root + sep);
}

/** Opens a kustomization directory referenced from `parent` (kustomize's loader.New). */
function openDirectory(parent: RootFileLoader, chain: string[], path: string, where: Location): RootFileLoader {
  if (path === '') throw new UserError('new root cannot be empty', { location: where });
  if (isAbsolute(path)) throw new UserError(`new root '${path}' cannot be absolute`, { location: where });
  const abs = resolve(parent.root, path);
  if (!isDirectory(abs, where)) throw new UserError(`'${parent.display(abs)}' is not a directory`, { location: where });
  const real = realPath(abs, where);
  // Each nested kustomization costs a few stack frames of recursion; past this depth the
  // process would overflow its stack instead of naming the line.
  if (chain.length >= limits.maxKustomizationDepth) {
    throw new UserError(`kustomizations nested more than ${limits.maxKustomizationDepth} deep (each including the next)`, { location: where });
  }
  for (const visited of chain) {
    if (within(visited, real)) {
      throw new UserError(`cycle detected: candidate root '${real}' contains visited root '${visited}'`, { location: where });
    }
  }
  return new RootFileLoader(abs, parent.session);
}

function remoteError(field: string, entry: string, where: Location): UserError {
  return new UserError(
    `${field} entry '${entry}' is a remote location; prodgate never fetches from the network or clones repositories`,
    { location: where, hint: 'vendor the remote base into the repository and reference it by a relative path' },
  );
}

function accumulateDirectory(
  ra: Accumulator,
  loader: RootFileLoader,
  chain: string[],
  isComponent: boolean,
  state: BuildState,
  where: Location,
): Accumulator {
  const k = loadAndRecord(loader, state, where);
  if (isComponent && k.kind !== 'Component') {
    throw new UserError(`expected kind 'Component' for path '${loader.root}' but got '${k.kind}'`, { location: where });
  }
  if (!isComponent && k.kind === 'Component') {
    throw new UserError(`expected kind != 'Component' for path '${loader.root}'`, { location: where });
  }
  const subChain = [...chain, loader.realRoot];
  if (isComponent) return accumulateTarget(k, loader, ra, subChain, state);
  const sub = accumulateTarget(k, loader, emptyAccumulator(), subChain, state);
  appendUnique(ra, sub.resources, where);
  ra.config = mergeConfig(ra.config, sub.config);
  ra.vars.push(...sub.vars);
  return ra;
}

function loadAndRecord(loader: RootFileLoader, state: BuildState, where?: Location): Kustomization {
  state.visited++;
  if (state.visited > limits.maxKustomizations) {
    throw new UserError(`more than ${limits.maxKustomizations} kustomizations in one build`, { location: where });
  }
  const k = loadKustomization(loader, where);
  state.warnings.push(...k.warnings);
  const fields: Record<string, Location> = {};
  for (const [f, loc] of Object.entries(k.fieldLines)) fields[f] = loc;
  state.kustomizations.push({ file: k.file, kind: k.kind, fields, value: k.raw });
  return k;
}

function accumulateResources(ra: Accumulator, k: Kustomization, loader: RootFileLoader, chain: string[], state: BuildState, field = 'resources'): void {
  const entries = listOf(k, field);
  entries.forEach((entry, i) => {
    const where = k.itemLocations[field]?.[i] ?? k.fieldLines[field] ?? { file: k.file, line: 1 };
    if (typeof entry !== 'string') return;
    accumulateEntry(ra, entry, loader, chain, state, where, field, k.file);
  });
}

function accumulateEntry(
  ra: Accumulator,
  entry: string,
  loader: RootFileLoader,
  chain: string[],
  state: BuildState,
  where: Location,
  field: string,
  kustomizationFile: string,
): void {
  if (isHttpUrl(entry)) throw remoteError(field, entry, where);
  const abs = isAbsolute(entry) ? resolve(entry) : resolve(loader.root, entry);
  if (exists(abs, where) && !isDirectory(abs, where)) {
    const { text, displayPath } = loader.readFile(entry, where);
    const objects = readResourceObjects(text, displayPath);
    for (const o of objects) {
      o.meta.originPath = entry;
      o.meta.configuredIn = kustomizationFile;
    }
    appendUnique(ra, objects, where);
    return;
  }
  if (!exists(abs, where)) {
    if (looksRemote(entry)) throw remoteError(field, entry, where);
    throw new UserError(`accumulating resources: '${loader.display(abs)}' does not exist (neither a file nor a kustomization directory)`, {
      location: where,
    });
  }
  const sub = openDirectory(loader, chain, entry, where);
  accumulateDirectory(ra, sub, chain, false, state, where);
}


function runGenerators(ra: Accumulator, k: Kustomization, loader: RootFileLoader, chain: string[], state: BuildState, ctx: KContext): void {
  const globalOptions = optionsFrom(k.fields.generatorOptions);
  for (const [field, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    listOf(k, field).forEach((entry, i) => {
      const where = ctx.fieldLocation(field, i);
      const args = argsFrom(kind, entry, where);
      const gen = generate(args, mergeOptions(args.options, globalOptions), loader);
      absorbGenerated(ra.resources, gen);
    });
  }
  const helm = [...listOf(k, 'helmCharts'), ...listOf(k, 'helmChartInflationGenerator')];
  if (helm.length > 0) {
    const field = listOf(k, 'helmCharts').length > 0 ? 'helmCharts' : 'helmChartInflationGenerator';
    throw new UserError(`'${field}' is not supported: prodgate never runs helm; render the chart into the repository first`, {
      location: ctx.fieldLocation(field),
    });
  }
  const generators = loadPluginConfigs(k, 'generators', loader, chain, state, ctx);
  if (generators.length > 0) ra.resources = applyBuiltinGenerators(ra.resources, generators, ctx);
}

const BUILTIN_GENERATORS = new Set(['ConfigMapGenerator', 'SecretGenerator', 'IAMPolicyGenerator', 'HelmChartInflationGenerator']);
const BUILTIN_TRANSFORMERS = new Set([
  'AnnotationsTransformer',
  'HashTransformer',
  'ImageTagTransformer',
  'LabelTransformer',
  'LegacyOrderTransformer',
  'NamespaceTransformer',
  'PatchJson6902Transformer',
  'PatchStrategicMergeTransformer',
  'PatchTransformer',
  'PrefixSuffixTransformer',
  'PrefixTransformer',
  'SuffixTransformer',
  'ReplicaCountTransformer',
  'ReplacementTransformer',
  'SortOrderTransformer',
  'ValueAddTransformer',
]);

function describePlugin(config: ValueMap): string {
  const md = isMap(config.metadata) ? config.metadata : undefined;
  const text = (v: Value | undefined) => (typeof v === 'object' || v === undefined ? '' : String(v));
  return `${text(config.apiVersion)}/${text(config.kind)} '${text(md?.name)}'`;
}

/**
 * Reads `generators:` / `transformers:` / `validators:` entries (inline YAML or paths) and
 * keeps only kustomize's builtin kinds. Anything else would run a program (exec plugin, Go
 * plugin, KRM function container): refused, never executed.
 */
function loadPluginConfigs(
  k: Kustomization,
  field: 'generators' | 'transformers' | 'validators',
  loader: RootFileLoader,
  chain: string[],
  state: BuildState,
  ctx: KContext,
): PluginEntry[] {
  const entries = listOf(k, field);
  if (entries.length === 0) return [];
  const inline: Array<{ config: ValueMap; index: number; where: Location }> = [];
  const fromPaths: Array<{ config: ValueMap; index: number; where: Location }> = [];
  entries.forEach((entry, index) => {
    if (typeof entry !== 'string') return;
    const where = ctx.fieldLocation(field, index);
    const inlineObjects = tryInline(entry, where);
    if (inlineObjects) {
      for (const o of inlineObjects) inline.push({ config: o.body, index, where: o.origin });
      return;
    }
    const acc = emptyAccumulator();
    accumulateEntry(acc, entry, loader, chain, state, where, field, k.file);
    for (const o of acc.resources) fromPaths.push({ config: o.body, index, where: o.origin });
  });
  const out: PluginEntry[] = [];
  for (const { config, index, where } of [...inline, ...fromPaths]) {
    const md = isMap(config.metadata) ? config.metadata : undefined;
    const ann = md && isMap(md.annotations) ? md.annotations : undefined;
    const isFunction = !!ann && ('config.kubernetes.io/function' in ann || 'config.k8s.io/function' in ann);
    const builtinKinds = field === 'generators' ? BUILTIN_GENERATORS : field === 'transformers' ? BUILTIN_TRANSFORMERS : new Set<string>();
    const builtin = config.apiVersion === 'builtin' && typeof config.kind === 'string' && builtinKinds.has(config.kind) && !isFunction;
    if (!builtin) {
      const what = isFunction ? 'a KRM function' : 'an external plugin';
      throw new UserError(
        `${field}: ${describePlugin(config)} is ${what}; prodgate never executes plugins, functions or programs from a repository`,
        { location: where, hint: `only kustomize's builtin kinds (apiVersion: builtin) are supported under '${field}:'` },
      );
    }
    if (config.kind === 'HelmChartInflationGenerator') {
      throw new UserError(`${field}: HelmChartInflationGenerator is not supported: prodgate never runs helm`, { location: where });
    }
    out.push({ config, field, index });
  }
  return out;
}

function tryInline(entry: string, where: Location): KResource[] | undefined {
  if (!entry.includes('\n') && !/^\s*(apiVersion|kind)\s*:/.test(entry)) return undefined;
  try {
    const objs = readResourceObjects(entry, where.file);
    if (objs.length === 0) return undefined;
    // Inline YAML has no lines of its own: point at the entry in the kustomization.
    for (const o of objs) o.origin = { file: where.file, line: where.line + Math.max(0, o.origin.line - 1) };
    return objs;
  } catch {
    return undefined;
  }
}



function runTransformers(ra: Accumulator, k: Kustomization, loader: RootFileLoader, chain: string[], state: BuildState, ctx: KContext): void {
  // The kustomization's own fields, then its `transformers:` objects, as kustomize runs them.
  ra.resources = applyFieldTransformers(ra.resources, { k, tc: ra.config, at: (f, i) => ctx.fieldLocation(f, i) }, ctx);

  const transformers = loadPluginConfigs(k, 'transformers', loader, chain, state, ctx);
  if (transformers.length > 0) {
    ra.resources = applyBuiltinTransformers(ra.resources, transformers, ctx);
    syncSharedValues(ra.resources);
  }
  loadPluginConfigs(k, 'validators', loader, chain, state, ctx);
}

function accumulateTarget(k: Kustomization, loader: RootFileLoader, ra: Accumulator, chain: string[], state: BuildState): Accumulator {
  configureOpenApi(k.fields.openAPI, contextFor(k, loader, state));
  accumulateResources(ra, k, loader, chain, state);
  const configurations = stringsOf(k, 'configurations');
  let tc = defaultConfig();
  if (configurations.length > 0) tc = mergeConfig(tc, loadConfigurations(loader, configurations, (i) => contextFor(k, loader, state).fieldLocation('configurations', i)));
  ra.config = mergeConfig(ra.config, tc);
  const crds = stringsOf(k, 'crds');
  if (crds.length > 0) ra.config = mergeConfig(ra.config, loadCrdConfig(loader, crds, (i) => contextFor(k, loader, state).fieldLocation('crds', i)));

  const ctx = contextFor(k, loader, state, ra.config);
  runGenerators(ra, k, loader, chain, state, ctx);

  stringsOf(k, 'components').forEach((path, i) => {
    const where = ctx.fieldLocation('components', i);
    if (isHttpUrl(path) || (looksRemote(path) && !exists(resolve(loader.root, path), where))) throw remoteError('components', path, where);
    const sub = openDirectory(loader, chain, path, where);
    ra = accumulateDirectory(ra, sub, chain, true, state, where);
  });

  runTransformers(ra, k, loader, chain, { ...state }, contextFor(k, loader, state, ra.config));
  const layerVars = listOf(k, 'vars').map((v) => ({ value: v, ctx }));
  bindVars(ra.resources, layerVars);
  ra.vars.push(...layerVars);
  return ra;
}

const INTERNAL_ANNOTATIONS = new Set([
  'config.kubernetes.io/path',
  'config.kubernetes.io/index',
  'config.k8s.io/id',
  ...[
    'previousNames',
    'previousKinds',
    'previousNamespaces',
    'prefixes',
    'suffixes',
    'refBy',
    'generatorBehavior',
    'needsHashSuffix',
    'allowNameChange',
    'allowKindChange',
    'path',
    'index',
    'id',
    'seqindent',
    'annotations-migration-resource-id',
  ].map((n) => `internal.config.kubernetes.io/${n}`),
]);

function cleanAnnotations(r: KResource, buildMetadata: string[]): void {
  const md = r.body.metadata;
  if (!isMap(md)) return;
  if (!Object.prototype.hasOwnProperty.call(md, 'annotations')) return;
  const ann = md.annotations;
  if (isMap(ann)) {
    for (const key of Object.keys(ann)) {
      if (INTERNAL_ANNOTATIONS.has(key)) delete ann[key];
      else if (key === 'config.kubernetes.io/origin' && !buildMetadata.includes('originAnnotations')) delete ann[key];
      else if (key === 'alpha.config.kubernetes.io/transformations' && !buildMetadata.includes('transformerAnnotations')) delete ann[key];
    }
    // kustomize rebuilds annotations as strings; values that reached here as numbers or bools
    // (from patches or replacements) print as their JSON text.
    for (const key of Object.keys(ann)) {
      const v = ann[key];
      if (v === null) ann[key] = '';
      else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') ann[key] = goJson(v);
    }
    if (Object.keys(ann).length === 0) delete md.annotations;
  } else if (ann === null) {
    delete md.annotations;
  }
}

/**
 * Kustomize converts each object to JSON and parses it back as YAML, where a key is an implicit
 * key: one whose JSON text (quotes and escapes included) exceeds 1,024 characters fails there
 * ("did not find expected ',' or '}'"). Walked with a stack: objects may nest deeply.
 */
function refuseLongKeys(r: KResource): void {
  const stack: Value[] = [r.body];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (Array.isArray(v)) stack.push(...v);
    else if (isMap(v)) {
      for (const k of Object.keys(v)) {
        // Go escapes a character as at most 6 (\u003c), so shorter keys cannot reach the bound.
        if (k.length > 170 && [...goJsonString(k)].length > 1024) {
          throw new UserError(`mapping key of ${[...k].length} characters: kustomize cannot read back a key longer than 1024 characters as JSON`, {
            location: entryOrigin(v, k) ?? selfOrigin(v) ?? selfOrigin(r.body),
          });
        }
        stack.push(v[k]!);
      }
    }
  }
}

function isLocalConfig(r: KResource): boolean {
  const md = r.body.metadata;
  const ann = isMap(md) && isMap(md.annotations) ? md.annotations : undefined;
  if (!ann || !Object.prototype.hasOwnProperty.call(ann, 'config.kubernetes.io/local-config')) return false;
  return ann['config.kubernetes.io/local-config'] !== 'false';
}

/**
 * An annotation key written twice (in a resource, or in a patch's annotations copied whole)
 * stays twice in kustomize's object: transformers change the first entry, and the object is
 * printed from a map, where the last one wins.
 */
function keepLastRepeatedAnnotations(r: KResource): void {
  const ann = getPath(r.body, ['metadata', 'annotations']);
  const repeated = repeatedKeyOf(ann ?? null);
  if (!repeated?.lastValues || !isMap(ann)) return;
  for (const { key, value, location } of repeated.lastValues) {
    ann[key] = value;
    setEntryOrigin(ann, key, location);
  }
}

export function build(dir: string, options: BuildOptions = {}): BuildResult {
  const displayRoot = resolve(options.root ?? process.cwd());
  const state: BuildState = {
    session: { displayRoot, restrictor: options.loadRestrictor ?? 'rootOnly', bytesRead: 0 },
    warnings: [],
    kustomizations: [],
    visited: 0,
    mergeSchema: new MergeSchemaState(),
  };
  if (looksRemote(dir) && !exists(resolve(dir))) throw remoteError('build', dir, { file: dir, line: 1 });
  const abs = resolve(dir);
  if (!exists(abs)) throw new UserError(`'${dir}' does not exist`);
  if (!isDirectory(abs)) throw new UserError(`'${dir}' is not a directory: pass a kustomization directory`);
  const loader = new RootFileLoader(abs, state.session);
  const k = loadAndRecord(loader, state);
  const ra = accumulateTarget(k, loader, emptyAccumulator(), [loader.realRoot], state);
  const ctx = contextFor(k, loader, state, ra.config);

  let res = applyHashSuffixes(ra.resources);
  res = fixNameReferences(res, ra.config.nameReference);
  res = resolveVars(res, ra.vars, ra.config.varReference);
  res = res.filter((r) => !isLocalConfig(r));
  const buildMetadata = stringsOf(k, 'buildMetadata');
  res = applyBuildMetadata(res, buildMetadata, ctx);

  const sortOptions = mapOf(k, 'sortOptions');
  if (sortOptions) {
    checkSortOptions(sortOptions, ctx.fieldLocation('sortOptions'));
    if (sortOptions.order !== 'fifo') {
      const legacy = isMap(sortOptions.legacySortOptions) ? sortOptions.legacySortOptions : undefined;
      const strs = (v: Value | undefined) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
      res = legacy ? sortLegacy(res, strs(legacy.orderFirst), strs(legacy.orderLast)) : sortLegacy(res);
    }
  } else if (options.reorder !== 'none') {
    res = sortLegacy(res, defaultOrderFirst, defaultOrderLast);
  }
  for (const r of res) {
    refuseLongKeys(r);
    keepLastRepeatedAnnotations(r);
    cleanAnnotations(r, buildMetadata);
  }
  return { resources: res, kustomizations: state.kustomizations, warnings: state.warnings };
}
