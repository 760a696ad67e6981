/** Small helpers shared by the transformers. */
import type { Location } from '../core/location.js';
import { isMap, newMap, setEntryOrigin, type ValueMap } from '../core/provenance.js';
import type { KResource } from './types.js';

export function metadataOf(r: KResource, origin?: Location): ValueMap {
  let md = r.body.metadata;
  if (!isMap(md)) {
    md = newMap();
    r.body.metadata = md;
    setEntryOrigin(r.body, 'metadata', origin);
  }
  return md;
}

/** Sets `metadata.name`, stamping the field with the location that configured the change. */
export function setName(r: KResource, name: string, origin?: Location): void {
  const md = metadataOf(r, origin);
  md.name = name;
  setEntryOrigin(md, 'name', origin);
}

export function setScalar(parent: ValueMap, key: string, value: string | number, origin?: Location): void {
  parent[key] = value;
  setEntryOrigin(parent, key, origin);
}
