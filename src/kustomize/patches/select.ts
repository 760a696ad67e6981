/**
 * Resource ids and patch targets as kustomize matches them.
 *
 * A target's group, version, kind, name and namespace are regular expressions anchored as
 * `^(?:…)$`; name and namespace match the original or the current value; an empty namespace
 * counts as `default` for namespaced kinds; labelSelector and annotationSelector use the
 * Kubernetes selector syntax (`a=b,c!=d,e in (x,y),!f,g`).
 */
import { compileRE2, type Matcher } from '../../core/regex.js';
import { UserError } from '../../core/errors.js';
import type { Location } from '../../core/location.js';
import { isMap, type Value } from '../../core/provenance.js';
import { getPath, stringMapOf } from '../../core/resource.js';
import { allIds, currentId, effectiveNamespace, idEquals, originalId } from '../ids.js';
import type { KResource, ResId } from '../types.js';

export { allIds, currentId, effectiveNamespace, idEquals, originalId, storePreviousId, splitApiVersion } from '../ids.js';
export { idString as formatId } from '../ids.js';

export interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** Reads a `target:` mapping from a kustomization; unknown fields are errors as in kustomize. */
export function readTarget(v: Value | undefined, where: Location | undefined): Target | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isMap(v)) throw new UserError('patch target must be a mapping', { location: where });
  const out: Target = {};
  for (const k of Object.keys(v)) {
    const key = k.toLowerCase();
    const fields: Record<string, keyof Target> = {
      group: 'group',
      version: 'version',
      kind: 'kind',
      name: 'name',
      namespace: 'namespace',
      labelselector: 'labelSelector',
      annotationselector: 'annotationSelector',
    };
    const f = fields[key];
    if (!f) throw new UserError(`invalid Kustomization: json: unknown field "${k}"`, { location: where });
    const val = v[k];
    if (val === null || val === undefined) continue;
    if (typeof val === 'object') throw new UserError(`patch target field "${k}" must be a string`, { location: where });
    out[f] = String(val);
  }
  return out;
}

/**
 * A regular expression from a repository, compiled with RE2 as kustomize does: linear time,
 * and what RE2 rejects (backreferences, lookarounds) is an error, as in kustomize.
 */
export function untrustedRegExp(pattern: string, anchoredMatch: boolean, where: Location | undefined, what: string): Matcher {
  return compileRE2(anchoredMatch ? `^(?:${pattern})$` : pattern, where, what);
}

function anchored(pattern: string, where: Location | undefined): Matcher {
  return untrustedRegExp(pattern, true, where, 'patch target');
}

interface Requirement {
  key: string;
  op: 'exists' | '!exists' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';
  values: string[];
}

/** Parses a Kubernetes label selector string. */
export function parseSelector(text: string, where: Location | undefined): Requirement[] {
  const reqs: Requirement[] = [];
  let i = 0;
  const s = text;
  const skipWs = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const bad = (msg: string): never => {
    throw new UserError(`unable to parse requirement: ${msg} in selector ${JSON.stringify(text)}`, { location: where });
  };
  const readWord = (): string => {
    skipWs();
    const start = i;
    while (i < s.length && !/[\s,=!()<>]/.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  skipWs();
  if (i >= s.length) return reqs;
  for (;;) {
    skipWs();
    let negate = false;
    if (s[i] === '!') {
      negate = true;
      i++;
    }
    const key = readWord();
    if (!key) bad('missing key');
    skipWs();
    if (negate) {
      reqs.push({ key, op: '!exists', values: [] });
    } else if (i >= s.length || s[i] === ',') {
      reqs.push({ key, op: 'exists', values: [] });
    } else if (s.startsWith('==', i) || s[i] === '=') {
      i += s.startsWith('==', i) ? 2 : 1;
      reqs.push({ key, op: '=', values: [readWord()] });
    } else if (s.startsWith('!=', i)) {
      i += 2;
      reqs.push({ key, op: '!=', values: [readWord()] });
    } else if (s[i] === '>' || s[i] === '<') {
      const op = s[i] === '>' ? 'gt' : 'lt';
      i++;
      reqs.push({ key, op, values: [readWord()] });
    } else {
      const word = readWord();
      if (word !== 'in' && word !== 'notin') bad(`unexpected "${word}"`);
      skipWs();
      if (s[i] !== '(') bad('expected (');
      i++;
      const values: string[] = [];
      for (;;) {
        const v = readWord();
        values.push(v);
        skipWs();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ')') {
          i++;
          break;
        }
        bad('expected , or )');
      }
      reqs.push({ key, op: word as 'in' | 'notin', values });
    }
    skipWs();
    if (i >= s.length) break;
    if (s[i] !== ',') bad(`unexpected "${s[i]}"`);
    i++;
  }
  return reqs;
}

export function selectorMatchesLabels(reqs: Requirement[], labels: Record<string, string>): boolean {
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = labels[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case '=':
        return has && v === r.values[0];
      case '!=':
        return !has || v !== r.values[0];
      case 'in':
        return has && r.values.includes(v!);
      case 'notin':
        return !has || !r.values.includes(v!);
      case 'gt':
        return has && Number(v) > Number(r.values[0]);
      case 'lt':
        return has && Number(v) < Number(r.values[0]);
    }
  });
}


export class TargetMatcher {
  private readonly re: Partial<Record<'group' | 'version' | 'kind' | 'name' | 'namespace', Matcher>> = {};
  private readonly labels?: Requirement[];
  private readonly annotations?: Requirement[];

  constructor(readonly target: Target, where: Location | undefined) {
    for (const f of ['group', 'version', 'kind', 'name', 'namespace'] as const) {
      const p = target[f];
      if (p) this.re[f] = anchored(p, where);
    }
    if (target.labelSelector) this.labels = parseSelector(target.labelSelector, where);
    if (target.annotationSelector) this.annotations = parseSelector(target.annotationSelector, where);
  }

  matches(r: KResource): boolean {
    const cur = currentId(r);
    const org = originalId(r);
    const { namespace, name, group, version, kind } = this.re;
    if (namespace && !namespace.test(effectiveNamespace(org)) && !namespace.test(effectiveNamespace(cur))) return false;
    if (name && !name.test(org.name) && !name.test(cur.name)) return false;
    if (group && !group.test(cur.group)) return false;
    if (version && !version.test(cur.version)) return false;
    if (kind && !kind.test(cur.kind)) return false;
    if (this.labels && !selectorMatchesLabels(this.labels, stringMapOf(getPath(r.body, ['metadata', 'labels'])))) return false;
    if (this.annotations && !selectorMatchesLabels(this.annotations, stringMapOf(getPath(r.body, ['metadata', 'annotations'])))) {
      return false;
    }
    return true;
  }

  select(resources: KResource[]): KResource[] {
    return resources.filter((r) => this.matches(r));
  }
}

/** Resources any of whose ids (previous or current) equal `id`. */
export function resourcesWithAnyId(resources: KResource[], id: ResId): KResource[] {
  return resources.filter((r) => allIds(r).some((x) => idEquals(x, id)));
}
