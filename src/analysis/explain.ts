/**
 * `prodgate build --explain KIND/NAME[.field.path]`: every field of a rendered object (as a
 * flattened path) with the file and line that set it — the base file for untouched fields,
 * the patch, replacement or kustomization line for fields a step changed.
 */
import { isSecretName, judgePair } from './secrets/detectors.js';
import { redactSecrets, SECRET_MASK } from './secrets/redact.js';
import { UserError } from '../core/errors.js';
import { formatLocation, type Location } from '../core/location.js';
import { entryOrigin, isMap, selfOrigin, type Value } from '../core/provenance.js';
import type { Resource } from '../core/resource.js';
import { formatPath, getPath, kindOf, nameOf, namespaceOf } from '../core/resource.js';

export interface ExplainedField {
  /** `spec.template.spec.containers[name=app].image` */
  path: string;
  value: string;
  location: Location | undefined;
}

export interface Explanation {
  kind: string;
  name: string;
  namespace: string;
  origin: Location;
  fields: ExplainedField[];
}

function segmentFor(list: Value[], i: number): string {
  const item = list[i];
  if (isMap(item) && typeof item.name === 'string') {
    const same = list.filter((x) => isMap(x) && x.name === item.name).length;
    if (same === 1) return `[name=${item.name}]`;
  }
  return `[${i}]`;
}

function scalarText(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return '[]';
  if (typeof v === 'object') return '{}';
  return String(v);
}

/** Flattens an object into leaf fields with their provenance. */
export function explainFields(body: Value, fallback: Location | undefined): ExplainedField[] {
  const out: ExplainedField[] = [];
  const isSecret = isMap(body) && body.kind === 'Secret';
  // Secret values never reach the output: Secret data, and values stored under secret-looking names.
  const masked = (path: string, key: string, sibling: Value | undefined, v: Value): string => {
    if (isSecret && /^(data|stringData)\./.test(path)) return SECRET_MASK;
    if (typeof v !== 'string') return scalarText(v);
    const name = key === 'value' && typeof sibling === 'string' ? sibling : key;
    // Explain shows values a person reads: every value under a secret-looking name is masked,
    // not only those the detectors would report (a short or placeholder-like password included).
    if (v !== '' && (isSecretName(name) || judgePair(name, v))) return SECRET_MASK;
    return redactSecrets(scalarText(v));
  };
  const visit = (node: Value, path: string, inherited: Location | undefined, key = '', parent?: Value) => {
    if (Array.isArray(node)) {
      if (node.length === 0) {
        out.push({ path, value: '[]', location: inherited });
        return;
      }
      node.forEach((item, i) => {
        const loc = entryOrigin(node, i) ?? (typeof item === 'object' && item !== null ? selfOrigin(item) : undefined) ?? inherited;
        visit(item, `${path}${segmentFor(node, i)}`, loc);
      });
      return;
    }
    if (isMap(node)) {
      const keys = Object.keys(node).sort();
      if (keys.length === 0) {
        out.push({ path, value: '{}', location: inherited });
        return;
      }
      for (const k of keys) {
        const child = node[k]!;
        const loc = entryOrigin(node, k) ?? inherited;
        const seg = /^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k);
        visit(child, path === '' ? seg : `${path}.${seg}`, loc, k, node);
      }
      return;
    }
    out.push({ path, value: masked(path, key, isMap(parent) ? parent.name : undefined, node), location: inherited });
  };
  visit(body, '', fallback);
  return out;
}

/** Splits `KIND/NAME[.field.path]` against the rendered objects (names may contain dots). */
function pickTarget(resources: Resource[], spec: string): { resource: Resource; fieldPath: string } {
  const slash = spec.indexOf('/');
  if (slash <= 0) throw new UserError(`--explain wants KIND/NAME[.field.path], not '${spec}'`);
  const kind = spec.slice(0, slash);
  let rest = spec.slice(slash + 1);
  let namespace: string | undefined;
  const nsSlash = rest.indexOf('/');
  if (nsSlash > 0 && !rest.slice(0, nsSlash).includes('.')) {
    namespace = rest.slice(0, nsSlash);
    rest = rest.slice(nsSlash + 1);
  }
  const candidates = resources.filter(
    (r) =>
      kindOf(r).toLowerCase() === kind.toLowerCase() &&
      (namespace === undefined || namespaceOf(r) === namespace) &&
      (rest === nameOf(r) || rest.startsWith(`${nameOf(r)}.`)),
  );
  if (candidates.length === 0) {
    const known = resources.filter((r) => kindOf(r).toLowerCase() === kind.toLowerCase()).map((r) => `${kindOf(r)}/${nameOf(r)}`);
    throw new UserError(`--explain: no ${kind} named like '${rest}' in the rendered output`, {
      hint: known.length ? `rendered ${kind} objects: ${known.join(', ')}` : undefined,
    });
  }
  candidates.sort((a, b) => nameOf(b).length - nameOf(a).length);
  const best = candidates[0]!;
  const sameName = candidates.filter((c) => nameOf(c) === nameOf(best));
  if (sameName.length > 1) {
    throw new UserError(`--explain: several ${kind}/${nameOf(best)} objects; use KIND/NAMESPACE/NAME`, {
      hint: sameName.map((c) => `${kindOf(c)}/${namespaceOf(c) || '(no namespace)'}/${nameOf(c)}`).join(', '),
    });
  }
  return { resource: best, fieldPath: rest.slice(nameOf(best).length + 1) };
}

export function explain(resources: Resource[], spec: string): Explanation {
  const picked = pickTarget(resources, spec);
  const resource = picked.resource;
  // Fields are listed with list items keyed by name (`containers[name=api]`); an index
  // (`containers[0]`), as users copy it from other tools, means the same item.
  const fieldPath = picked.fieldPath ? keyedPath(picked.fieldPath, resource.body) : picked.fieldPath;
  let fields = explainFields(resource.body, resource.origin);
  if (fieldPath) {
    fields = fields.filter((f) => f.path === fieldPath || f.path.startsWith(`${fieldPath}.`) || f.path.startsWith(`${fieldPath}[`));
    if (fields.length === 0) {
      throw new UserError(`--explain: ${kindOf(resource)}/${nameOf(resource)} has no field '${fieldPath}'`);
    }
  }
  return { kind: kindOf(resource), name: nameOf(resource), namespace: namespaceOf(resource), origin: resource.origin, fields };
}

/** `a.b[0].c` with each index written the way `formatPath` writes that list item. */
function keyedPath(fieldPath: string, body: Value): string {
  if (!/\[\d+\]/.test(fieldPath)) return fieldPath;
  const segments: (string | number)[] = [];
  for (const part of fieldPath.match(/[^.[\]]+|\[[^\]]*\]/g) ?? []) {
    const index = /^\[(\d+)\]$/.exec(part);
    if (index) segments.push(Number(index[1]));
    else if (part.startsWith('[')) return fieldPath; // a keyed item: already in the listed form
    else segments.push(part);
  }
  return getPath(body, segments) === undefined ? fieldPath : formatPath(segments, body);
}

/** Text form: one field per line, its value, and the file:line that set it. */
export function formatExplanation(e: Explanation): string {
  const header = `${e.kind}/${e.name}${e.namespace ? ` (namespace ${e.namespace})` : ''} defined at ${formatLocation(e.origin)}`;
  const width = Math.min(60, Math.max(...e.fields.map((f) => f.path.length)));
  const lines = e.fields.map((f) => {
    const value = f.value.length > 40 ? `${f.value.slice(0, 37)}...` : f.value;
    return `  ${f.path.padEnd(width)}  ${value}  ${formatLocation(f.location)}`;
  });
  return `${header}\n${lines.join('\n')}\n`;
}
