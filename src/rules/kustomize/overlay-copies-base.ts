import type { Estate, SourceFileInfo } from '../../model/estate.js';
import type { Location } from '../../model/location.js';
import { getOrigins, isMap, type Value } from '../../model/provenance.js';
import { kindOf, nameOf, type Resource } from '../../model/resource.js';
import { yaml } from '../shared/estate-index.js';
import type { Rule, RuleContext } from '../types.js';
import { layerIncludes, layerResolver } from './layers.js';

function documentAt(info: SourceFileInfo | undefined, line: number): { startLine: number; endLine: number } | undefined {
  return info?.documents.find((d) => d.startLine <= line && line <= d.endLine);
}

interface Contribution {
  firstLine: number;
  /** Scalar fields whose value this file set. */
  fields: number;
}

/** Per file other than `except`: the scalar fields of `value` it set. Returns the total scalar count. */
function contributions(value: Value, except: string, out: Map<string, Contribution>): number {
  if (value === null || typeof value !== 'object') return 0;
  const rec = getOrigins(value);
  let total = 0;
  const visit = (key: string | number, child: Value) => {
    if (child !== null && typeof child === 'object') {
      total += contributions(child, except, out);
      return;
    }
    total++;
    const loc = rec?.entries.get(key);
    if (!loc || loc.file === except) return;
    const c = out.get(loc.file);
    if (c) {
      c.fields++;
      if (loc.line < c.firstLine) c.firstLine = loc.line;
    } else out.set(loc.file, { firstLine: loc.line, fields: 1 });
  };
  if (Array.isArray(value)) value.forEach((v, i) => visit(i, v));
  else for (const k of Object.keys(value)) visit(k, value[k]!);
  return total;
}

/** `path=value` strings of every scalar outside `metadata`, for body similarity. */
function leaves(value: Value, prefix: string, out: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${prefix}[${i}]`, out));
  else if (isMap(value)) {
    for (const k of Object.keys(value)) {
      if (prefix === '' && (k === 'metadata' || k === 'status')) continue;
      leaves(value[k]!, prefix === '' ? k : `${prefix}.${k}`, out);
    }
  } else out.add(`${prefix}=${String(value)}`);
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common || 1);
}

/** True when one name's `-`-separated tokens contain the other's as a contiguous run (api ⊂ api-prod). */
function relatedNames(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return `-${long}-`.includes(`-${short}-`);
}

/**
 * Two heuristics for "copy-paste YAML drift", both limited to kustomize renders:
 *
 * 1. A patch that restates the resource: an overlay patch file (a file outside the resource's own
 *    kustomization layer that set fields of it) that, by provenance, set at least `patchRatio` of
 *    the resource's scalar fields (of at least `minFields`), or whose YAML document is at least
 *    `patchRatio` as long as the document defining the resource (of at least `minLines` lines;
 *    used when the estate knows the documents' line ranges). Reported at the patch.
 * 2. A resource copied into another layer: two objects of the same kind, one from a layer and one
 *    from a layer it includes (directly or transitively; siblings are not compared), with related names (`api` / `api-prod`) and at least `similarity` of their non-metadata
 *    fields identical (Jaccard over `path=value` pairs, at least `minFields` fields). Reported on
 *    the object of the outer layer. Candidates are paired by kind and name token, and name tokens
 *    shared by more than 64 objects are not paired, so the cost stays linear.
 */
export const overlayCopiesBase: Rule = {
  meta: {
    id: 'overlay-copies-base',
    title: 'Overlays patch base resources instead of copying them',
    concern: 'kustomize',
    severity: 'warning',
    rationale:
      'An overlay that restates a whole base resource (as a full-copy patch or as a renamed duplicate) stops receiving base ' +
      'changes: the environments drift apart silently, which is what overlays exist to prevent.\n\n' +
      '*How it decides (kustomize renders only):* (1) a patch file outside the resource\'s own kustomization layer that, by provenance, set at least `patchRatio` of the resource\'s fields (or whose document is nearly as long as the resource\'s, when line ranges are known) is reported at the patch; (2) two objects of the same kind, one from an overlay and one from a layer it includes, with related names (`api`, `api-prod`) and at least `similarity` of their non-metadata fields identical are reported on the copy in the outer layer.',
    remediation:
      'Keep only the fields that differ in the overlay patch:\n\n' +
      yaml(['# overlays/prod/patches/api.yaml', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', 'spec:', '  replicas: 3']),
    params: {
      patchRatio: { description: 'A patch at least this fraction of the resource\'s length restates it.', default: 0.8 },
      minLines: { description: 'Resources shorter than this many lines are not judged by patch length.', default: 12 },
      similarity: { description: 'Fraction of identical fields above which two objects are copies.', default: 0.8 },
      minFields: { description: 'Objects with fewer non-metadata fields are not compared.', default: 8 },
    },
  },
  check(ctx) {
    if (ctx.estate.kustomizations.length === 0) return;
    findRestatingPatches(ctx);
    findCopiedResources(ctx);
  },
};

function findRestatingPatches(ctx: RuleContext): void {
  const estate = ctx.estate;
  const layer = layerResolver(estate);
  const kfiles = new Set(estate.kustomizations.map((k) => k.file));
  const ratio = Number(ctx.params.patchRatio ?? 0.8);
  const minLines = Number(ctx.params.minLines ?? 12);
  const minFields = Number(ctx.params.minFields ?? 8);
  const reported = new Set<string>();
  for (const r of estate.resources) {
    const origin = r.origin.file;
    if (kfiles.has(origin)) continue;
    const doc = documentAt(estate.files.get(origin), r.origin.line);
    const span = doc ? doc.endLine - doc.startLine + 1 : 0;
    const byFile = new Map<string, Contribution>();
    const total = contributions(r.body, origin, byFile);
    for (const [file, c] of byFile) {
      if (kfiles.has(file) || layer(file) === layer(origin)) continue;
      // The patch set most of the resource's fields, or its document is nearly as long.
      const patch = documentAt(estate.files.get(file), c.firstLine);
      const patchSpan = patch ? patch.endLine - patch.startLine + 1 : 0;
      const bySpan = span >= minLines && patchSpan >= ratio * span;
      const byFields = total >= minFields && c.fields >= ratio * total;
      if (!bySpan && !byFields) continue;
      const line = patch?.startLine ?? c.firstLine;
      const key = `${file}:${line}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const location: Location = { file, line };
      const extent = bySpan ? `${patchSpan} of ${span} lines` : `${c.fields} of ${total} fields`;
      ctx.report({
        resource: r,
        path: [],
        location,
        message: `patch ${file} restates ${kindOf(r)} ${nameOf(r)} from ${origin} (${extent}); patch only the fields that differ`,
      });
    }
  }
}

function findCopiedResources(ctx: RuleContext): void {
  const estate: Estate = ctx.estate;
  const layer = layerResolver(estate);
  const includes = layerIncludes(estate);
  const threshold = Number(ctx.params.similarity ?? 0.8);
  const minFields = Number(ctx.params.minFields ?? 8);
  const buckets = new Map<string, Resource[]>();
  for (const r of estate.resources) {
    if (layer(r.origin.file) === undefined) continue;
    for (const tok of new Set(nameOf(r).split('-'))) {
      if (tok.length < 2) continue;
      const key = `${kindOf(r)}|${tok}`;
      const l = buckets.get(key);
      if (l) l.push(r);
      else buckets.set(key, [r]);
    }
  }
  const leafCache = new Map<Resource, Set<string>>();
  const leavesOf = (r: Resource) => {
    let s = leafCache.get(r);
    if (!s) leafCache.set(r, (s = leaves(r.body, '', new Set())));
    return s;
  };
  const compared = new Set<string>();
  const reported = new Set<Resource>();
  const pairIds = new Map<Resource, number>();
  let next = 0;
  const id = (r: Resource) => {
    let n = pairIds.get(r);
    if (n === undefined) pairIds.set(r, (n = next++));
    return n;
  };
  for (const list of buckets.values()) {
    if (list.length < 2 || list.length > 64) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const la = layer(a.origin.file);
        const lb = layer(b.origin.file);
        if (la === undefined || lb === undefined || la === lb || !relatedNames(nameOf(a), nameOf(b))) continue;
        // Only an overlay and a layer it includes: sibling bases may legitimately look alike.
        const aOuter = includes(la, lb);
        if (!aOuter && !includes(lb, la)) continue;
        const key = `${Math.min(id(a), id(b))}|${Math.max(id(a), id(b))}`;
        if (compared.has(key)) continue;
        compared.add(key);
        const sa = leavesOf(a);
        const sb = leavesOf(b);
        if (sa.size < minFields || sb.size < minFields || jaccard(sa, sb) < threshold) continue;
        const [outer, inner] = aOuter ? [a, b] : [b, a];
        if (reported.has(outer)) continue;
        reported.add(outer);
        ctx.report({
          resource: outer,
          path: [],
          location: outer.origin,
          message: `${kindOf(outer)} ${nameOf(outer)} (${outer.origin.file}) copies ${kindOf(inner)} ${nameOf(inner)} from ${inner.origin.file} (${Math.round(jaccard(sa, sb) * 100)}% identical fields); patch the base resource instead`,
        });
      }
    }
  }
}
