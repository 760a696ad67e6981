/**
 * `replacements:` as kustomize v5.5 runs them: copy one field of a source object into fields
 * of target objects.
 * - The source is picked by exact group/version/kind/name/namespace (current or previous
 *   name); none or several is an error. Its `fieldPath` (default `metadata.name`) must exist.
 * - Targets are selected the same way (plus label/annotation selectors), minus `reject`s. A
 *   target field path is split at dots outside brackets; `[k=v]` picks list elements whose
 *   `k` matches the regular expression `v` (unanchored, as kyaml does), a number indexes a list,
 *   `*` takes every element. A missing field is an error unless `options.create`.
 * - A scalar target keeps its type: only the text changes, so a string stays a string and an
 *   integer field given a non-number is an error. A created scalar takes the type its text has.
 * - `delimiter`/`index` pick a part of the source, and replace (or prefix, index < 0, or
 *   append, index past the end) a part of the target.
 * Provenance: each written field is attributed to the source field's location.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import {
  cloneValue,
  entryOrigin,
  fieldOrigin,
  isMap,
  newMap,
  setEntryOrigin,
  stampOrigins,
  type Value,
  type ValueMap,
} from '../core/provenance.js';
import { getPath, str, stringMapOf } from '../core/resource.js';
import { parseYaml } from '../yaml/parse.js';
import { resolvePlain } from '../yaml/scalars.js';
import { allIds, effectiveNamespace, idString } from './ids.js';
import type { Matcher } from '../core/regex.js';
import { parseSelector, selectorMatchesLabels, untrustedRegExp, type Target as IdSelector } from './patches/select.js';
import { recordTransformer } from './build-metadata.js';
import type { KContext, KResource, ResId } from './types.js';

interface FieldOptions {
  delimiter?: string;
  index?: number;
  create?: boolean;
}

interface Replacement {
  source: IdSelector & { fieldPath?: string; options?: FieldOptions };
  targets: { select?: IdSelector; reject: IdSelector[]; fieldPaths: { path: string; location: Location }[]; options?: FieldOptions; location: Location }[];
  location: Location;
}

const DEFAULT_FIELD_PATH = 'metadata.name';

function fail(message: string, location: Location | undefined): never {
  throw new UserError(message, { location });
}

function readSelector(v: Value | undefined, where: Location, allowed: string[]): IdSelector & Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (!isMap(v)) fail('replacement selector must be a mapping', where);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const key = allowed.find((a) => a.toLowerCase() === k.toLowerCase());
    if (!key) fail(`invalid Kustomization: json: unknown field "${k}"`, entryOrigin(v, k) ?? where);
    const val = v[k];
    if (val === null || val === undefined) continue;
    out[key] = key === 'options' ? val : typeof val === 'object' ? fail(`replacement field "${k}" must be a string`, where) : String(val);
  }
  return out as IdSelector & Record<string, unknown>;
}

function readOptions(v: Value | undefined, where: Location): FieldOptions | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isMap(v)) fail('replacement options must be a mapping', where);
  const out: FieldOptions = {};
  for (const k of Object.keys(v)) {
    const val = v[k];
    if (k === 'delimiter') out.delimiter = val === null ? '' : String(val);
    else if (k === 'index') {
      if (typeof val !== 'number' || !Number.isInteger(val)) fail('replacement options.index must be an integer', entryOrigin(v, k) ?? where);
      out.index = val;
    } else if (k === 'create') {
      if (typeof val !== 'boolean') fail('replacement options.create must be true or false', entryOrigin(v, k) ?? where);
      out.create = val;
    } else fail(`invalid Kustomization: json: unknown field "${k}"`, entryOrigin(v, k) ?? where);
  }
  return out;
}

const ID_FIELDS = ['group', 'version', 'kind', 'name', 'namespace'];
const SELECT_FIELDS = [...ID_FIELDS, 'labelSelector', 'annotationSelector'];

function readReplacement(v: Value, where: Location): Replacement {
  if (!isMap(v)) fail('each replacement must be a mapping', where);
  for (const k of Object.keys(v)) {
    if (k !== 'source' && k !== 'targets') fail(`invalid Kustomization: json: unknown field "${k}"`, entryOrigin(v, k) ?? where);
  }
  const srcLoc = entryOrigin(v, 'source') ?? where;
  const src = readSelector(v.source, srcLoc, [...ID_FIELDS, 'fieldPath', 'options']);
  const source = { ...src, options: readOptions(isMap(v.source) ? v.source.options : undefined, srcLoc) };
  const targetsV = v.targets;
  if (targetsV !== undefined && targetsV !== null && !Array.isArray(targetsV)) fail('replacement targets must be a list', where);
  const targets = (targetsV ?? []).map((t, i) => {
    const tLoc = entryOrigin(targetsV!, i) ?? where;
    if (!isMap(t)) fail('each replacement target must be a mapping', tLoc);
    for (const k of Object.keys(t)) {
      if (!['select', 'reject', 'fieldPaths', 'options'].includes(k)) fail(`invalid Kustomization: json: unknown field "${k}"`, entryOrigin(t, k) ?? tLoc);
    }
    const select = t.select === undefined || t.select === null ? undefined : readSelector(t.select, tLoc, SELECT_FIELDS);
    const rejectV = t.reject;
    const reject = Array.isArray(rejectV) ? rejectV.map((r, j) => readSelector(r, entryOrigin(rejectV, j) ?? tLoc, SELECT_FIELDS)) : [];
    const fpV = t.fieldPaths;
    if (fpV !== undefined && fpV !== null && !Array.isArray(fpV)) fail('invalid Kustomization: replacement target fieldPaths must be a list of strings', tLoc);
    if (Array.isArray(fpV) && fpV.some((x) => typeof x === 'object' && x !== null)) fail('invalid Kustomization: replacement target fieldPaths must be a list of strings', tLoc);
    if (rejectV !== undefined && rejectV !== null && !Array.isArray(rejectV)) fail('invalid Kustomization: replacement target reject must be a list', tLoc);
    const fieldPaths = Array.isArray(fpV)
      ? fpV.map((p, j) => ({ path: str(p), location: entryOrigin(fpV, j) ?? tLoc }))
      : [];
    return { select, reject, fieldPaths, options: readOptions(t.options, entryOrigin(t, 'options') ?? tLoc), location: tLoc };
  });
  return { source, targets, location: where };
}

/** kustomize's ResId.IsSelectedBy: empty selector fields match anything, others exactly. */
function idSelected(id: ResId, sel: IdSelector): boolean {
  if (sel.group && sel.group !== id.group) return false;
  if (sel.version && sel.version !== id.version) return false;
  if (sel.kind && sel.kind !== id.kind) return false;
  if (sel.name && sel.name !== id.name) return false;
  if (sel.namespace && effectiveNamespace({ ...id, namespace: sel.namespace }) !== effectiveNamespace(id)) return false;
  return true;
}

function isEmptyId(sel: IdSelector): boolean {
  return !sel.group && !sel.version && !sel.kind && !sel.name && !sel.namespace;
}


function labelsAndAnnotationsMatch(r: KResource, sel: IdSelector, where: Location): boolean {
  if (sel.labelSelector && !selectorMatchesLabels(parseSelector(sel.labelSelector, where), stringMapOf(getPath(r.body, ['metadata', 'labels'])))) {
    return false;
  }
  if (
    sel.annotationSelector &&
    !selectorMatchesLabels(parseSelector(sel.annotationSelector, where), stringMapOf(getPath(r.body, ['metadata', 'annotations'])))
  ) {
    return false;
  }
  return true;
}

/** Splits a field path at dots, except inside `[...]` (kyaml's SmarterPathSplitter). */
export function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of path) {
    if (ch === '[') depth++;
    else if (ch === ']' && depth > 0) depth--;
    if (ch === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  // `[a.b/c]` without `=` names a mapping key that holds dots (kubebuilder's
  // `metadata.annotations.[cert-manager.io/inject-ca-from]`); with `=` it selects list items.
  return out
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (s.length > 2 && s.startsWith('[') && s.endsWith(']') && !s.includes('=') ? s.slice(1, -1) : s));
}

/** The text of a scalar as YAML holds it (what kyaml copies between fields). */
function scalarText(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return '';
  return String(v);
}

function isContainer(v: Value | undefined): v is ValueMap | Value[] {
  return typeof v === 'object' && v !== null;
}

function parseListIndex(seg: string): { field: string; value: string } | undefined {
  if (!seg.startsWith('[') || !seg.endsWith(']')) return undefined;
  const inner = seg.slice(1, -1);
  const eq = inner.indexOf('=');
  if (eq < 0) return undefined;
  return { field: inner.slice(0, eq), value: inner.slice(eq + 1) };
}

/** Source lookup (kyaml PathGetter): `[k=v]` matches exactly. */
function lookup(root: Value, segments: string[]): { value: Value; parent?: ValueMap | Value[]; key?: string | number } | undefined {
  let node: Value = root;
  let parent: ValueMap | Value[] | undefined;
  let key: string | number | undefined;
  for (const seg of segments) {
    const li = parseListIndex(seg);
    if (li) {
      if (!Array.isArray(node)) return undefined;
      const idx: number = node.findIndex((e) =>
        li.field === '' ? !isContainer(e) && scalarText(e) === li.value : isMap(e) && Object.prototype.hasOwnProperty.call(e, li.field) && scalarText(e[li.field]!) === li.value,
      );
      if (idx < 0) return undefined;
      parent = node;
      key = idx;
      node = node[idx]!;
    } else if (/^[0-9]+$/.test(seg) && Array.isArray(node)) {
      const idx = Number(seg);
      if (idx >= node.length) return undefined;
      parent = node;
      key = idx;
      node = node[idx]!;
    } else {
      if (!isMap(node) || !Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
      parent = node;
      key = seg;
      node = node[seg]!;
    }
  }
  return { value: node, parent, key };
}

interface Slot {
  parent: ValueMap | Value[];
  key: string | number;
  created: boolean;
  /** A list element created from `[=value]`: always a scalar, whatever the source's kind. */
  createdScalar?: boolean;
}

function regexFor(pattern: string, where: Location): Matcher {
  return untrustedRegExp(pattern, false, where, 'field path');
}

function regexMatchesText(re: Matcher, v: Value): boolean {
  if (isContainer(v)) return false;
  return re.test(scalarText(v).trim());
}

/**
 * Every field a target path reaches (kyaml PathMatcher), creating missing parts when asked.
 * `leafIsContainer` says what to create for a missing last segment.
 */
function matchPath(
  node: Value,
  parent: ValueMap | Value[] | undefined,
  key: string | number | undefined,
  segments: string[],
  create: boolean,
  where: Location,
  out: Slot[],
  created: boolean,
): void {
  if (segments.length === 0) {
    if (parent !== undefined && key !== undefined) out.push({ parent, key, created, createdScalar: created && !isContainer(node) && node !== null });
    return;
  }
  const [seg, ...rest] = segments as [string, ...string[]];
  const nextKind = (next: string | undefined): 'seq' | 'map' | 'leaf' =>
    next === undefined ? 'leaf' : /^[0-9]+$/.test(next) || parseListIndex(next) ? 'seq' : 'map';
  const newContainer = (kind: 'seq' | 'map' | 'leaf'): Value => (kind === 'seq' ? [] : kind === 'map' ? newMap() : null);
  if (/^[0-9]+$/.test(seg)) {
    if (!Array.isArray(node)) fail(`wrong node kind at "${seg}": expected a list`, where);
    const idx = Number(seg);
    if (idx === node.length && create) {
      const el = newContainer(nextKind(rest[0]));
      node.push(el);
      setEntryOrigin(node, idx, where);
      matchPath(el, node, idx, rest, create, where, out, true);
      return;
    }
    if (idx >= node.length) fail(`index ${idx} specified but only ${node.length} elements found`, where);
    matchPath(node[idx]!, node, idx, rest, create, where, out, created);
    return;
  }
  const li = parseListIndex(seg);
  if (li) {
    if (!Array.isArray(node)) fail(`wrong node kind at "${seg}": expected a list`, where);
    const re = regexFor(li.value, where);
    let found = false;
    node.forEach((el, i) => {
      if (li.field === '') {
        if (regexMatchesText(re, el)) {
          found = true;
          matchPath(el, node, i, rest, create, where, out, created);
        }
        return;
      }
      if (!isMap(el) || !Object.prototype.hasOwnProperty.call(el, li.field)) return;
      if (!regexMatchesText(re, el[li.field]!)) return;
      found = true;
      matchPath(el, node, i, rest, create, where, out, created);
    });
    if (found || !create) return;
    let el: Value;
    const typed = resolvePlain(li.value, 'yaml12');
    if (li.field === '') el = typed;
    else {
      el = newMap();
      el[li.field] = typed;
      setEntryOrigin(el, li.field, where);
    }
    node.push(el);
    setEntryOrigin(node, node.length - 1, where);
    matchPath(node, parent, key, segments, create, where, out, true);
    return;
  }
  if (seg === '*') {
    if (!Array.isArray(node)) fail(`wrong node kind at "*": expected a list`, where);
    node.forEach((el, i) => matchPath(el, node, i, rest, create, where, out, created));
    return;
  }
  if (!isMap(node)) {
    if (node === null && !create) return;
    fail(`wrong node kind at "${seg}": expected a mapping`, where);
  }
  if (!Object.prototype.hasOwnProperty.call(node, seg)) {
    if (!create) return;
    node[seg] = newContainer(nextKind(rest[0]));
    setEntryOrigin(node, seg, where);
    matchPath(node[seg]!, node, seg, rest, create, where, out, true);
    return;
  }
  matchPath(node[seg]!, node, seg, rest, create, where, out, created);
}

function kindName(v: Value): string {
  if (v === null) return '!!null';
  if (typeof v === 'string') return '!!str';
  if (typeof v === 'boolean') return '!!bool';
  if (typeof v === 'number' && !Number.isInteger(v)) return '!!float';
  return '!!int';
}

/** A scalar keeps its type when only its text changes; an incompatible text is an error. */
function retype(old: Value, text: string, where: Location): Value {
  if (typeof old === 'string') return text;
  const typed = resolvePlain(text, 'yaml12');
  const want = kindName(old);
  const got = kindName(typed);
  if (want === got || (want === '!!float' && got === '!!int')) return typed;
  // The value is not quoted: it may come from a Secret.
  fail(`yaml: cannot decode a ${got} value as a ${want}`, where);
}

function applyValue(slot: Slot, value: Value, options: FieldOptions | undefined, origin: Location | undefined, where: Location): void {
  const current = (slot.parent as Record<string | number, Value>)[slot.key];
  let v = value;
  if (options?.delimiter) {
    // A created field takes the source's node kind, so a mapping or list source cannot be split into it.
    if (isContainer(current ?? null) || (slot.created && isContainer(value))) fail('delimiter option can only be used with scalar nodes', where);
    const parts = scalarText(current ?? '').split(options.delimiter);
    const piece = scalarText(v);
    const index = options.index ?? 0;
    if (index < 0) parts.unshift(piece);
    else if (index >= parts.length) parts.push(piece);
    else parts[index] = piece;
    v = parts.join(options.delimiter);
  }
  let result: Value;
  if (slot.createdScalar) {
    // An untagged scalar takes the type its new text reads as (a mapping's text is empty: null).
    result = resolvePlain(isContainer(v) ? '' : scalarText(v), 'yaml12');
  } else if (current !== undefined && !isContainer(current) && !slot.created) {
    result = retype(current, isContainer(v) ? '' : scalarText(v), where);
  } else if (!isContainer(v) && (slot.created || current === undefined)) {
    result = typeof v === 'string' && !options?.delimiter ? resolvePlain(v, 'yaml12') : typeof v === 'string' ? resolvePlain(v, 'yaml12') : v;
  } else {
    result = cloneValue(v);
    if (isContainer(result)) stampOrigins(result, origin);
  }
  (slot.parent as Record<string | number, Value>)[slot.key] = result;
  setEntryOrigin(slot.parent, slot.key, origin);
}

function refinedSource(value: Value, options: FieldOptions | undefined, where: Location): Value {
  if (!options?.delimiter) return value;
  if (isContainer(value)) fail('delimiter option can only be used with scalar nodes', where);
  const parts = scalarText(value).split(options.delimiter);
  const index = options.index ?? 0;
  if (index >= parts.length || index < 0) fail(`options.index ${index} is out of bounds for value ${scalarText(value)}`, where);
  const piece = parts[index]!;
  return typeof value === 'string' ? piece : resolvePlain(piece, 'yaml12');
}

function selectorText(sel: IdSelector): string {
  return idString({ group: sel.group ?? '', version: sel.version ?? '', kind: sel.kind ?? '', name: sel.name ?? '', namespace: sel.namespace ?? '' });
}

function runReplacement(resources: KResource[], rep: Replacement): void {
  const src = rep.source;
  const matches = resources.filter((r) => allIds(r).some((id) => idSelected(id, src)));
  if (matches.length === 0) fail(`nothing selected by ${selectorText(src)}`, rep.location);
  if (matches.length > 1) fail(`multiple matches for selector ${selectorText(src)}`, rep.location);
  const source = matches[0]!;
  const fieldPath = src.fieldPath || DEFAULT_FIELD_PATH;
  const found = lookup(source.body, splitFieldPath(fieldPath));
  const missing =
    !found ||
    found.value === null ||
    (isMap(found.value) && Object.keys(found.value).length === 0) ||
    (Array.isArray(found.value) && found.value.length === 0);
  if (missing) fail(`fieldPath \`${fieldPath}\` is missing for replacement source ${selectorText(src)}`, rep.location);
  const origin = fieldOrigin(source.body, pathOf(source.body, splitFieldPath(fieldPath))).location ?? rep.location;
  const value = refinedSource(found.value, src.options, rep.location);
  for (const t of rep.targets) {
    if (!t.select) fail('target must specify resources to select', t.location);
    const fieldPaths = t.fieldPaths.length > 0 ? t.fieldPaths : [{ path: DEFAULT_FIELD_PATH, location: t.location }];
    for (const r of resources) {
      if (!labelsAndAnnotationsMatch(r, t.select, t.location)) continue;
      const rejectedByLabels = t.reject.some(
        (rj) => (rj.labelSelector || rj.annotationSelector) && labelsAndAnnotationsMatch(r, rj, t.location),
      );
      if (rejectedByLabels) continue;
      const ids = allIds(r);
      // A reject matching any id the object has had (its name before a suffix, say) rejects it.
      const rejected = t.reject.some((rj) => !isEmptyId(rj) && ids.some((id) => idSelected(id, rj)));
      const hit = !rejected && ids.some((id) => idSelected(id, t.select!));
      if (!hit) continue;
      for (const fp of fieldPaths) {
        const create = t.options?.create === true;
        const slots: Slot[] = [];
        matchPath(r.body, undefined, undefined, splitFieldPath(fp.path), create, fp.location, slots, false);
        if (slots.length === 0) {
          fail(
            create
              ? `unable to find or create field "${fp.path}" in replacement target`
              : `unable to find field "${fp.path}" in replacement target`,
            fp.location,
          );
        }
        const inAnnotations = getPath(r.body, ['metadata', 'annotations']);
        for (const slot of slots) {
          applyValue(slot, value, t.options, origin, fp.location);
          if (slot.parent === getPath(r.body, ['metadata']) && slot.key === 'name' && str((slot.parent as ValueMap).name) === '') {
            fail(`missing metadata.name in object ${str(r.body.apiVersion)} ${str(r.body.kind)} after replacement`, fp.location);
          }
          // kustomize writes annotation values back as text
          if (slot.parent === inAnnotations) {
            const v = (slot.parent as ValueMap)[slot.key as string]!;
            (slot.parent as ValueMap)[slot.key as string] = isContainer(v) ? '' : scalarText(v);
          }
        }
      }
    }
  }
}

/** The concrete path (with list indexes) of a source field, for its provenance. */
function pathOf(root: Value, segments: string[]): (string | number)[] {
  const out: (string | number)[] = [];
  let node: Value = root;
  for (const seg of segments) {
    const found = lookup(node, [seg]);
    if (!found || found.key === undefined) break;
    out.push(found.key);
    node = found.value;
  }
  return out;
}

/** Reads the replacements of one `replacements:` entry (inline, or `path:` to a file of them). */
function loadEntry(entry: Value, where: Location, ctx: KContext): Replacement[] {
  if (isMap(entry) && Object.prototype.hasOwnProperty.call(entry, 'path')) {
    for (const k of Object.keys(entry)) {
      if (k !== 'path') fail(`invalid Kustomization: a replacement with a path cannot also set "${k}"`, entryOrigin(entry, k) ?? where);
    }
    const f = ctx.loader.readFile(str(entry.path), entryOrigin(entry, 'path') ?? where);
    const parsed = parseYaml(f.text, f.displayPath, { dialect: 'yaml11', uniqueKeys: false });
    const out: Replacement[] = [];
    for (const d of parsed.docs) {
      if (d.value === null) continue;
      if (Array.isArray(d.value)) {
        const list = d.value;
        list.forEach((item, i) => out.push(readReplacement(item, entryOrigin(list, i) ?? d.location)));
      } else out.push(readReplacement(d.value, d.location));
    }
    return out;
  }
  return [readReplacement(entry, where)];
}

export function applyReplacements(resources: KResource[], entries: Value[], ctx: KContext, step: { record?: boolean } = {}): KResource[] {
  entries.forEach((entry, i) => {
    const where = entryOrigin(entries, i) ?? ctx.fieldLocation('replacements', i);
    for (const rep of loadEntry(entry, where, ctx)) runReplacement(resources, rep);
  });
  if (entries.length > 0 && step.record !== false) recordTransformer(resources, ctx, 'ReplacementTransformer');
  return resources;
}
