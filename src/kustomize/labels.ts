/**
 * Labels and annotations (kustomize's LabelTransformer and AnnotationsTransformer): each pair is
 * written into every mapping the field specs reach, creating it where the spec says so.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { entryOrigin, isMap, newMap, setEntryOrigin, type Value, type ValueMap } from '../core/provenance.js';
import { getPath } from '../core/resource.js';
import { defaultCommonAnnotations, defaultCommonLabels } from './config.js';
import { type FieldSpec, visitFieldSpec } from './fieldspec.js';
import type { KResource } from './types.js';

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * kustomize writes one value node per object and key into every place the label or annotation
 * field specs reach, and later writes that find the key present (a relabel, a strategic merge
 * patch, a replacement) overwrite that node in place. So places written together keep
 * changing together: a base label copied into selectors follows an overlay patch that changes
 * only `metadata.labels`. A cell is one such shared node, remembered by the paths that hold
 * it; JSON patches re-create nodes and end the sharing (forgetSharedValues).
 */
interface SharedCell {
  value: Value;
  paths: Array<Array<string | number>>;
}

const cellsByBody = new WeakMap<ValueMap, Map<string, SharedCell>>();

function pathKey(path: ReadonlyArray<string | number>): string {
  return JSON.stringify(path);
}

function cellsOf(body: ValueMap): Map<string, SharedCell> {
  let m = cellsByBody.get(body);
  if (!m) cellsByBody.set(body, (m = new Map()));
  return m;
}

function setAt(body: ValueMap, path: Array<string | number>, value: Value, origin?: Location): boolean {
  const parent = getPath(body, path.slice(0, -1));
  const key = path[path.length - 1] as string;
  if (!isMap(parent) || !Object.prototype.hasOwnProperty.call(parent, key)) return false;
  parent[key] = value;
  setEntryOrigin(parent, key, origin);
  return true;
}

/** Ends value sharing inside an object whose nodes kustomize re-creates (a JSON patch). */
export function forgetSharedValues(body: Value): void {
  if (isMap(body)) cellsByBody.delete(body);
}

/**
 * After a step that may have overwritten shared values in place (patches, replacements,
 * transformer objects), carries each changed value to the other places sharing its node.
 */
export function syncSharedValues(resources: KResource[]): void {
  for (const r of resources) {
    const cells = cellsByBody.get(r.body);
    if (!cells) continue;
    for (const cell of new Set(cells.values())) {
      cell.paths = cell.paths.filter((p) => getPath(r.body, p) !== undefined && cells.get(pathKey(p)) === cell);
      const changed = cell.paths.find((p) => getPath(r.body, p) !== cell.value);
      if (!changed) continue;
      const value = getPath(r.body, changed)!;
      const parent = getPath(r.body, changed.slice(0, -1));
      const origin = isMap(parent) ? entryOrigin(parent, changed[changed.length - 1] as string) : undefined;
      for (const p of cell.paths) setAt(r.body, p, value, origin);
      cell.value = value;
    }
  }
}

export function applyMapEntries(
  resources: KResource[],
  pairs: Record<string, string>,
  specs: FieldSpec[],
  origin?: Location,
  shareValues = false,
): KResource[] {
  const keys = Object.keys(pairs).sort(byteCompare);
  if (keys.length === 0) return resources;
  for (const r of resources) {
    const newCells = new Map<string, SharedCell>();
    for (const fs of specs) {
      visitFieldSpec(
        r.body,
        fs,
        (parent: ValueMap, key: string, parentPath) => {
          let target = parent[key];
          if (target === null || target === undefined) {
            if (!fs.create) return;
            target = newMap();
            parent[key] = target;
            setEntryOrigin(parent, key, origin);
          }
          if (!isMap(target)) {
            throw new UserError(`wrong node kind: expected MappingNode at '${fs.path}'`, { location: origin });
          }
          for (const k of keys) {
            const value = pairs[k]!;
            if (shareValues) {
              const cells = cellsOf(r.body);
              const path = [...parentPath, key, k];
              const pk = pathKey(path);
              const old = cells.get(pk);
              if (Object.prototype.hasOwnProperty.call(target, k)) {
                // An existing value node is overwritten in place: everything sharing it follows.
                if (old) {
                  for (const p of old.paths) if (cells.get(pathKey(p)) === old) setAt(r.body, p, value, origin);
                  old.value = value;
                }
              } else {
                let cell = newCells.get(k);
                if (!cell) newCells.set(k, (cell = { value, paths: [] }));
                cell.paths.push(path);
                cells.set(pk, cell);
              }
            }
            target[k] = value;
            setEntryOrigin(target, k, origin);
          }
        },
        { createKind: 'map', origin },
      );
    }
  }
  return resources;
}

export function applyLabels(resources: KResource[], labels: Record<string, string>, specs: FieldSpec[] = defaultCommonLabels, origin?: Location): KResource[] {
  return applyMapEntries(resources, labels, specs, origin, true);
}

export function applyAnnotations(
  resources: KResource[],
  annotations: Record<string, string>,
  specs: FieldSpec[] = defaultCommonAnnotations,
  origin?: Location,
): KResource[] {
  return applyMapEntries(resources, annotations, specs, origin, true);
}
