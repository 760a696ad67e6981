import { yamlBlock } from '../shared/snippet.js';
import type { Estate } from '../../engine/estate.js';
import type { Location } from '../../core/location.js';
import { getOrigins, isMap, type Value } from '../../core/provenance.js';
import { kindOf, nameOf, type Resource } from '../../core/resource.js';

import type { RuleContext } from '../../engine/types.js';
import { defineRule, type ParamSpec, type ParamsOf } from '../../engine/rule.js';
import { layerIncludes, layerResolver } from './layers.js';
import { deployment } from '../shared/examples.js';

const baseDeployment = deployment('registry.example.com/api:1.4.2', { ports: [{ containerPort: 8080 }], env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'REGION', value: 'eu' }] }, { replicas: 1 });
const base = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': baseDeployment,
};

const params = {
  patchRatio: { type: 'number', minimum: 0, maximum: 1, description: 'A patch that writes at least this fraction of the fields its base resource defines copies the base.', default: 0.8 },
  similarity: { type: 'number', minimum: 0, maximum: 1, description: 'Fraction of identical fields above which two objects are copies.', default: 0.8 },
  minFields: { type: 'integer', minimum: 1, description: 'Objects (or base resources, for patches) with fewer fields are not compared.', default: 8 },
} as const satisfies Record<string, ParamSpec>;

type Context = RuleContext<ParamsOf<typeof params>>;

interface Restatement {
  /** Leaves of the base resource this patch wrote again (changed or not). */
  fields: number;
  /** First line of the patch that wrote over the base. */
  firstLine: number;
}

/** What names the object rather than describing it: a patch must repeat it to find its target. */
function isIdentity(path: readonly (string | number)[]): boolean {
  if (path.length === 1) return path[0] === 'apiVersion' || path[0] === 'kind';
  return path.length === 2 && path[0] === 'metadata' && (path[1] === 'name' || path[1] === 'namespace');
}

/**
 * Counts the leaves the base file defined (`origin`): those still set by it and those a patch
 * from another file wrote over. Leaves a patch added and leaves a transformer set are neither.
 * Returns the number of base leaves; fills `byPatch` with each patch's share.
 */
function baseLeaves(value: Value, origin: string, byPatch: Map<string, Restatement>): number {
  let total = 0;
  const note = (loc: Location, counted: boolean) => {
    const r = byPatch.get(loc.file);
    if (r) {
      if (counted) r.fields++;
      if (loc.line < r.firstLine) r.firstLine = loc.line;
    } else byPatch.set(loc.file, { fields: counted ? 1 : 0, firstLine: loc.line });
  };
  const visit = (node: Value, path: (string | number)[], inherited: Location | undefined) => {
    if (node === null || typeof node !== 'object') return;
    const rec = getOrigins(node);
    const child = (key: string | number, v: Value) => {
      const at = [...path, key];
      // A container a patch replaced as a whole: everything under it restates the base.
      const by = inherited ?? rec?.restated?.get(key);
      const restated = by && by.file !== origin ? by : undefined;
      if (v !== null && typeof v === 'object') return visit(v, at, restated);
      if (isIdentity(at)) {
        if (restated) note(restated, false);
        return;
      }
      if (restated) {
        total++;
        note(restated, true);
      } else if (rec?.entries.get(key)?.file === origin) total++;
    };
    if (Array.isArray(node)) node.forEach((v, i) => child(i, v));
    else for (const k of Object.keys(node)) child(k, node[k]!);
  };
  visit(value, [], undefined);
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
 * 1. A patch that restates the resource: a patch from a file outside the resource's own
 *    kustomization layer that wrote (by the renderer's provenance, changed or not) at least
 *    `patchRatio` of the fields the base file defined (of at least `minFields`; the object's
 *    apiVersion, kind, name and namespace, which every patch repeats, are not counted). Fields
 *    the patch adds are not counted either, so a long patch that adds probes, affinity or
 *    sidecars to a small base is a delta, not a copy. Reported at the patch's first line that
 *    wrote over the base.
 * 2. A resource copied into another layer: two objects of the same kind, one from a layer and one
 *    from a layer it includes (directly or transitively; siblings are not compared), with related names (`api` / `api-prod`) and at least `similarity` of their non-metadata
 *    fields identical (Jaccard over `path=value` pairs, at least `minFields` fields). Reported on
 *    the object of the outer layer. Candidates are paired by kind and name token, and name tokens
 *    shared by more than 64 objects are not paired, so the cost stays linear.
 */
export const rule = defineRule({
  id: 'overlay-copies-base',
  title: 'Overlays patch base resources instead of copying them',
  concern: 'kustomize',
  severity: 'warning',
  rationale:
    'An overlay that restates a whole base resource (as a full-copy patch or as a renamed duplicate) stops receiving base ' +
    'changes: the environments drift apart silently, which is what overlays exist to prevent.\n\n' +
    '*How it decides (kustomize renders only):* (1) a patch from outside the resource\'s own kustomization layer that writes at least `patchRatio` of the fields the base file defines (changed or restated with the same value; fields the patch adds, and the apiVersion, kind, name and namespace every patch repeats, are not counted) copies the base instead of patching it, and is reported at the patch; (2) two objects of the same kind, one from an overlay and one from a layer it includes, with related names (`api`, `api-prod`) and at least `similarity` of their non-metadata fields identical are reported on the copy in the outer layer.',
  remediation:
    'Keep only the fields that differ in the overlay patch:\n\n' +
    yamlBlock(['# overlays/prod/patches/api.yaml', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', 'spec:', '  replicas: 3']),
  params,
  examples: {
    bad: [
      {
        description: 'The prod overlay "patches" the Deployment with a full copy of it, changing only the replicas.',
        files: {
          ...base,
          'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: deployment.yaml\n',
          'overlays/prod/deployment.yaml': baseDeployment.replace('replicas: 1', 'replicas: 3'),
        },
        entry: 'overlays/prod',
        message: 'copies the base instead of patching it',
      },
      {
        description: 'The prod overlay adds a renamed copy of the base Deployment (`api-prod`) instead of patching `api`.',
        files: {
          ...base,
          'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - deployment-prod.yaml\n',
          'overlays/prod/deployment-prod.yaml': baseDeployment.replace('  name: api\n', '  name: api-prod\n').replace('replicas: 1', 'replicas: 3'),
        },
        entry: 'overlays/prod',
        message: 'copies Deployment api from base/deployment.yaml',
      },
    ],
    good: [
      {
        description: 'The overlay patches only what differs.',
        files: {
          ...base,
          'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n',
          'overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n',
        },
        entry: 'overlays/prod',
      },
      {
        description: 'A longer patch that adds requests and a probe is a delta, not a copy: only fields it writes over the base count.',
        files: {
          ...base,
          'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: api.yaml\n',
          'overlays/prod/api.yaml': [
            'apiVersion: apps/v1',
            'kind: Deployment',
            'metadata:',
            '  name: api',
            'spec:',
            '  replicas: 3',
            '  template:',
            '    spec:',
            '      containers:',
            '        - name: api',
            '          resources:',
            '            requests:',
            '              cpu: 250m',
            '              memory: 256Mi',
            '          readinessProbe:',
            '            httpGet:',
            '              path: /ready',
            '              port: 8080',
            '',
          ].join('\n'),
        },
        entry: 'overlays/prod',
      },
    ],
  },
  check(ctx) {
    if (ctx.estate.kustomizations.length === 0) return;
    findRestatingPatches(ctx);
    findCopiedResources(ctx);
  },
});

function findRestatingPatches(ctx: Context): void {
  const estate = ctx.estate;
  const layer = layerResolver(estate);
  const kfiles = new Set(estate.kustomizations.map((k) => k.file));
  const ratio = ctx.params.patchRatio;
  const minFields = ctx.params.minFields;
  for (const r of estate.resources) {
    const origin = r.origin.file;
    if (kfiles.has(origin)) continue;
    const byPatch = new Map<string, Restatement>();
    const total = baseLeaves(r.body, origin, byPatch);
    if (total < minFields) continue;
    for (const [file, p] of byPatch) {
      if (p.fields < ratio * total || layer(file) === layer(origin)) continue;
      const location: Location = { file, line: p.firstLine };
      ctx.report({
        resource: r,
        path: [],
        location,
        message: `patch ${file} copies the base instead of patching it: it restates ${p.fields} of the ${total} fields ${kindOf(r)} ${nameOf(r)} has in ${origin}; keep only the fields that differ`,
      });
    }
  }
}

function findCopiedResources(ctx: Context): void {
  const estate: Estate = ctx.estate;
  const layer = layerResolver(estate);
  const includes = layerIncludes(estate);
  const threshold = ctx.params.similarity;
  const minFields = ctx.params.minFields;
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
