/** Kustomization layers of a render: which kustomization directory each source file belongs to. */
import type { Estate, KustomizationInfo } from '../../engine/estate.js';
import { getList, getMap, str, type Resource } from '../../core/resource.js';
import { newMap, type ValueMap } from '../../core/provenance.js';

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

const cache = new WeakMap<Estate, (file: string) => string | undefined>();

/**
 * The directory of the innermost kustomization that contains `file` (the layer a human edits),
 * or undefined when the estate was not rendered by kustomize.
 */
export function layerResolver(estate: Estate): (file: string) => string | undefined {
  const hit = cache.get(estate);
  if (hit) return hit;
  const dirs = new Set(estate.kustomizations.map((k) => dirOf(k.file)));
  const memo = new Map<string, string | undefined>();
  const resolve = (file: string): string | undefined => {
    let d = dirOf(file);
    if (memo.has(d)) return memo.get(d);
    const start = d;
    for (;;) {
      if (dirs.has(d)) break;
      if (d === '') {
        d = '\u0000';
        break;
      }
      d = dirOf(d);
    }
    const out = d === '\u0000' ? undefined : d;
    memo.set(start, out);
    return out;
  };
  cache.set(estate, resolve);
  return resolve;
}

/**
 * A stand-in object for a kustomization file, so findings about it carry an object
 * (kind Kustomization or Component, named by its path) and annotation waivers written in its
 * `metadata.annotations` apply.
 */
export function kustomizationResource(k: KustomizationInfo): Resource {
  const body: ValueMap = newMap();
  body.apiVersion = typeof k.value.apiVersion === 'string' ? k.value.apiVersion : 'kustomize.config.k8s.io/v1beta1';
  body.kind = k.kind;
  const metadata: ValueMap = newMap();
  metadata.name = k.file;
  const annotations = getMap(k.value, ['metadata', 'annotations']);
  if (annotations) metadata.annotations = annotations;
  body.metadata = metadata;
  return { body, origin: { file: k.file, line: 1 } };
}

function joinPosix(dir: string, rel: string): string {
  const parts = dir === '' ? [] : dir.split('/');
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

const includesCache = new WeakMap<Estate, (outer: string, inner: string) => boolean>();

/**
 * Whether the kustomization in directory `outer` includes the one in `inner`, directly or
 * through other kustomizations (`resources`, `bases`, `components` entries that are directories).
 */
export function layerIncludes(estate: Estate): (outer: string, inner: string) => boolean {
  const hit = includesCache.get(estate);
  if (hit) return hit;
  const dirs = new Set(estate.kustomizations.map((k) => dirOf(k.file)));
  const children = new Map<string, string[]>();
  for (const k of estate.kustomizations) {
    const d = dirOf(k.file);
    const out: string[] = children.get(d) ?? [];
    for (const field of ['resources', 'bases', 'components']) {
      for (const entry of getList(k.value, [field])) {
        const target = joinPosix(d, str(entry));
        if (dirs.has(target)) out.push(target);
      }
    }
    children.set(d, out);
  }
  const memo = new Map<string, Set<string>>();
  const reach = (d: string, visiting = new Set<string>()): Set<string> => {
    const m = memo.get(d);
    if (m) return m;
    const out = new Set<string>();
    visiting.add(d);
    for (const c of children.get(d) ?? []) {
      if (visiting.has(c)) continue;
      out.add(c);
      for (const x of reach(c, visiting)) out.add(x);
    }
    visiting.delete(d);
    memo.set(d, out);
    return out;
  };
  const fn = (outer: string, inner: string) => reach(outer).has(inner);
  includesCache.set(estate, fn);
  return fn;
}
