/**
 * Reading patch documents (from a file or inline in the kustomization) with provenance, and
 * deciding, as kustomize does, whether a text is a strategic merge patch or a JSON 6902 patch.
 */
import { UserError } from '../../core/errors.js';
import type { Location } from '../../core/location.js';
import { entryOrigin, isMap, type Value, type ValueMap } from '../../core/provenance.js';
import { getPath } from '../../core/resource.js';
import { parse as parseLoose } from 'yaml';
import { newMap, stampOrigins } from '../../core/provenance.js';
import { decodeYamlBytes, parseYaml } from '../../yaml/parse.js';
import type { KContext } from '../types.js';
import { decodeJsonPatch, type JsonPatchOp } from './json6902.js';

export interface PatchText {
  text: string;
  /** File the text comes from (display path): the patch file, or the kustomization for inline text. */
  file: string;
  /** Lines to add so that line 1 of `text` maps to its line in `file`. */
  lineOffset: number;
  /** Where the patch was configured (the kustomization entry). */
  where: Location | undefined;
}

export interface SmpDoc {
  value: ValueMap;
  location: Location;
}

/**
 * Reads a patch file through the loader (load restrictor applies). Its bytes must be UTF-8,
 * except in a patch written as JSON (`[…]`), which kustomize decodes as Go's JSON decoder
 * does: invalid bytes in a string become U+FFFD.
 */
export function readPatchFile(path: string, ctx: KContext, where: Location | undefined): PatchText {
  const f = ctx.loader.readBytes(path, where);
  let text: string;
  try {
    text = decodeYamlBytes(f.bytes, f.displayPath);
  } catch (e) {
    const lenient = Buffer.from(f.bytes).toString('utf8');
    if (!(e instanceof UserError) || lenient[0] !== '[') throw e;
    text = lenient;
  }
  return { text, file: f.displayPath, lineOffset: 0, where };
}

/**
 * Inline patch text written in the kustomization at `keyLocation`. A block scalar starts on
 * the next line, a one-line scalar on the same line.
 */
export function inlinePatch(text: string, ctx: KContext, keyLocation: Location | undefined): PatchText {
  const keyLine = keyLocation?.line ?? 1;
  const offset = text.includes('\n') ? keyLine : keyLine - 1;
  return { text, file: keyLocation?.file ?? ctx.kustomizationFile, lineOffset: offset, where: keyLocation };
}

/**
 * kustomize reads strategic merge patches key by key (a repeated key: the first wins) and JSON
 * patch operations through a Go map (the last wins).
 */
function parseWithOffset(p: PatchText, kind: 'smp' | 'json', dialect: 'yaml11' | 'yaml12', legacy = false) {
  const text = '\n'.repeat(Math.max(0, p.lineOffset)) + p.text;
  const uniqueKeys = kind === 'smp' ? 'first' : false;
  const asText = dialect === 'yaml12';
  const parsed = parseYaml(text, p.file, { dialect, uniqueKeys, annotationsAsText: asText, metadataAsStrings: legacy, flowEmptyIsNull: kind === 'json' });
  if (dialect !== 'yaml12' || legacy || !/annotations/.test(p.text)) return parsed;
  // Annotation values keep their text, but a null annotation in a patch still deletes it.
  const typed = parseYaml(text, p.file, { dialect, uniqueKeys, annotationsAsText: false });
  parsed.docs.forEach((d, i) => {
    const ann = getPath(d.value, ['metadata', 'annotations']);
    const typedAnn = getPath(typed.docs[i]?.value ?? null, ['metadata', 'annotations']);
    if (!isMap(ann) || !isMap(typedAnn)) return;
    for (const k of Object.keys(typedAnn)) if (typedAnn[k] === null && k in ann) ann[k] = null;
  });
  return parsed;
}

/**
 * Strategic merge documents, or the reason the text is not one: kustomize wants every
 * non-empty document to be a mapping with a kind and a metadata.name. Legacy
 * `patchesStrategicMerge` patches are loaded as resources, whose labels and annotations are
 * strings as written.
 */
export function trySmpDocs(p: PatchText, legacy = false): { docs?: SmpDoc[]; error?: UserError } {
  let parsed;
  try {
    parsed = parseWithOffset(p, 'smp', 'yaml12', legacy);
  } catch (e) {
    if (e instanceof UserError) return { error: e };
    throw e;
  }
  const docs: SmpDoc[] = [];
  const check = (value: Value, location: Location): UserError | undefined => {
    if (!isMap(value)) return new UserError('patch document is not a mapping', { location });
    const kind = value.kind;
    const name = getPath(value, ['metadata', 'name']);
    if (typeof kind !== 'string' || kind === '') return new UserError('patch document has no kind', { location });
    // A List's items are patches of their own, as kustomize reads resources.
    if (kind.endsWith('List') && Array.isArray(value.items)) {
      const items = value.items;
      for (let i = 0; i < items.length; i++) {
        const err = check(items[i]!, entryOrigin(items, i) ?? location);
        if (err) return err;
      }
      return undefined;
    }
    if (name === undefined || name === null || name === '') return new UserError('patch document has no metadata.name', { location });
    docs.push({ value, location });
    return undefined;
  };
  for (const d of parsed.docs) {
    if (d.value === null) continue;
    const err = check(d.value, d.location);
    if (err) return { error: err };
  }
  return { docs };
}

/**
 * JSON 6902 operations, or the reason the text is not a JSON patch. Text starting with `[` is
 * JSON; anything else is read as YAML (1.1 rules, as kustomize converts it) and must be a list.
 */
export function tryJsonOps(p: PatchText): { ops?: JsonPatchOp[]; error?: UserError } {
  if (p.text === '') return { error: new UserError('empty json patch operations', { location: p.where }) };
  if (p.text[0] === '[') {
    // Text starting with `[` is decoded as strict JSON (no trailing commas, no comments).
    try {
      JSON.parse(p.text);
    } catch (e) {
      return { error: new UserError(`invalid JSON patch: ${(e as Error).message}`, { location: { file: p.file, line: p.lineOffset + 1 } }) };
    }
  }
  let parsed;
  try {
    parsed = parseWithOffset(p, 'json', p.text[0] === '[' ? 'yaml12' : 'yaml11');
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    if (!/is not a string/.test(e.message)) return { error: e };
    // kustomize converts YAML operations to JSON, which turns keys such as `n:` or `1:` into
    // strings ("false", "1"); read them the same way, without per-line locations.
    const loose = looseYaml11(p);
    if (!loose) return { error: e };
    parsed = loose;
  }
  const first = parsed.docs[0];
  const doc: Value = first ? first.value : null;
  // YAML whose first document is empty converts to JSON `null`, which decodes as no operations.
  if (doc === null && p.text[0] !== '[') return { ops: [] };
  if (!Array.isArray(doc)) {
    return { error: new UserError('not a list of JSON patch operations', { location: first?.location ?? p.where }) };
  }
  if (doc.some((op) => op !== null && !isMap(op))) {
    return { error: new UserError('JSON patch operations must be mappings', { location: first?.location }) };
  }
  try {
    return { ops: decodeJsonPatch(doc.filter((op) => op !== null), first?.location ?? p.where) };
  } catch (e) {
    if (e instanceof UserError) return { error: e };
    throw e;
  }
}

function toValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(v)) return v.map(toValue);
  if (typeof v === 'object') {
    const m = newMap();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) m[k] = toValue(x);
    return m;
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  return String(v);
}

/** YAML 1.1 reading with every key made a string, located at the patch entry. */
function looseYaml11(p: PatchText): { docs: { value: Value; location: Location }[] } | undefined {
  try {
    const value = toValue(parseLoose(p.text, { version: '1.1', maxAliasCount: 100 }));
    const location = { file: p.file, line: p.lineOffset + 1 };
    stampOrigins(value, location);
    return { docs: [{ value, location }] };
  } catch {
    return undefined;
  }
}
