/**
 * Patch steps of the kustomize pipeline: `patchesStrategicMerge`, `patches` and
 * `patchesJson6902`, with kustomize v5.5's target selection, SMP/JSON detection and errors.
 */
import { UserError } from '../../core/errors.js';
import type { Location } from '../../core/location.js';
import { cloneValue, entryOrigin, isMap, newMap, setEntryOrigin, type Value, type ValueMap } from '../../core/provenance.js';
import { getPath, str } from '../../core/resource.js';
import { builtinSchema, schemaFromDocument, type MergeSchema } from '../openapi.js';
import { parseYaml, repeatedKeyOf } from '../../yaml/parse.js';
import { recordTransformer } from '../build-metadata.js';
import type { KContext, KResource, ResId } from '../types.js';
import { applyJsonPatch, type JsonPatchOp } from './json6902.js';
import { forgetSharedValues } from '../labels.js';
import { inlinePatch, readPatchFile, trySmpDocs, tryJsonOps, type PatchText, type SmpDoc } from './load.js';
import { applyStrategicMerge } from './smp.js';
import {
  currentId,
  effectiveNamespace,
  formatId,
  readTarget,
  resourcesWithAnyId,
  splitApiVersion,
  storePreviousId,
  TargetMatcher,
  type Target,
} from './select.js';

/**
 * The merge-key schema of one build: kustomize's built-in table until an `openapi:` path
 * replaces it (kustomize keeps it for the whole build, and the first document loaded — the
 * top-level one, else the first base's — wins). Each build has its own, so builds in one
 * process never see each other's schemas.
 */
export class MergeSchemaState {
  private active: MergeSchema = builtinSchema;
  /** Whether an `openapi:` path already chose the schema. */
  customSet = false;
  /**
   * An `openapi:` document that is not valid UTF-8: kustomize reads the schema only when a
   * strategic merge first needs it, and fails (panics) then.
   */
  unreadable: UserError | undefined;

  get(): MergeSchema {
    if (this.unreadable) throw this.unreadable;
    return this.active;
  }

  set(schema: MergeSchema): void {
    this.active = schema;
  }
}

/**
 * A kustomization's `openapi:` field: `path` to an OpenAPI document replaces the merge-key
 * schema for the rest of the build (kustomize keeps it globally, and the first document
 * loaded — the top-level one, else the first base's — wins); `version` names the built-in
 * data, of which kustomize v5.5 embeds only v1.21.2.
 */
export function configureOpenApi(field: Value | undefined, ctx: KContext): void {
  const state = ctx.mergeSchema;
  if (field === undefined || field === null || state.customSet) return;
  const where = ctx.fieldLocation('openapi');
  if (!isMap(field)) throw new UserError('openapi must be a mapping with a path or a version', { location: where });
  const path = field.path;
  if (typeof path === 'string' && path !== '') {
    let f;
    try {
      f = ctx.loader.readFile(path, entryOrigin(field, 'path') ?? where);
    } catch (e) {
      if (!(e instanceof UserError) || !/UTF-8/.test(e.message)) throw e;
      state.unreadable = new UserError(`invalid schema file: ${e.message}`, { location: e.location });
      state.customSet = true;
      return;
    }
    const parsed = parseYaml(f.text, f.displayPath, { dialect: 'yaml12', uniqueKeys: false });
    state.set(schemaFromDocument(parsed.docs[0]?.value ?? null));
    state.customSet = true;
    return;
  }
  const version = field.version;
  if (version !== undefined && version !== null && version !== 'v1.21.2' && version !== '') {
    throw new UserError(`the specified OpenAPI version is not built in: ${String(version)}`, { location: where, hint: 'kustomize v5.5 embeds only v1.21.2' });
  }
  state.set(builtinSchema);
}

/** A patch entry's `options:`. */
export interface PatchOptions {
  allowNameChange?: boolean;
  allowKindChange?: boolean;
}

function entryLocation(entries: Value[], i: number, ctx: KContext, field: string): Location {
  return entryOrigin(entries, i) ?? ctx.fieldLocation(field, i);
}

/**
 * Applies one strategic merge patch document to one object, as kustomize's ApplySmPatch: the
 * object keeps its kind and name unless the options allow changing them, and always keeps its
 * namespace. Returns false when the patch deleted the object.
 */
interface SmpOptions extends PatchOptions {
  /** The build's merge-key schema. */
  schema: MergeSchemaState;
}

export function applySmpToResource(r: KResource, patchDoc: ValueMap, options: SmpOptions, where?: Location): boolean {
  const patch = cloneValue(patchDoc);
  // The patch takes the object's apiVersion (kustomize sets the patch's GVK from its target).
  if (r.body.apiVersion !== undefined) patch.apiVersion = r.body.apiVersion;
  else delete patch.apiVersion;
  setEntryOrigin(patch, 'apiVersion', entryOrigin(r.body, 'apiVersion'));
  const md0 = isMap(r.body.metadata) ? r.body.metadata : undefined;
  const saved = {
    kind: r.body.kind,
    kindLoc: entryOrigin(r.body, 'kind'),
    name: md0?.name,
    nameLoc: md0 ? entryOrigin(md0, 'name') : undefined,
    namespace: md0?.namespace,
    namespaceLoc: md0 ? entryOrigin(md0, 'namespace') : undefined,
  };
  if (options.allowNameChange || options.allowKindChange) storePreviousId(r);
  const patchRepeatsKeys = containsRepeatedKey(patch);
  const result = applyStrategicMerge(r.body, patch, options.schema.get(), where);
  if (result.deleted) return false;
  if (patchRepeatsKeys) refuseCopiedRepeatedKeys(r.body);
  // A `$patch: replace` on the whole object leaves it unchanged in kustomize.
  if (result.replacement) return true;
  if (Object.keys(r.body).length === 0) return false;
  if (!options.allowKindChange) {
    if (saved.kind === undefined) delete r.body.kind;
    else {
      r.body.kind = saved.kind;
      setEntryOrigin(r.body, 'kind', saved.kindLoc);
    }
  } else r.meta.allowKindChange = true;
  if (!options.allowNameChange) {
    restoreMeta(r, 'name', saved.name, saved.nameLoc);
  } else r.meta.allowNameChange = true;
  restoreMeta(r, 'namespace', saved.namespace ?? '', saved.namespaceLoc);
  return true;
}

function containsRepeatedKey(value: Value): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (repeatedKeyOf(value)) return true;
  return (Array.isArray(value) ? value : Object.values(value)).some(containsRepeatedKey);
}

/**
 * A patch mapping that repeats a key is read through its first value while kustomize merges
 * it into a mapping of the object, but kustomize fails when it copies such a mapping into the
 * object whole (a new field, a new list item, a replaced list or `$patch: replace`).
 */
function refuseCopiedRepeatedKeys(value: Value): void {
  if (value === null || typeof value !== 'object') return;
  const repeated = repeatedKeyOf(value);
  if (repeated?.lastValues && !Array.isArray(value)) {
    for (const { key, value: last, location } of repeated.lastValues) {
      value[key] = last;
      setEntryOrigin(value, key, location);
    }
  } else if (repeated) {
    throw new UserError(
      `mapping key "${repeated.key}" already defined at line ${repeated.firstLine} (kustomize fails when a patch adds a mapping that repeats a key)`,
      { location: repeated.location },
    );
  }
  for (const v of Array.isArray(value) ? value : Object.values(value)) refuseCopiedRepeatedKeys(v);
}

function restoreMeta(r: KResource, key: 'name' | 'namespace', value: Value | undefined, loc: Location | undefined): void {
  let md = r.body.metadata;
  if (value === undefined || value === null || value === '') {
    if (isMap(md)) delete md[key];
    return;
  }
  if (!isMap(md)) {
    md = newMap();
    r.body.metadata = md;
  }
  md[key] = value;
  setEntryOrigin(md, key, loc);
}

function idOfDoc(doc: ValueMap): ResId {
  const { group, version } = splitApiVersion(str(doc.apiVersion));
  return {
    group,
    version,
    kind: str(doc.kind),
    name: str(getPath(doc, ['metadata', 'name'])),
    namespace: str(getPath(doc, ['metadata', 'namespace'])),
  };
}

/** Applies SMP documents: to the object with the document's id, or to every object the target selects. */
function applySmpDocs(
  resources: KResource[],
  docs: SmpDoc[],
  target: Target | undefined,
  options: SmpOptions,
  where: Location | undefined,
  field: string,
): KResource[] {
  let list = resources;
  if (!target) {
    for (const doc of docs) {
      const id = idOfDoc(doc.value);
      const matches = resourcesWithAnyId(list, id);
      if (matches.length !== 1) {
        const why = matches.length === 0 ? `no matches for Id ${formatId(id)}` : `multiple matches for Id ${formatId(id)}`;
        throw new UserError(`no resource matches strategic merge patch "${formatId(id)}": ${why}; failed to find unique target for patch ${formatId(id)}`, {
          location: doc.location,
          hint: nearMissHint(list, id, field),
        });
      }
      const r = matches[0]!;
      if (!applySmpToResource(r, doc.value, options, doc.location)) list = list.filter((x) => x !== r);
    }
    return list;
  }
  const matcher = new TargetMatcher(target, where);
  const selected = matcher.select(list);
  const removed = new Set<KResource>();
  for (const doc of docs) {
    for (const r of selected) {
      if (removed.has(r)) continue;
      const patch = cloneValue(doc.value);
      if (!applySmpToResource(r, patch, options, doc.location)) removed.add(r);
    }
  }
  return removed.size ? list.filter((r) => !removed.has(r)) : list;
}

function applyJsonOps(resources: KResource[], ops: JsonPatchOp[], target: Target, where: Location | undefined): KResource[] {
  const matcher = new TargetMatcher(target, where);
  for (const r of matcher.select(resources)) {
    storePreviousId(r);
    r.body = applyJsonPatch(r.body, ops, previousIdAnnotations(r));
    forgetSharedValues(r.body);
  }
  return resources;
}

/**
 * The bookkeeping annotations kustomize keeps on an object while a JSON patch runs (its
 * previous ids, just stored): a patch that copies or tests `/metadata/annotations` sees them.
 */
function previousIdAnnotations(r: KResource): Record<string, string> {
  const ids = r.meta.previousIds;
  return {
    'internal.config.kubernetes.io/previousKinds': ids.map((i) => i.kind).join(','),
    'internal.config.kubernetes.io/previousNames': ids.map((i) => i.name).join(','),
    'internal.config.kubernetes.io/previousNamespaces': ids.map((i) => effectiveNamespace(i)).join(','),
  };
}

/** Why a patch found nothing: the same kind and name exist with another namespace or apiVersion. */
function nearMissHint(resources: KResource[], id: ResId, field: string): string | undefined {
  const near = resources.map((r) => currentId(r)).filter((c) => c.kind === id.kind && c.name === id.name);
  const first = near[0];
  if (first) {
    const ns = first.namespace || '(none)';
    const av = first.group ? `${first.group}/${first.version}` : first.version;
    return `${id.kind}/${id.name} exists with apiVersion ${av} and namespace ${ns}; the patch must use the same apiVersion and namespace`;
  }
  return field === 'patches' ? 'add a `target:` to the patch entry, or fix the patch kind and name' : undefined;
}

function readOptions(v: Value | undefined, where: Location | undefined): PatchOptions {
  if (v === undefined || v === null) return {};
  if (!isMap(v)) throw new UserError('patch options must be a mapping', { location: where });
  const out: PatchOptions = {};
  for (const k of Object.keys(v)) {
    const val = v[k];
    if (typeof val !== 'boolean' && val !== null) {
      throw new UserError(`invalid Kustomization: patch option "${k}" must be true or false`, { location: where });
    }
    if (k === 'allowNameChange') out.allowNameChange = val === true;
    else if (k === 'allowKindChange') out.allowKindChange = val === true;
  }
  return out;
}

const PATCH_FIELDS = new Set(['path', 'patch', 'target', 'options']);

interface PatchEntry {
  text: PatchText;
  target?: Target;
  options: PatchOptions;
  where: Location;
}

function readPatchEntry(entry: Value, where: Location, ctx: KContext, field: string): PatchEntry {
  if (!isMap(entry)) throw new UserError(`invalid Kustomization: each '${field}' entry must be a mapping`, { location: where });
  for (const k of Object.keys(entry)) {
    if (!PATCH_FIELDS.has(k)) throw new UserError(`invalid Kustomization: json: unknown field "${k}"`, { location: entryOrigin(entry, k) ?? where });
  }
  const path = entry.path;
  const inline = entry.patch;
  const hasPath = path !== undefined && path !== null && path !== '';
  const inlineText = typeof inline === 'string' ? inline.trim() : inline === undefined || inline === null ? '' : String(inline);
  if (!hasPath && inlineText === '') {
    throw new UserError(`must specify one of patch and path in the '${field}' entry`, { location: where });
  }
  if (hasPath && inlineText !== '') {
    throw new UserError(`patch and path can't be set at the same time in the '${field}' entry`, { location: where });
  }
  const text = hasPath ? readPatchFile(String(path), ctx, entryOrigin(entry, 'path') ?? where) : inlinePatch(inlineText, ctx, entryOrigin(entry, 'patch') ?? where);
  const target = readTarget(entry.target, entryOrigin(entry, 'target') ?? where);
  return { text, target, options: readOptions(entry.options, entryOrigin(entry, 'options') ?? where), where };
}

function describe(p: PatchText): string {
  return p.lineOffset === 0 && p.where?.file !== p.file ? p.file : 'inline patch';
}

/** Whether a step records itself for `buildMetadata: [transformerAnnotations]`. */
export interface StepOptions {
  record?: boolean;
}

/** `patches:` entries: SMP or JSON 6902, decided from the text as kustomize does. */
export function applyPatches(resources: KResource[], entries: Value[], ctx: KContext, step: StepOptions = {}): KResource[] {
  let list = resources;
  entries.forEach((entry, i) => {
    const where = entryLocation(entries, i, ctx, 'patches');
    const e = readPatchEntry(entry, where, ctx, 'patches');
    const sm = trySmpDocs(e.text);
    const js = tryJsonOps(e.text);
    if (sm.docs && js.ops) {
      throw new UserError(`${describe(e.text)} illegally qualifies as both an SM and JSON patch`, { location: e.text.where ?? where });
    }
    if (!sm.docs && !js.ops) {
      const inner = e.text.text.trimStart().startsWith('[') || /^\s*-/.test(e.text.text) ? js.error : sm.error;
      throw new UserError(`unable to parse SM or JSON patch from ${describe(e.text)}: ${inner?.message ?? 'invalid patch'}`, {
        location: inner?.location ?? where,
      });
    }
    if (sm.docs && sm.docs.length === 0) {
      // No documents at all: kustomize takes it for an empty JSON patch, which needs a target.
      if (!e.target) throw new UserError('must specify a target for JSON patch (the patch has no documents)', { location: where });
    } else if (sm.docs) {
      list = applySmpDocs(list, sm.docs, e.target, { ...e.options, schema: ctx.mergeSchema }, where, 'patches');
    } else {
      if (!e.target) throw new UserError('must specify a target for JSON patch', { location: where });
      list = applyJsonOps(list, js.ops!, e.target, where);
    }
    if (step.record !== false) recordTransformer(list, ctx, 'PatchTransformer');
  });
  return list;
}

/** Legacy `patchesStrategicMerge:` entries: a file path, or an inline patch. */
export function applyPatchesStrategicMerge(resources: KResource[], entries: Value[], ctx: KContext, step: StepOptions = {}): KResource[] {
  const loaded: SmpDoc[] = [];
  entries.forEach((entry, i) => {
    const where = entryLocation(entries, i, ctx, 'patchesStrategicMerge');
    if (typeof entry !== 'string') {
      throw new UserError(`invalid Kustomization: 'patchesStrategicMerge' entries must be strings`, { location: where });
    }
    // kustomize first tries the string itself as a patch, then as a file path.
    const inline = trySmpDocs(inlinePatch(entry, ctx, where), true);
    if (inline.docs && inline.docs.length > 0) {
      loaded.push(...inline.docs);
      return;
    }
    const file = readPatchFile(entry, ctx, where);
    const fromFile = trySmpDocs(file, true);
    if (fromFile.error) throw fromFile.error;
    loaded.push(...fromFile.docs!);
  });
  if (entries.length > 0 && loaded.length === 0) {
    throw new UserError('patch appears to be empty', { location: ctx.fieldLocation('patchesStrategicMerge') });
  }
  let list = resources;
  for (const doc of loaded) list = applySmpDocs(list, [doc], undefined, { schema: ctx.mergeSchema }, doc.location, 'patchesStrategicMerge');
  if (entries.length > 0 && step.record !== false) recordTransformer(list, ctx, 'PatchStrategicMergeTransformer');
  return list;
}

/** Legacy `patchesJson6902:` entries: a target with a name, and a path or inline operations. */
export function applyPatchesJson6902(resources: KResource[], entries: Value[], ctx: KContext, step: StepOptions = {}): KResource[] {
  let list = resources;
  entries.forEach((entry, i) => {
    const where = entryLocation(entries, i, ctx, 'patchesJson6902');
    const e = readPatchEntry(entry, where, ctx, 'patchesJson6902');
    if (!e.target) throw new UserError('must specify a target for patch', { location: where });
    if (!e.target.name) throw new UserError('must specify the target name', { location: where });
    const js = tryJsonOps(e.text);
    if (!js.ops) throw js.error ?? new UserError('invalid JSON patch', { location: where });
    if (js.ops.length === 0) throw new UserError(`patch appears to be empty; file=${e.text.file}`, { location: where });
    list = applyJsonOps(list, js.ops, e.target, where);
    if (step.record !== false) recordTransformer(list, ctx, 'PatchJson6902Transformer');
  });
  return list;
}

export { currentId };
