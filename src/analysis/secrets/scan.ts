/**
 * Where secrets hide in an estate: Secret objects committed with values, generated Secrets,
 * ConfigMap data, container env literals and arguments, annotations, and any other string
 * field. Every match is registered with the run's redactor, so that no output of the run shows it.
 */
import type { Estate } from '../../engine/estate.js';
import { isMap, type Value, type ValuePath } from '../../core/provenance.js';
import { getMap, kindOf, str, type Resource } from '../../core/resource.js';
import { detectSecrets, isPlaceholder, type SecretMatch } from './detectors.js';
import type { SecretSink } from '../../engine/types.js';

const kustomizationFileNames = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export interface SecretHit {
  resource: Resource;
  path: ValuePath;
  detector: string;
  description: string;
  /** Length of the secret value (the only thing findings may say about it). */
  length: number;
}

/** SOPS-encrypted objects carry a top-level `sops` block and ENC[...] values. */
export function isSopsEncrypted(r: Resource): boolean {
  return isMap(r.body.sops) || Object.values(getMap(r.body, ['data']) ?? {}).some((v) => typeof v === 'string' && v.startsWith('ENC['));
}

/** True for a Secret made by a kustomize secretGenerator. */
export function isGeneratedSecret(r: Resource): boolean {
  const meta = (r as Resource & { meta?: { generatedBy?: string } }).meta;
  if (meta?.generatedBy === 'SecretGenerator') return true;
  const file = r.origin.file.split('/').pop() ?? '';
  return kustomizationFileNames.has(file);
}

function decodeBase64(v: string): string | undefined {
  const compact = v.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

export interface SecretEntry {
  key: string;
  path: ValuePath;
  /** Decoded value (stringData as written, data base64-decoded). */
  value: string;
}

/** The values a Secret object carries, decoded. */
export function secretEntries(r: Resource): SecretEntry[] {
  const out: SecretEntry[] = [];
  for (const field of ['data', 'stringData']) {
    const m = getMap(r.body, [field]);
    if (!m) continue;
    for (const key of Object.keys(m)) {
      const raw = m[key];
      if (raw === null || raw === undefined || isMap(raw) || Array.isArray(raw)) continue;
      const text = str(raw);
      const value = field === 'data' ? (decodeBase64(text) ?? text) : text;
      out.push({ key, path: [field, key], value });
    }
  }
  return out;
}

/** Entries of a Secret that hold a real value (not empty, not a placeholder or substitution). */
export function committedSecretEntries(r: Resource): SecretEntry[] {
  if (isSopsEncrypted(r)) return [];
  return secretEntries(r).filter((e) => !isPlaceholder(e.value) && !isPublicMaterial(e.value));
}

/** Certificates and public keys are not secret (a Secret holding only a CA bundle leaks nothing). */
export function isPublicMaterial(value: string): boolean {
  const v = value.trim();
  if (/PRIVATE KEY-----/.test(v)) return false;
  return /^-----BEGIN (CERTIFICATE|PUBLIC KEY|X509 CRL)-----/.test(v) || /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+) [A-Za-z0-9+/=]+( \S+)?$/.test(v);
}

function hits(resource: Resource, path: ValuePath, text: string, name: string | undefined, known: SecretSink): SecretHit[] {
  const matches: SecretMatch[] = detectSecrets(text, name);
  return matches.map((m) => {
    known.add(text.slice(m.start, m.end));
    return { resource, path, detector: m.detector, description: m.description, length: m.end - m.start };
  });
}

/** ConfigMap `data` values. */
export function scanConfigMap(r: Resource, known: SecretSink): SecretHit[] {
  const data = getMap(r.body, ['data']);
  if (!data) return [];
  return Object.keys(data).flatMap((key) => (typeof data[key] === 'string' ? hits(r, ['data', key], data[key] as string, key, known) : []));
}

/** Container env literals (`env[].value`), `args` and `command`. */
export function scanContainers(estate: Estate, r: Resource, known: SecretSink): SecretHit[] {
  const t = estate.podTemplateOf(r);
  if (!t) return [];
  const out: SecretHit[] = [];
  for (const c of estate.containers(t, ['initContainers', 'containers', 'ephemeralContainers'])) {
    const env = c.container.env;
    if (Array.isArray(env)) {
      env.forEach((e, i) => {
        if (!isMap(e) || typeof e.value !== 'string') return;
        out.push(...hits(r, [...c.path, 'env', i, 'value'], e.value, str(e.name), known));
      });
    }
    for (const list of ['command', 'args']) {
      const items = c.container[list];
      if (!Array.isArray(items)) continue;
      items.forEach((a, i) => {
        if (typeof a !== 'string') return;
        // `--password secret` as two arguments: judge the value under the flag's name.
        const prev = i > 0 ? items[i - 1] : undefined;
        const flag = typeof prev === 'string' && /^--?[A-Za-z][\w.-]*$/.test(prev) ? prev.replace(/^--?/, '') : undefined;
        out.push(...hits(r, [...c.path, list, i], a, flag, known));
      });
    }
  }
  return out;
}

/** Annotations of the object and of its pod template. */
export function scanAnnotations(estate: Estate, r: Resource, known: SecretSink): SecretHit[] {
  const out: SecretHit[] = [];
  const scan = (path: ValuePath): void => {
    const a = getMap(r.body, path);
    if (!a) return;
    for (const key of Object.keys(a)) if (typeof a[key] === 'string') out.push(...hits(r, [...path, key], a[key] as string, key, known));
  };
  scan(['metadata', 'annotations']);
  const t = estate.podTemplateOf(r);
  if (t && t.specPath.length > 1) scan([...t.specPath.slice(0, -1), 'metadata', 'annotations']);
  return out;
}

/** Kinds whose values are secret by design or encrypted: judged by their own rule or skipped. */
const skippedKinds = new Set(['Secret', 'SealedSecret']);

/**
 * Every other string field: CRD specs, Service annotations already covered, ... Fields the
 * specific scans cover (annotations, ConfigMap data, containers) are skipped here.
 */
export function scanOtherFields(estate: Estate, r: Resource, known: SecretSink): SecretHit[] {
  if (skippedKinds.has(kindOf(r))) return [];
  const out: SecretHit[] = [];
  const template = estate.podTemplateOf(r);
  const containerPaths = template
    ? ['initContainers', 'containers', 'ephemeralContainers'].map((l) => [...template.specPath, l].join('\u0000'))
    : [];
  const skip = (path: ValuePath): boolean => {
    const joined = path.join('\u0000');
    if (path.length === 2 && path[0] === 'metadata' && path[1] === 'annotations') return true;
    if (path.length >= 1 && path[path.length - 1] === 'annotations' && path[path.length - 2] === 'metadata') return true;
    if (kindOf(r) === 'ConfigMap' && path.length === 1 && (path[0] === 'data' || path[0] === 'binaryData')) return true;
    if (path.length === 1 && path[0] === 'sops') return true;
    return containerPaths.includes(joined);
  };
  const walk = (v: Value, path: ValuePath, name: string | undefined): void => {
    if (skip(path)) return;
    if (typeof v === 'string') {
      out.push(...hits(r, path, v, name, known));
      return;
    }
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i], name));
    else if (isMap(v)) for (const k of Object.keys(v)) walk(v[k]!, [...path, k], k);
  };
  walk(r.body, [], undefined);
  return out;
}

/** Keys of Secrets whose values are identifiers, not secrets (masking them would hide ordinary words). */
const identifierKeys = /^(user(name)?|login|host(name)?|port|db|database|dbname|name|namespace|email|region|endpoint|url|uri|scheme|ca\.crt|tls\.crt|ca-bundle\.crt)$/i;

export function worthMasking(e: SecretEntry): boolean {
  const v = e.value.trim();
  if (identifierKeys.test(e.key) || isPlaceholder(v) || v.length < 8) return false;
  if (/^-----BEGIN CERTIFICATE-----/.test(v)) return false;
  return /[0-9]/.test(v) || /[^A-Za-z0-9]/.test(v) || /[A-Z]/.test(v.slice(1)) || v.length >= 16;
}

/**
 * Register every secret value of an estate (Secret values and detected secrets) so reporters
 * can mask them even when the secrets rules are disabled or waived.
 */
export function collectKnownSecrets(estate: Estate, known: SecretSink): void {
  for (const r of estate.resources) {
    if (kindOf(r) === 'Secret') {
      for (const e of secretEntries(r)) if (worthMasking(e)) known.add(e.value);
      continue;
    }
    if (kindOf(r) === 'ConfigMap') scanConfigMap(r, known);
    scanContainers(estate, r, known);
    scanAnnotations(estate, r, known);
    scanOtherFields(estate, r, known);
  }
}
