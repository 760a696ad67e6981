/**
 * Field specs: where a transformer reads or writes inside an object (kustomize's FieldSpec and
 * the fieldspec/fsslice filters). A path is `/`-separated (`\/` is a literal slash); a segment
 * landing on a sequence applies to every element; `name[]` marks a sequence field, which is
 * never created.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { isMap, newMap, setEntryOrigin, type Value, type ValueMap } from '../core/provenance.js';
import { gvkSelected, splitApiVersion } from './ids.js';

export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path: string;
  create?: boolean;
}

/** Splits a field-spec path at `/`, keeping `\/` as a literal slash (kustomize's PathSplitter). */
export function splitPath(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [parts[0]!];
  for (let i = 1; i < parts.length; i++) {
    const last = out.length - 1;
    if (out[last]!.endsWith('\\')) out[last] = out[last]!.slice(0, -1) + '/' + parts[i]!;
    else out.push(parts[i]!);
  }
  return out;
}

/** Does the spec's group/version/kind select this object (empty parts match anything)? */
export function specSelects(spec: FieldSpec, body: ValueMap): boolean {
  const { group, version } = splitApiVersion(typeof body.apiVersion === 'string' ? body.apiVersion : '');
  const kind = typeof body.kind === 'string' ? body.kind : '';
  return gvkSelected({ group, version, kind }, spec);
}

/** What to create for the final segment when it is missing (kustomize's CreateKind). */
export type CreateKind = 'map' | 'scalar' | 'none';

/**
 * Callback for each field reached: the parent container and the key holding the value. The
 * value may be undefined only when created as a scalar (the setter then writes it).
 */
export type FieldVisitor = (parent: ValueMap, key: string, parentPath: ReadonlyArray<string | number>) => void;

export interface VisitOptions {
  createKind: CreateKind;
  /** Location stamped on containers this visit creates. */
  origin?: Location;
}

/**
 * Applies `visit` at every place the spec's path reaches in `body` (when the spec selects the
 * object). Creates missing intermediate mappings when the spec says `create`.
 */
export function visitFieldSpec(body: ValueMap, spec: FieldSpec, visit: FieldVisitor, options: VisitOptions): void {
  if (!specSelects(spec, body)) return;
  const segments = splitPath(spec.path);
  walk(body, segments, 0, spec, visit, options, undefined, undefined, []);
}

function walk(
  node: Value | undefined,
  segments: string[],
  i: number,
  spec: FieldSpec,
  visit: FieldVisitor,
  options: VisitOptions,
  parent: ValueMap | undefined,
  key: string | undefined,
  trail: Array<string | number>,
): void {
  if (i === segments.length) {
    if (parent && key !== undefined) visit(parent, key, trail.slice(0, -1));
    return;
  }
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (let j = 0; j < node.length; j++) {
      const el = node[j];
      // Elements that are mappings continue the same path; the setter for sequences of scalars
      // is handled by the caller through the parent/key of the sequence itself.
      if (isMap(el)) walk(el, segments, i, spec, visit, options, undefined, undefined, [...trail, j]);
      else if (el !== null && el !== undefined) {
        throw new UserError(`expected sequence or mapping node at '${spec.path}'`, { location: options.origin });
      }
    }
    return;
  }
  if (!isMap(node)) {
    throw new UserError(`expected sequence or mapping node at '${spec.path}'`, { location: options.origin });
  }
  let name = segments[i]!;
  let isSeq = false;
  if (name.endsWith('[]')) {
    name = name.slice(0, -2);
    isSeq = true;
  }
  if (name === '') throw new UserError('cannot set or create an empty field name', { location: options.origin });
  const last = i === segments.length - 1;
  const has = Object.prototype.hasOwnProperty.call(node, name);
  const mayCreate = !!spec.create && options.createKind !== 'none' && !isSeq;
  if (!has) {
    if (!mayCreate) return;
    if (last) {
      if (options.createKind === 'map') {
        node[name] = newMap();
        setEntryOrigin(node, name, options.origin);
      }
      // Scalars are created by the setter itself.
    } else {
      node[name] = newMap();
      setEntryOrigin(node, name, options.origin);
    }
  } else if (node[name] === null) {
    // A null field becomes the kind the path expects.
    if (isSeq) node[name] = [];
    else if (mayCreate && (!last || options.createKind === 'map')) node[name] = newMap();
  }
  if (last) {
    visit(node, name, trail);
    return;
  }
  walk(node[name], segments, i + 1, spec, visit, options, node, name, [...trail, name]);
}

/** Merge field-spec lists, dropping exact duplicates (kustomize's FsSlice.MergeAll). */
export function mergeSpecs(a: FieldSpec[], b: FieldSpec[]): FieldSpec[] {
  const out = [...a];
  for (const fs of b) {
    const dup = out.find(
      (x) =>
        x.path === fs.path &&
        (x.group ?? '') === (fs.group ?? '') &&
        (x.version ?? '') === (fs.version ?? '') &&
        (x.kind ?? '') === (fs.kind ?? ''),
    );
    if (!dup) out.push(fs);
    else if (!!dup.create !== !!fs.create) {
      throw new UserError(`conflicting fieldspecs for path '${fs.path}' (create ${!!dup.create} vs ${!!fs.create})`);
    }
  }
  return out;
}
