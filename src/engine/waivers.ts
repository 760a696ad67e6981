/**
 * Governed waivers (docs/configuration.md, "Waivers").
 *
 * A waiver accepts one rule's findings on one object (or one container of it) for a reason,
 * until a date, optionally naming an owner. Four forms:
 *   - annotation `prodgate.dev/waive.<rule>` (or `prodgate.dev/waive.<rule>.<container>`) on the
 *     object or its pod template, value `reason="…" expires=YYYY-MM-DD owner=…`;
 *   - inline comment `# prodgate-waive <rule>[,<rule>…] [container=…] reason="…" expires=…` in
 *     the YAML document of the object (or of the patch that sets the offending field);
 *   - a `waivers:` entry in the config file matching kind/namespace/name/source path globs.
 * A waiver without reason or expiry, or with an unknown rule or a malformed value, is itself
 * a finding (`waiver-invalid`) and waives nothing; one past its expiry is `waiver-expired` and
 * waives nothing; a valid waiver that matched no finding is `waiver-unused`.
 */
import type { Estate, PodTemplate } from './estate.js';
import type { Location } from '../core/location.js';
import type { ValuePath } from '../core/provenance.js';
import { getMap, kindOf, nameOf, type ObjectRef, type Resource } from '../core/resource.js';
import type { ConfigWaiver } from './config.js';
import { globMatch, pathGlobMatch } from '../core/glob.js';
import type { Finding, Rule, Waiver } from './types.js';
import { rule as waiverExpired } from './governance/waiver-expired.js';
import { rule as waiverInvalid } from './governance/waiver-invalid.js';
import { rule as waiverUnused } from './governance/waiver-unused.js';

export const WAIVER_ANNOTATION_PREFIX = 'prodgate.dev/waive.';
export const INLINE_WAIVER_MARKER = 'prodgate-waive';

/** Rules the engine reports while applying waivers; listed with the others (one file each under governance/). */
export const waiverRules: Rule[] = [waiverInvalid, waiverExpired, waiverUnused];

export const waiverRuleIds = new Set(waiverRules.map((r) => r.meta.id));

export interface WaiverRecord {
  form: 'annotation' | 'inline' | 'config';
  rules: string[];
  /** Exact container name (annotation, inline) or glob (config). */
  container?: string;
  reason?: string;
  expires?: string;
  owner?: string;
  /** Problems that make the waiver invalid. */
  problems: string[];
  source: Location;
  /** The object the waiver is written on (annotation, inline). */
  resource?: Resource;
  /** Path of the annotation inside the object. */
  path?: ValuePath;
  config?: ConfigWaiver;
  /** Inline waivers: the document range they cover. */
  file?: string;
  startLine?: number;
  endLine?: number;
  state?: 'valid' | 'invalid' | 'expired';
  used: boolean;
  /** Config waivers: some checked object matched its object matcher (else it cannot be called unused). */
  selectedSomething?: boolean;
}

/** Parse `reason="…" expires=YYYY-MM-DD owner=… container=…`. */
export function parseWaiverFields(text: string): { fields: Record<string, string>; problems: string[] } {
  const fields: Record<string, string> = {};
  const problems: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (i >= n) break;
    const keyMatch = /^([A-Za-z][A-Za-z0-9_-]*)=/.exec(text.slice(i));
    if (!keyMatch) {
      const word = /^\S+/.exec(text.slice(i))![0];
      problems.push(`unexpected "${word}" (expected key=value)`);
      i += word.length;
      continue;
    }
    const key = keyMatch[1]!;
    i += keyMatch[0].length;
    let value = '';
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === '\\' && i + 1 < n) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) problems.push(`unterminated quote in ${key}`);
    } else {
      const m = /^\S*/.exec(text.slice(i))![0];
      value = m;
      i += m.length;
    }
    if (!['reason', 'expires', 'owner', 'container'].includes(key)) {
      problems.push(`unknown key "${key}" (known: reason, expires, owner, container)`);
    } else if (key in fields) {
      problems.push(`"${key}" given twice`);
    } else {
      fields[key] = value;
    }
  }
  return { fields, problems };
}

export function isValidDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Decide a waiver's state: invalid (with problems), expired, or valid. */
export function judgeWaiver(w: WaiverRecord, knownRules: ReadonlySet<string>, today: string, maxDays = 0): void {
  if (!w.reason || !w.reason.trim()) w.problems.push('no reason given (reason="…")');
  if (!w.expires) w.problems.push('no expiry date given (expires=YYYY-MM-DD)');
  else if (!isValidDate(w.expires)) w.problems.push(`expiry "${w.expires}" is not a date (YYYY-MM-DD)`);
  else if (maxDays > 0 && isValidDate(today) && daysBetween(today, w.expires) > maxDays) {
    w.problems.push(`expiry ${w.expires} is more than ${maxDays} days away (waiver-invalid maxDays)`);
  }
  for (const r of w.rules) {
    if (!knownRules.has(r)) w.problems.push(`unknown rule "${r}"`);
    else if (waiverRuleIds.has(r)) w.problems.push(`"${r}" findings cannot be waived`);
  }
  if (w.rules.length === 0) w.problems.push('no rule named');
  if (w.problems.length) w.state = 'invalid';
  else if (w.expires! < today) w.state = 'expired';
  else w.state = 'valid';
}

function fromFields(
  base: Omit<WaiverRecord, 'problems' | 'used' | 'reason' | 'expires' | 'owner'>,
  text: string,
): WaiverRecord {
  const { fields, problems } = parseWaiverFields(text);
  const w: WaiverRecord = { ...base, problems, used: false };
  if (fields.reason !== undefined) w.reason = fields.reason;
  if (fields.expires !== undefined) w.expires = fields.expires;
  if (fields.owner !== undefined) w.owner = fields.owner;
  if (fields.container !== undefined) {
    if (w.container !== undefined && w.container !== fields.container) {
      w.problems.push(`container named twice ("${w.container}" and "${fields.container}")`);
    }
    w.container = fields.container;
  }
  return w;
}

/** Waiver annotations on an object and on its pod template. */
export function annotationWaivers(
  estate: Estate,
  r: Resource,
  locateField: (r: Resource, p: ValuePath) => Location,
  templateOf: (r: Resource) => PodTemplate | undefined = (x) => estate.podTemplateOf(x),
): WaiverRecord[] {
  const out: WaiverRecord[] = [];
  const scan = (annotationsPath: ValuePath) => {
    const annotations = getMap(r.body, annotationsPath);
    if (!annotations) return;
    for (const key of Object.keys(annotations)) {
      if (!key.startsWith(WAIVER_ANNOTATION_PREFIX)) continue;
      const rest = key.slice(WAIVER_ANNOTATION_PREFIX.length);
      const dot = rest.indexOf('.');
      const rule = dot < 0 ? rest : rest.slice(0, dot);
      const container = dot < 0 ? undefined : rest.slice(dot + 1);
      const path = [...annotationsPath, key];
      const value = annotations[key];
      out.push(
        fromFields(
          {
            form: 'annotation',
            rules: rule ? [rule] : [],
            container: container || undefined,
            source: locateField(r, path),
            resource: r,
            path,
          },
          typeof value === 'string' ? value : value === null ? '' : String(value),
        ),
      );
    }
  };
  scan(['metadata', 'annotations']);
  const template = templateOf(r);
  if (template && template.specPath.length > 1) scan([...template.specPath.slice(0, -1), 'metadata', 'annotations']);
  return out;
}

/** Inline `# prodgate-waive …` comments of the estate's source files, with the document they cover. */
export function inlineWaivers(estate: Estate): WaiverRecord[] {
  const out: WaiverRecord[] = [];
  const byFile = new Map<string, Resource[]>();
  for (const r of estate.resources) {
    let list = byFile.get(r.origin.file);
    if (!list) byFile.set(r.origin.file, (list = []));
    list.push(r);
  }
  for (const [file, info] of estate.files) {
    for (const c of info.comments) {
      const m = new RegExp(`^${INLINE_WAIVER_MARKER}(?:\\s+|$)(.*)$`).exec(c.text);
      if (!m) continue;
      const rest = m[1]!.trim();
      const first = /^[^\s=]+(?=\s|$)/.exec(rest);
      const rules = first ? first[0].split(',').filter(Boolean) : [];
      const doc = info.documents.find((d) => c.line >= d.startLine && c.line <= d.endLine);
      const startLine = doc?.startLine ?? c.line;
      const endLine = doc?.endLine ?? c.line;
      const resource = byFile.get(file)?.find((r) => r.origin.line >= startLine && r.origin.line <= endLine);
      out.push(
        fromFields(
          { form: 'inline', rules, source: { file, line: c.line }, resource, file, startLine, endLine },
          first ? rest.slice(first[0].length) : rest,
        ),
      );
    }
  }
  return out;
}

export function configWaiverRecords(waivers: readonly ConfigWaiver[]): WaiverRecord[] {
  return waivers.map((c) => ({
    form: 'config',
    rules: c.rules,
    container: c.container,
    reason: c.reason,
    expires: c.expires,
    owner: c.owner,
    problems: [],
    source: c.location,
    config: c,
    used: false,
  }));
}

export interface WaiverMatchContext {
  estate: Estate;
  /** Source file of an object, relative to the config file's directory. */
  configPath: (file: string) => string;
}

/** Does a config-file waiver's object matcher (kind, namespace, name, source path) select `resource`? */
export function configWaiverSelects(c: ConfigWaiver, resource: Resource, ctx: WaiverMatchContext): boolean {
  if (c.kind !== undefined && !globMatch(c.kind, kindOf(resource))) return false;
  if (c.namespace !== undefined && !globMatch(c.namespace, ctx.estate.namespaceOf(resource))) return false;
  if (c.name !== undefined && !globMatch(c.name, nameOf(resource))) return false;
  if (c.path !== undefined && !pathGlobMatch(c.path, ctx.configPath(resource.origin.file))) return false;
  return true;
}

/** Does waiver `w` cover this finding of `resource`? */
export function waiverMatches(w: WaiverRecord, f: Finding, resource: Resource, ctx: WaiverMatchContext): boolean {
  if (!w.rules.includes(f.rule)) return false;
  if (w.form === 'config') {
    const c = w.config!;
    if (!configWaiverSelects(c, resource, ctx)) return false;
    if (c.container !== undefined && (f.container === undefined || !globMatch(c.container, f.container))) return false;
    return true;
  }
  if (w.container !== undefined && f.container !== w.container) return false;
  if (w.form === 'annotation') return w.resource === resource;
  // inline: the document holds the object, or the line that set the offending field
  const inDoc = (loc: Location | null | undefined) =>
    !!loc && loc.file === w.file && loc.line >= w.startLine! && loc.line <= w.endLine!;
  return (w.resource !== undefined && w.resource === resource) || inDoc(resource.origin) || inDoc(f.location);
}

export function waivedBy(w: WaiverRecord): Waiver {
  const out: Waiver = { reason: w.reason!, expires: w.expires! };
  if (w.owner) out.owner = w.owner;
  out.source = w.source;
  return out;
}

export const noObject: ObjectRef = { apiVersion: '', kind: '', namespace: '', name: '' };
