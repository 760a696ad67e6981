/**
 * Deprecated and removed API versions for a target Kubernetes version (like Pluto): which
 * objects use an apiVersion the target deprecates or no longer serves, and what to use instead.
 */
import { apiDeprecations, introducedApis, type ApiDeprecation, type Replacement } from './deprecation-table.js';

export { apiDeprecations, type ApiDeprecation, type Replacement } from './deprecation-table.js';

/** A Kubernetes minor version as [major, minor]. */
export type MinorVersion = readonly [number, number];

/** Parse "1.29", "v1.29" or "1.29.3" (patch ignored); undefined when it is not a version. */
export function parseKubeVersion(text: string): MinorVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function compareVersions(a: MinorVersion, b: MinorVersion): number {
  return a[0] - b[0] || a[1] - b[1];
}

function atLeast(target: MinorVersion, version: string): boolean {
  const v = parseKubeVersion(version);
  return v !== undefined && compareVersions(target, v) >= 0;
}

export interface DeprecationStatus {
  entry: ApiDeprecation;
  /** `removed` when the target no longer serves the API version, else `deprecated`. */
  state: 'deprecated' | 'removed';
  /** The replacement to suggest for the target version, if any. */
  replacement?: Replacement;
  message: string;
}

const index = new Map<string, ApiDeprecation>();
for (const d of apiDeprecations) index.set(`${d.apiVersion}\n${d.kind}`, d);

/** The deprecation state of `apiVersion`/`kind` at the target version, or undefined when it is current. */
export function deprecationStatus(apiVersion: string, kind: string, target: MinorVersion): DeprecationStatus | undefined {
  const entry = index.get(`${apiVersion}\n${kind}`);
  if (!entry) return undefined;
  const removed = entry.removedIn !== null && atLeast(target, entry.removedIn);
  if (!removed && !atLeast(target, entry.deprecatedIn)) return undefined;
  const replacement = entry.replacements.find((r) => atLeast(target, r.since)) ?? entry.replacements[0];
  const targetText = `${target[0]}.${target[1]}`;
  const what = `${apiVersion} ${kind}`;
  let message = removed
    ? `${what} is no longer served by Kubernetes ${targetText}: removed in ${entry.removedIn} (deprecated since ${entry.deprecatedIn})`
    : `${what} is deprecated since Kubernetes ${entry.deprecatedIn}` +
      (entry.removedIn ? ` and removed in ${entry.removedIn}` : ' (no removal scheduled yet)');
  if (replacement) {
    const to = `${replacement.apiVersion}${replacement.kind ? ` ${replacement.kind}` : ''}`;
    message += `; use ${to} (served since ${replacement.since})`;
  }
  if (entry.note) message += `; ${entry.note}`;
  return { entry, state: removed ? 'removed' : 'deprecated', ...(replacement ? { replacement } : {}), message };
}

/** apiVersion/kind → the first minor version that serves it, from the replacements of the table. */
const introduced = new Map<string, { since: MinorVersion; text: string }>();
for (const d of apiDeprecations) {
  for (const r of d.replacements) {
    const key = `${r.apiVersion}\n${r.kind ?? d.kind}`;
    const since = parseKubeVersion(r.since);
    if (!since) continue;
    const prev = introduced.get(key);
    if (!prev || compareVersions(since, prev.since) < 0) introduced.set(key, { since, text: r.since });
  }
}
for (const api of introducedApis) {
  const since = parseKubeVersion(api.since)!;
  for (const kind of api.kinds) introduced.set(`${api.apiVersion}\n${kind}`, { since, text: api.since });
}

/**
 * When the target version predates the release that first served `apiVersion`/`kind` (e.g.
 * `batch/v1` CronJob before 1.21), the release that does; otherwise undefined. Only API versions
 * that appear as replacements in the deprecation table are known.
 */
export function notYetServed(apiVersion: string, kind: string, target: MinorVersion): string | undefined {
  const entry = introduced.get(`${apiVersion}\n${kind}`);
  return entry && compareVersions(target, entry.since) < 0 ? entry.text : undefined;
}
