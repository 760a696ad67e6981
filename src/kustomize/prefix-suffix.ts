/**
 * namePrefix / nameSuffix (kustomize's PrefixTransformer and SuffixTransformer). Only the
 * configured name fields change; CRDs, APIServices and Namespaces keep their names (decided by
 * the original id). The prefix/suffix history feeds name-reference tie-breaking.
 */
import type { Location } from '../core/location.js';
import { setEntryOrigin } from '../core/provenance.js';
import { defaultNamePrefix } from './config.js';
import { type FieldSpec, visitFieldSpec } from './fieldspec.js';
import { gvkSelected, originalId, storePreviousId } from './ids.js';
import type { KResource, ResId } from './types.js';

function exempt(id: ResId): boolean {
  return (
    gvkSelected(id, { kind: 'CustomResourceDefinition' }) ||
    gvkSelected(id, { group: 'apiregistration.k8s.io', kind: 'APIService' }) ||
    gvkSelected(id, { kind: 'Namespace' })
  );
}

export interface PrefixSuffixOptions {
  prefix?: string;
  suffix?: string;
  fieldSpecs?: FieldSpec[];
  origin?: Location;
}

export function applyPrefixSuffix(resources: KResource[], opts: PrefixSuffixOptions): KResource[] {
  const prefix = opts.prefix ?? '';
  const suffix = opts.suffix ?? '';
  if (prefix === '' && suffix === '') return resources;
  const specs = opts.fieldSpecs ?? defaultNamePrefix;
  for (const r of resources) {
    const org = originalId(r);
    if (exempt(org)) continue;
    for (const fs of specs) {
      if (!gvkSelected(org, fs)) continue;
      if (fs.path === 'metadata/name') {
        if (prefix) r.meta.prefixes.push(prefix);
        if (suffix) r.meta.suffixes.push(suffix);
        storePreviousId(r);
      }
      visitFieldSpec(
        r.body,
        fs,
        (parent, key) => {
          const cur = parent[key];
          // kustomize works on the scalar's text, so a numeric name is prefixed too.
          if (typeof cur !== 'string' && typeof cur !== 'number' && typeof cur !== 'bigint') return;
          parent[key] = `${prefix}${String(cur)}${suffix}`;
          setEntryOrigin(parent, key, opts.origin);
        },
        { createKind: 'none', origin: opts.origin },
      );
    }
  }
  return resources;
}
