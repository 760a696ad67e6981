/**
 * `buildMetadata:` of the top-level kustomization (kustomize ignores it in bases):
 * - `originAnnotations`: `config.kubernetes.io/origin` says where each object came from, as a
 *   YAML block: `path: <file>` for objects read from files, or `configuredIn: <kustomization>`
 *   plus `configuredBy` (apiVersion builtin, generator kind) for generated ones. Paths are
 *   relative to the top-level kustomization directory.
 * - `managedByLabel`: `app.kubernetes.io/managed-by: kustomize-(devel)`, as kubectl's
 *   embedded kustomize writes it (no version is stamped).
 * - `transformerAnnotations`: `alpha.config.kubernetes.io/transformations` lists every
 *   transformer that ran over the object, in order, with the kustomization that configured it
 *   (kustomize records a transformer on every object present when it runs, changed or not).
 */
import { relative, resolve, sep } from 'node:path';
import { isMap, newMap, setEntryOrigin } from '../core/provenance.js';
import type { KContext, KResource } from './types.js';

const KNOWN = new Set(['originAnnotations', 'managedByLabel', 'transformerAnnotations']);

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'kustomize-(devel)';

function displayRootOf(ctx: KContext): string {
  const session = (ctx.loader as unknown as { session?: { displayRoot?: string } }).session;
  return session?.displayRoot ?? process.cwd();
}

function relativeToRoot(ctx: KContext, displayPath: string): string {
  const abs = resolve(displayRootOf(ctx), displayPath);
  const rel = relative(ctx.loader.root, abs);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

function metadataOf(r: KResource): import('../core/provenance.js').ValueMap {
  let md = r.body.metadata;
  if (!isMap(md)) {
    md = newMap();
    r.body.metadata = md;
  }
  return md;
}

function childMap(parent: import('../core/provenance.js').ValueMap, key: string): import('../core/provenance.js').ValueMap {
  let m = parent[key];
  if (!isMap(m)) {
    m = newMap();
    parent[key] = m;
  }
  return m;
}

export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';

/** Generator objects (`generators:` entries) that made an object: their metadata.name. */
const generatorObjectNames = new WeakMap<KResource, string>();

export function markGeneratedByObject(r: KResource, name: string, namespace = ''): void {
  // kustomize's configuredBy is the generator object's reference: its namespace too, when it has one.
  generatorObjectNames.set(r, namespace ? `${name}\n  namespace: ${namespace}` : name);
}

/** Records that a transformer configured in `ctx`'s kustomization ran over these objects. */
export function recordTransformer(resources: KResource[], ctx: KContext, kind: string, name?: string, configuredIn?: string, namespace?: string): void {
  for (const r of resources) {
    const entry = newMap();
    entry.configuredIn = configuredIn ?? ctx.kustomizationFile;
    entry.kind = kind;
    if (name) entry.name = name;
    if (namespace) entry.namespace = namespace;
    (r.meta.transformations ??= []).push(entry);
  }
}

function transformationsText(r: KResource, ctx: KContext): string {
  return (r.meta.transformations ?? [])
    .map((t) => {
      // configuredBy is the transformer object's reference: name and namespace, each when set.
      const name = (typeof t.name === 'string' ? `    name: ${t.name}\n` : '') + (typeof t.namespace === 'string' ? `    namespace: ${t.namespace}\n` : '');
      return `- configuredIn: ${relativeToRoot(ctx, String(t.configuredIn))}\n  configuredBy:\n    apiVersion: builtin\n    kind: ${String(t.kind)}\n${name}`;
    })
    .join('');
}

export function applyBuildMetadata(resources: KResource[], options: string[], ctx: KContext): KResource[] {
  if (options.length === 0) return resources;
  // kustomize ignores options it does not know.
  if (!options.some((o) => KNOWN.has(o))) return resources;
  const where = ctx.fieldLocation('buildMetadata');
  for (const r of resources) {
    if (options.includes('originAnnotations')) {
      const objectName = generatorObjectNames.get(r);
      const text = r.meta.generatedBy
        ? `configuredIn: ${relativeToRoot(ctx, r.origin.file)}\nconfiguredBy:\n  apiVersion: builtin\n  kind: ${r.meta.generatedBy}\n${objectName ? `  name: ${objectName}\n` : ''}`
        : `path: ${relativeToRoot(ctx, r.origin.file)}\n`;
      const ann = childMap(metadataOf(r), 'annotations');
      ann[ORIGIN_ANNOTATION] = text;
      setEntryOrigin(ann, ORIGIN_ANNOTATION, where);
    }
    if (options.includes('transformerAnnotations') && (r.meta.transformations?.length ?? 0) > 0) {
      const ann = childMap(metadataOf(r), 'annotations');
      ann[TRANSFORMATIONS_ANNOTATION] = transformationsText(r, ctx);
      setEntryOrigin(ann, TRANSFORMATIONS_ANNOTATION, where);
    }
    if (options.includes('managedByLabel')) {
      const labels = childMap(metadataOf(r), 'labels');
      labels[MANAGED_BY_LABEL] = MANAGED_BY_VALUE;
      setEntryOrigin(labels, MANAGED_BY_LABEL, where);
    }
  }
  return resources;
}
