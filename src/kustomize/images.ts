/**
 * `images:` (kustomize's ImageTagTransformer). Two passes, as kustomize runs them: every
 * `containers`/`initContainers` list at any depth (non-CRD objects), then the image field specs.
 * A tagSuffix is therefore applied twice where both passes reach.
 */
import { compileRE2, type Matcher } from '../core/regex.js';
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { isMap, setEntryOrigin, type Value, type ValueMap } from '../core/provenance.js';
import { defaultImages } from './config.js';
import { type FieldSpec, visitFieldSpec } from './fieldspec.js';
import type { KResource } from './types.js';

export interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  tagSuffix?: string;
}

const patternCache = new Map<string, Matcher | null>();

/** Names without pattern characters (nearly all) are matched without loading the pattern engine. */
const PLAIN = /^[A-Za-z0-9_./:-]*$/;

function matcher(name: string): Matcher | null {
  let re = patternCache.get(name);
  if (re === undefined) {
    const pattern = `^${name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`;
    try {
      // kustomize inserts the name into the pattern unescaped, and Go's engine, like RE2, runs in
      // linear time: a name such as `(a+)+b` must not stall the build.
      re = PLAIN.test(name) ? new RegExp(pattern, 'u') : compileRE2(pattern, undefined, 'images name');
    } catch (e) {
      if (e instanceof UserError && /cannot load/.test(e.message)) throw e;
      re = null;
    }
    patternCache.set(name, re);
  }
  return re;
}

export function isImageMatched(image: string, name: string): boolean {
  const re = matcher(name);
  if (!re) {
    // kustomize compiles the name into a pattern and crashes when it is not one.
    throw new UserError(`images: name '${name}' is not a valid pattern (kustomize inserts it into a regular expression)`);
  }
  return re.test(image);
}

/** Splits `name[:tag][@digest]`, looking for the tag after the first `/` (kustomize's image.Split). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let search = image;
  let slash = image.indexOf('/');
  if (slash > 0) search = image.slice(slash);
  else slash = 0;
  let id = search.indexOf('@');
  let ic = search.indexOf(':');
  if (ic < 0 && id < 0) return { name: image, tag: '', digest: '' };
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slash;
    return { name: image.slice(0, id), tag: '', digest: image.slice(id + 1) };
  }
  if (id >= 0 && ic >= 0) {
    id += slash;
    ic += slash;
    return { name: image.slice(0, ic), tag: image.slice(ic + 1, id), digest: image.slice(id + 1) };
  }
  ic += slash;
  return { name: image.slice(0, ic), tag: image.slice(ic + 1), digest: '' };
}

export function rewriteImage(value: string, rule: ImageRule): string | undefined {
  if (!isImageMatched(value, rule.name)) return undefined;
  let { name, tag, digest } = splitImage(value);
  if (rule.newName) name = rule.newName;
  if (rule.newTag && rule.digest) {
    tag = rule.newTag;
    digest = rule.digest;
  } else if (rule.newTag) {
    tag = rule.newTag;
    digest = '';
  } else if (rule.digest) {
    tag = '';
    digest = rule.digest;
  }
  if (rule.tagSuffix) tag += rule.tagSuffix;
  let out = name;
  if (tag) out += `:${tag}`;
  if (digest) out += `@${digest}`;
  return out;
}

function updateImageField(container: ValueMap, rule: ImageRule, origin?: Location): void {
  const v = container.image;
  if (v === undefined || v === null) return;
  if (typeof v !== 'string') {
    if (typeof v === 'object') throw new UserError('wrong node kind: expected ScalarNode for image', { location: origin });
    return;
  }
  const next = rewriteImage(v, rule);
  if (next === undefined) return;
  container.image = next;
  setEntryOrigin(container, 'image', origin);
}

function walkContainers(node: Value, rule: ImageRule, origin?: Location): void {
  if (Array.isArray(node)) {
    for (const el of node) walkContainers(el, rule, origin);
    return;
  }
  if (!isMap(node)) return;
  for (const key of Object.keys(node)) {
    const child = node[key]!;
    walkContainers(child, rule, origin);
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(child)) {
      for (const item of child) if (isMap(item)) updateImageField(item, rule, origin);
    }
  }
}

export function applyImage(resources: KResource[], rule: ImageRule, specs: FieldSpec[] = defaultImages, origin?: Location): KResource[] {
  if (!matcher(rule.name)) {
    throw new UserError(`images: name '${rule.name}' is not a valid pattern (kustomize inserts it into a regular expression)`, {
      location: origin,
    });
  }
  for (const r of resources) {
    if (r.body.kind === 'CustomResourceDefinition') continue;
    walkContainers(r.body, rule, origin);
  }
  for (const r of resources) {
    if (r.body.kind === 'CustomResourceDefinition') continue;
    for (const fs of specs) {
      visitFieldSpec(
        r.body,
        fs,
        (parent, key) => {
          const v = parent[key];
          if (typeof v !== 'string') return;
          const next = rewriteImage(v, rule);
          if (next === undefined) return;
          parent[key] = next;
          setEntryOrigin(parent, key, origin);
        },
        { createKind: 'none', origin },
      );
    }
  }
  return resources;
}
