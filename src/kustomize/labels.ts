/**
 * Labels and annotations (kustomize's LabelTransformer and AnnotationsTransformer): each pair is
 * written into every mapping the field specs reach, creating it where the spec says so.
 */
import { UserError } from '../errors.js';
import type { Location } from '../model/location.js';
import { isMap, newMap, setEntryOrigin, type Value, type ValueMap } from '../model/provenance.js';
import { defaultCommonAnnotations, defaultCommonLabels } from './config.js';
import { type FieldSpec, visitFieldSpec } from './fieldspec.js';
import type { KResource } from './types.js';

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * kustomize writes one label value node per object and key into every place the field specs
 * reach, and a later transformer that finds the key already present overwrites that node in
 * place. So places written together keep changing together: a base label copied into
 * selectors follows an overlay that relabels only `metadata.labels`. A cell is one such shared
 * node; JSON patches re-create nodes and end the sharing (forgetSharedValues).
 */
interface SharedCell {
  members: Array<[ValueMap, string]>;
}

const cells = new WeakMap<ValueMap, Map<string, SharedCell>>();

function cellOf(container: ValueMap, key: string): SharedCell | undefined {
  return cells.get(container)?.get(key);
}

function joinCell(container: ValueMap, key: string, cell: SharedCell): void {
  let byKey = cells.get(container);
  if (!byKey) cells.set(container, (byKey = new Map()));
  byKey.set(key, cell);
  cell.members.push([container, key]);
}

/** Ends value sharing inside an object whose nodes kustomize re-creates (a JSON patch). */
export function forgetSharedValues(value: Value): void {
  if (Array.isArray(value)) for (const v of value) forgetSharedValues(v);
  else if (isMap(value)) {
    cells.delete(value);
    for (const k of Object.keys(value)) forgetSharedValues(value[k]!);
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
        (parent: ValueMap, key: string) => {
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
              if (Object.prototype.hasOwnProperty.call(target, k)) {
                const old = cellOf(target, k);
                if (old) {
                  for (const [c, ck] of old.members) {
                    if (cellOf(c, ck) !== old || !Object.prototype.hasOwnProperty.call(c, ck)) continue;
                    c[ck] = value;
                    setEntryOrigin(c, ck, origin);
                  }
                }
              } else {
                let cell = newCells.get(k);
                if (!cell) newCells.set(k, (cell = { members: [] }));
                joinCell(target, k, cell);
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
  return applyMapEntries(resources, annotations, specs, origin);
}
