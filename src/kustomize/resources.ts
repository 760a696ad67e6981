/**
 * Turning a resource file into objects: every non-empty document, `…List` documents expanded
 * into their items, each object checked for a kind and a name.
 */
import { UserError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { Location } from '../core/location.js';
import { entryOrigin, isMap, selfOrigin, type Value, type ValueMap } from '../core/provenance.js';
import { parseYaml } from '../yaml/parse.js';
import { idOfBody } from './ids.js';
import type { KResource, ResMeta } from './types.js';

export function newMeta(): ResMeta {
  return { previousIds: [], prefixes: [], suffixes: [], needsHash: false };
}

export function newResource(body: ValueMap, origin: Location): KResource {
  const r: KResource = { body, origin, meta: newMeta() };
  const ann = isMap(body.metadata) && isMap(body.metadata.annotations) ? body.metadata.annotations : undefined;
  if (ann && ann['internal.config.kubernetes.io/needsHashSuffix'] === 'enabled') r.meta.needsHash = true;
  return r;
}

function checkObject(v: Value, loc: Location): ValueMap {
  if (!isMap(v)) {
    throw new UserError(`expected a Kubernetes object (a mapping), got ${Array.isArray(v) ? 'a sequence' : 'a scalar'}`, {
      location: loc,
    });
  }
  return v;
}

function validate(body: ValueMap, loc: Location): void {
  const kind = body.kind;
  // kustomize reads the kind as scalar text, so `kind: 5` is a (strange) kind, not a missing one.
  if (kind === undefined || kind === null || kind === '' || typeof kind === 'object') {
    throw new UserError(`missing kind in object ${describe(body)}`, { location: loc });
  }
  const md = body.metadata;
  if (md !== undefined && md !== null && !isMap(md)) {
    throw new UserError(`metadata of object ${describe(body)} must be a mapping`, { location: loc });
  }
  const name = isMap(md) ? md.name : undefined;
  if (name !== null && typeof name === 'object') {
    throw new UserError(`metadata.name of object ${describe(body)} must be a string`, { location: loc });
  }
  if (typeof name !== 'string' || name === '') {
    if (name === undefined || name === null || name === '') {
      throw new UserError(`missing metadata.name in object ${describe(body)}`, { location: loc });
    }
  }
}

function describe(body: ValueMap): string {
  const id = idOfBody(body);
  return `{${id.version ? (id.group ? `${id.group}/${id.version}` : id.version) : ''} ${id.kind} ${id.name}}`;
}

/** Parses a resource file's text into objects (with provenance). */
export function readResourceObjects(text: string, displayPath: string): KResource[] {
  // Refuse oversized streams before parsing: the parser's own count comes only after all the work.
  const separators = text.match(/^---(?=[ \t\r\n]|$)/gm)?.length ?? 0;
  if (separators + 1 > limits.maxDocumentsPerFile) {
    throw new UserError(`more than ${limits.maxDocumentsPerFile} YAML documents in one file`, { location: { file: displayPath, line: 1 } });
  }
  const parsed = parseYaml(text, displayPath, { dialect: 'yaml12', uniqueKeys: true, annotationsAsText: true });
  const out: KResource[] = [];
  for (const doc of parsed.docs) {
    if (doc.value === null) continue;
    const body = checkObject(doc.value, doc.location);
    const kind = typeof body.kind === 'string' ? body.kind : '';
    if (kind.endsWith('List') && Object.prototype.hasOwnProperty.call(body, 'items')) {
      const items = body.items;
      if (items === null) continue;
      if (!Array.isArray(items)) {
        throw new UserError(`items of ${kind} must be a sequence`, { location: doc.location });
      }
      items.forEach((item, i) => {
        const loc = entryOrigin(items, i) ?? doc.location;
        if (item === null) return;
        const itemBody = checkObject(item, loc);
        const itemLoc = selfOrigin(itemBody) ?? loc;
        validate(itemBody, itemLoc);
        out.push(newResource(itemBody, { file: itemLoc.file, line: itemLoc.line }));
      });
      continue;
    }
    validate(body, doc.location);
    out.push(newResource(body, { file: doc.location.file, line: doc.location.line }));
  }
  return out;
}
