/**
 * Helpers shared by the pod-level rules (resources, health, images, pod-security): which pod
 * templates are judged, how containers are named in messages, security-context lookups and
 * image reference parsing.
 */
import type { ContainerRef, Estate, PodTemplate } from '../../engine/estate.js';
import { isMap, type Value, type ValueMap, type ValuePath } from '../../core/provenance.js';
import { getMap, getPath, isHelmTestHook, kindOf } from '../../core/resource.js';

export const ALL_CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'];

/**
 * Pod templates that are judged as production workloads. Helm test hooks are one-off checks
 * that never run as part of the release, so they are left out.
 */
export function judgedTemplates(estate: Estate): PodTemplate[] {
  let judged = judgedCache.get(estate);
  if (!judged) judgedCache.set(estate, (judged = estate.podTemplates().filter((t) => !isHelmTestHook(t.workload))));
  return judged;
}

// Forty rules walk the same templates and containers; the estate does not change while they run.
const judgedCache = new WeakMap<Estate, PodTemplate[]>();
const containerCache = new WeakMap<PodTemplate, ContainerRef[]>();

/** Every container of a template, init and ephemeral ones included (the PSS visit all three). */
export function allContainers(estate: Estate, t: PodTemplate): ContainerRef[] {
  let list = containerCache.get(t);
  if (!list) containerCache.set(t, (list = estate.containers(t, ALL_CONTAINER_LISTS)));
  return list;
}

/** Init and regular containers (ephemeral debug containers take no resources, probes or ports). */
export function podContainers(estate: Estate, t: PodTemplate): ContainerRef[] {
  return allContainers(estate, t).filter((c) => c.list !== 'ephemeralContainers');
}

/** Regular containers only. */
export function appContainers(estate: Estate, t: PodTemplate): ContainerRef[] {
  return allContainers(estate, t).filter((c) => c.list === 'containers');
}

/** Pods that run to completion: probes and long-running expectations do not apply. */
/** Each app container of every judged pod template that keeps running (the probe rules' subject). */
export function longRunningAppContainers(estate: Estate): { t: PodTemplate; c: ContainerRef }[] {
  const out: { t: PodTemplate; c: ContainerRef }[] = [];
  for (const t of judgedTemplates(estate)) {
    if (runsToCompletion(t)) continue;
    for (const c of appContainers(estate, t)) out.push({ t, c });
  }
  return out;
}

export function runsToCompletion(t: PodTemplate): boolean {
  const kind = kindOf(t.workload);
  if (kind === 'Job' || kind === 'CronJob') return true;
  const policy = t.spec.restartPolicy;
  return kind === 'Pod' && (policy === 'Never' || policy === 'OnFailure');
}

/** An init container with `restartPolicy: Always` is a native sidecar that keeps running. */
export function isSidecar(c: ContainerRef): boolean {
  return c.list === 'initContainers' && c.container.restartPolicy === 'Always';
}

/** `container "api"`, `init container "migrate"`, `ephemeral container "debug"`. */
export function describeContainer(c: ContainerRef): string {
  const kind =
    c.list === 'initContainers' ? 'init container' : c.list === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${kind} "${c.name}"`;
}


export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Path of the pod template's metadata (the object's own metadata for a bare Pod). */
export function podMetadataPath(t: PodTemplate): ValuePath {
  return [...t.specPath.slice(0, -1), 'metadata'];
}

export function podSecurityContext(t: PodTemplate): ValueMap | undefined {
  return getMap(t.spec, ['securityContext']);
}

export function containerSecurityContext(c: ContainerRef): ValueMap | undefined {
  return getMap(c.container, ['securityContext']);
}

export function podScPath(t: PodTemplate, ...rest: (string | number)[]): ValuePath {
  return [...t.specPath, 'securityContext', ...rest];
}

export function containerScPath(c: ContainerRef, ...rest: (string | number)[]): ValuePath {
  return [...c.path, 'securityContext', ...rest];
}

/** Minor version of a "1.33" / "v1.33.2" Kubernetes version string (unknown → latest known). */
export function kubeMinor(kubeVersion: string): number {
  const m = /^v?(\d+)\.(\d+)/.exec(kubeVersion.trim());
  if (!m) return Number.MAX_SAFE_INTEGER;
  return Number(m[1]) > 1 ? Number.MAX_SAFE_INTEGER : Number(m[2]);
}

/** Pods that declare `spec.os.name: windows` (some restricted controls do not apply to them). */
export function isWindowsPod(t: PodTemplate): boolean {
  const os = getPath(t.spec, ['os', 'name']);
  return typeof os === 'string' && os.toLowerCase() === 'windows';
}

export function asNumber(v: Value | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

export function asString(v: Value | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function stringList(v: Value | undefined): string[] {
  return Array.isArray(v) ? v.map((x) => (x === null ? '' : String(x))) : [];
}

export function mapEntries(v: Value | undefined): [string, Value][] {
  return isMap(v) ? Object.keys(v).map((k) => [k, v[k]!]) : [];
}

/** Structural equality of two plain values (map key order ignored). */
export function deepEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (typeof a === 'bigint' || typeof b === 'bigint') return String(a) === String(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

export interface ImageRef {
  /** Registry host as written, or `docker.io` for Docker Hub short names. */
  registry: string;
  /** Repository path without registry, e.g. `library/nginx` or `org/app`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** Registry + repository, normalised (e.g. `docker.io/library/nginx`). */
  name: string;
}

/** Parse an image reference the way container runtimes resolve it. */
export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const firstSlash = rest.indexOf('/');
  const first = firstSlash >= 0 ? rest.slice(0, firstSlash) : '';
  let registry: string;
  let repository: string;
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    repository = rest.slice(firstSlash + 1);
  } else {
    registry = 'docker.io';
    repository = firstSlash >= 0 ? rest : `library/${rest}`;
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  return { registry, repository, tag: tag || undefined, digest: digest || undefined, name: `${registry}/${repository}` };
}

/** True when the image is pinned by a content digest (`@sha256:…`). */
export function hasDigest(ref: ImageRef): boolean {
  return ref.digest !== undefined && /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/.test(ref.digest);
}
