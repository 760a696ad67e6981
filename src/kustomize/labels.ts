/**
 * Labels and annotations (kustomize's LabelTransformer and AnnotationsTransformer): each pair is
 * written into every mapping the field specs reach, creating it where the spec says so.
 */
import { UserError } from '../errors.js';
import type { Location } from '../model/location.js';
import { isMap, newMap, setEntryOrigin, type ValueMap } from '../model/provenance.js';
import { defaultCommonAnnotations, defaultCommonLabels } from './config.js';
import { type FieldSpec, visitFieldSpec } from './fieldspec.js';
import type { KResource } from './types.js';

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function applyMapEntries(
  resources: KResource[],
  pairs: Record<string, string>,
  specs: FieldSpec[],
  origin?: Location,
): KResource[] {
  const keys = Object.keys(pairs).sort(byteCompare);
  if (keys.length === 0) return resources;
  for (const r of resources) {
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
            target[k] = pairs[k]!;
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
  return applyMapEntries(resources, labels, specs, origin);
}

export function applyAnnotations(
  resources: KResource[],
  annotations: Record<string, string>,
  specs: FieldSpec[] = defaultCommonAnnotations,
  origin?: Location,
): KResource[] {
  return applyMapEntries(resources, annotations, specs, origin);
}
