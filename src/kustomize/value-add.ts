/**
 * kustomize's builtin ValueAddTransformer: writes one value (by default the name of the
 * kustomization's directory) into fields of the selected objects, or inserts it as one part of
 * a path-like field (`filePathPosition`). `metadata/namespace` moves the object as the
 * namespace transformer does.
 */
import { basename, posix } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { isMap, newMap, setEntryOrigin, type Value, type ValueMap } from '../core/provenance.js';
import { str } from '../core/resource.js';
import { applyNamespace } from './namespace.js';
import { readTarget, TargetMatcher } from './patches/select.js';
import { parseYaml } from '../yaml/parse.js';
import type { FileLoader, KResource } from './types.js';

interface ValueAddTarget {
  matcher?: TargetMatcher;
  fieldPath: string;
  filePathPosition: number;
}

function readTargets(list: Value | undefined, where: Location): ValueAddTarget[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new UserError('ValueAddTransformer: targets must be a list', { location: where });
  return list.map((t) => {
    if (!isMap(t)) throw new UserError('ValueAddTransformer: each target must be a mapping', { location: where });
    const fieldPath = str(t.fieldPath);
    if (fieldPath === '') throw new UserError('fieldPath cannot be empty', { location: where });
    const pos = t.filePathPosition ?? 0;
    if (typeof pos !== 'number' || !Number.isInteger(pos)) throw new UserError('ValueAddTransformer: filePathPosition must be a whole number', { location: where });
    if (pos < 0) throw new UserError(`value of FilePathPosition (${pos}) cannot be negative`, { location: where });
    const sel = t.selector === undefined || t.selector === null ? undefined : readTarget(t.selector, where);
    return { matcher: sel ? new TargetMatcher(sel, where) : undefined, fieldPath, filePathPosition: pos };
  });
}

/** `a\/b/c` → ['a/b', 'c']: a backslash before a slash keeps it in the field name. */
function splitFields(path: string): string[] {
  const fields: string[] = [];
  for (const f of path.split('/')) {
    const last = fields[fields.length - 1];
    if (last !== undefined && last.endsWith('\\')) fields[fields.length - 1] = `${last.slice(0, -1)}/${f}`;
    else fields.push(f);
  }
  return fields;
}

/** kyaml's filesys.InsertPathPart. */
function insertPathPart(path: string, pos: number, part: string): string {
  if (part === '') return path;
  const parts = path === '' ? [] : path.split('/');
  let p = Math.min(Math.max(pos, 0), parts.length);
  if (parts.length > 0 && parts[0] === '' && p < parts.length) p++;
  const result = [...parts.slice(0, p), part, ...parts.slice(p)];
  if (result[0] === '') return '/' + posix.join(...result.slice(1).filter((x) => x !== ''));
  const joined = result.filter((x) => x !== '');
  return joined.length === 0 ? '' : posix.join(...joined);
}

function setValue(r: KResource, fieldPath: string, value: string, pos: number, where: Location): void {
  const fields = splitFields(fieldPath);
  let node: ValueMap = r.body;
  for (let i = 0; i < fields.length - 1; i++) {
    const f = fields[i]!;
    const next = node[f];
    if (next === undefined || next === null) {
      const m = newMap();
      node[f] = m;
      node = m;
    } else if (isMap(next)) node = next;
    else throw new UserError(`ValueAddTransformer: '${f}' in ${fieldPath} is not a mapping`, { location: where });
  }
  const last = fields[fields.length - 1]!;
  const cur = node[last];
  if (cur !== undefined && cur !== null && typeof cur === 'object') {
    throw new UserError(`ValueAddTransformer: ${fieldPath} is not a scalar`, { location: where });
  }
  const text = cur === undefined || cur === null ? '' : String(cur);
  node[last] = pos > 0 ? insertPathPart(text, pos - 1, value) : value;
  setEntryOrigin(node, last, where);
}

export function valueAddStep(c: ValueMap, where: Location, loader: FileLoader): (resources: KResource[]) => KResource[] {
  // kustomize's default value is the name of the directory of the kustomization that lists it.
  const value = str(c.value).trim() || basename(loader.root);
  const targets = readTargets(c.targets, where);
  if (typeof c.targetFilePath === 'string' && c.targetFilePath !== '') {
    const file = loader.readFile(c.targetFilePath, where);
    const doc = parseYaml(file.text, file.displayPath, { dialect: 'yaml11', uniqueKeys: false }).docs[0]?.value;
    targets.push(...readTargets(isMap(doc) ? doc.targets : undefined, where));
  }
  if (targets.length === 0) throw new UserError('must specify at least one target', { location: where });
  return (resources: KResource[]): KResource[] => {
    for (const t of targets) {
      const selected = t.matcher ? resources.filter((r) => t.matcher!.matches(r)) : resources;
      for (const r of selected) {
        if (t.fieldPath === 'metadata/namespace') applyNamespace([r], { namespace: value, fieldSpecs: [], setRoleBindingSubjects: 'defaultOnly', origin: where });
        else setValue(r, t.fieldPath, value, t.filePathPosition, where);
      }
    }
    return resources;
  };
}
