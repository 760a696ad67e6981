/**
 * The bundled schemas: ajv validators compiled ahead of time by `kubernetes-models` (built-in
 * Kubernetes kinds) and by the `@kubernetes-models/*` packages (popular ecosystem CRDs).
 *
 * Each package lays its models out as `<group>/<version>/<Kind>.js` (the core group as
 * `v1/<Kind>.js`); a model module names its `_schemas/<Definition>.js` validator and carries the
 * apiVersion/kind it stands for. Modules are loaded synchronously (rules are synchronous) and
 * only when an object of that kind is first validated, so start-up stays cheap.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** A compiled validator as emitted by ajv's standalone code generator. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

export interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  schemaPath?: string;
}

/** The Kubernetes minor version `kubernetes-models` 5.1.0 was generated from. */
export const BUNDLED_KUBE_VERSION = '1.36';

export interface SchemaPackage {
  name: string;
  version: string;
  /** What the package covers, for docs and `--help`. */
  covers: string;
}

/** Packages searched, in order; the first one that has a model for a kind wins. */
export const schemaPackages: readonly SchemaPackage[] = [
  { name: 'kubernetes-models', version: '5.1.0', covers: 'Kubernetes 1.36 plus removed APIs of 1.15/1.21/1.24' },
  {
    name: '@kubernetes-models/prometheus-operator',
    version: '6.0.0',
    covers: 'monitoring.coreos.com (ServiceMonitor, PodMonitor, PrometheusRule, Probe, ScrapeConfig, …)',
  },
  { name: '@kubernetes-models/cert-manager', version: '6.0.0', covers: 'cert-manager.io, acme.cert-manager.io, trust-manager, approver-policy' },
  {
    name: '@kubernetes-models/external-secrets',
    version: '2.0.0',
    covers: 'external-secrets.io v1 and v1beta1 (ExternalSecret, SecretStore, ClusterSecretStore, …), generators',
  },
  { name: '@kubernetes-models/argo-cd', version: '4.0.0', covers: 'argoproj.io (Application, ApplicationSet, AppProject)' },
  {
    name: '@kubernetes-models/flux-cd',
    version: '4.0.0',
    covers: 'Flux toolkit (Kustomization, HelmRelease v2, GitRepository, HelmRepository, OCIRepository, …)',
  },
  { name: '@kubernetes-models/keda', version: '2.0.0', covers: 'keda.sh (ScaledObject, ScaledJob, TriggerAuthentication, …)' },
  {
    name: '@kubernetes-models/gateway-api',
    version: '2.0.0',
    covers: 'gateway.networking.k8s.io v1 (Gateway, GatewayClass, HTTPRoute, GRPCRoute, BackendTLSPolicy, …), v1beta1, v1alpha2/3',
  },
  {
    name: '@kubernetes-models/istio',
    version: '3.0.1',
    covers: 'networking.istio.io v1/v1beta1/v1alpha3, security.istio.io, telemetry.istio.io, extensions.istio.io',
  },
  { name: '@kubernetes-models/kyverno', version: '2.0.0', covers: 'kyverno.io (ClusterPolicy, Policy, PolicyException, …), policies.kyverno.io, reports' },
];

const requireHere = createRequire(import.meta.url);

interface SharedRuntime {
  formats?: Record<string, { validate?: unknown }>;
}

/**
 * The entry file of an installed package, seen from `from` (default: this module). The newer
 * packages are ES modules that export only an `import` condition, which `require.resolve`
 * refuses; their files are then found through `package.json` and loaded with `require`, which
 * Node (20.19 and later) allows for ES modules without top-level await.
 */
function packageMain(name: string, from?: string): string | undefined {
  const req = from === undefined ? requireHere : createRequire(join(from, 'index.js'));
  try {
    return req.resolve(name);
  } catch {
    // fall through: an ESM-only package, or none
  }
  for (const base of req.resolve.paths(name) ?? []) {
    const manifest = join(base, name, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, unknown>; main?: string };
    const root = pkg.exports?.['.'];
    const entry =
      typeof root === 'string' ? root : root && typeof root === 'object' ? ((root as Record<string, unknown>).import ?? (root as Record<string, unknown>).default) : pkg.main;
    return resolve(base, name, typeof entry === 'string' ? entry : 'index.js');
  }
  return undefined;
}

interface LoadedPackage {
  info: SchemaPackage;
  dir: string;
  load: NodeRequire;
}

/** A bundled validator and the package it comes from. */
export interface BundledSchema {
  validate: CompiledValidator;
  package: SchemaPackage;
  /** True for the ecosystem CRD packages, whose schemas may be older than the controllers users run. */
  ecosystem: boolean;
}

let packagesCache: LoadedPackage[] | undefined;

function loadedPackages(): LoadedPackage[] {
  if (packagesCache) return packagesCache;
  packagesCache = [];
  for (const p of schemaPackages) {
    const main = packageMain(p.name);
    if (main === undefined) continue; // an optional ecosystem package that is not installed
    const dir = dirname(main);
    packagesCache.push({ info: p, dir, load: createRequire(join(dir, 'index.js')) });
  }
  // Each package may carry its own copy of the shared runtime (kubernetes-models 5 uses a newer one).
  const runtimes = new Set<string>();
  for (const pkg of packagesCache) {
    const file = packageMain('@kubernetes-models/validate', pkg.dir);
    if (file !== undefined && !runtimes.has(file)) {
      runtimes.add(file);
      alignSharedFormats(pkg.load(file) as SharedRuntime);
    }
  }
  return packagesCache;
}

/**
 * Kubernetes' own quantity grammar (apimachinery resource.Quantity): a decimal number, then a
 * binary suffix (Ki…Ei), a decimal suffix (n, u, m, k, M, G, T, P, E) or an exponent.
 */
export const quantityPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

const base64Alphabet = /^[A-Za-z0-9+/]*$/;

/**
 * `byte` fields as the API server decodes them: standard base64, line breaks ignored (kustomize
 * wraps long values). Checked without a repeated group: a regular expression like
 * `(?:[A-Za-z0-9+/]{4})*` overflows the engine's backtracking stack on megabytes of data.
 */
export function isBase64(value: string): boolean {
  const text = value.replace(/[\r\n]/g, '');
  if (text.length % 4 !== 0) return false;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return base64Alphabet.test(text.slice(0, text.length - padding));
}

/**
 * The compiled validators share one table of formats and read it on every call. Two of them
 * differ from the API server: `quantity` also accepts SI prefixes Kubernetes refuses (h, d, c, da,
 * Y, Z, p, f, a, z, y), and `byte` refuses the line breaks Go's base64 decoder skips.
 */
function alignSharedFormats(shared: SharedRuntime): void {
  const quantity = shared.formats?.quantity;
  if (quantity && quantity.validate instanceof RegExp) quantity.validate = quantityPattern;
  const byte = shared.formats?.byte;
  if (byte && typeof byte.validate === 'function') byte.validate = isBase64;
}

// apiVersion and kind come from untrusted input and become path segments: allow only the
// characters Kubernetes itself allows, so nothing can climb out of the package directory.
const groupPattern = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;
const versionPattern = /^v[0-9]+[a-z0-9]*$/;
const kindPattern = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

const validators = new Map<string, BundledSchema | null>();

/**
 * The bundled validator for `apiVersion`/`kind`, or `undefined` when no package carries that
 * kind. Loaded on first use and kept for the life of the process.
 */
export function bundledValidator(apiVersion: string, kind: string): BundledSchema | undefined {
  const key = `${apiVersion}\n${kind}`;
  const cached = validators.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const found = findValidator(apiVersion, kind);
  validators.set(key, found ?? null);
  return found;
}

function findValidator(apiVersion: string, kind: string): BundledSchema | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if ((group !== '' && !groupPattern.test(group)) || !versionPattern.test(version) || !kindPattern.test(kind)) {
    return undefined;
  }
  for (const pkg of loadedPackages()) {
    const modelFile = group === '' ? join(pkg.dir, version, `${kind}.js`) : join(pkg.dir, group, version, `${kind}.js`);
    if (!existsSync(modelFile)) continue;
    const source = readFileSync(modelFile, 'utf8');
    // Only top-level kinds carry apiVersion and kind; `DeploymentSpec.js` lives beside
    // `Deployment.js` but is not a kind anyone may write.
    const statics = (field: string, value: string) => new RegExp(`\\.${field}\\s*=\\s*${escapeRegExp(JSON.stringify(value))}`).test(source);
    if (!statics('apiVersion', apiVersion) || !statics('kind', kind)) continue;
    const ecosystem = pkg.info.name !== 'kubernetes-models';
    // CommonJS models `require("../_schemas/X.js")`; ES module models `from"../../_schemas/X.js"`.
    const schemaRef = /(?:require\(|from\s*)"(\.\.\/(?:\.\.\/)*_schemas\/[A-Za-z0-9]+\.js)"/.exec(source);
    if (!schemaRef) continue;
    const schemaFile = resolve(dirname(modelFile), schemaRef[1]!);
    const mod = pkg.load(schemaFile) as { validate?: CompiledValidator };
    if (typeof mod.validate === 'function') return { validate: mod.validate, package: pkg.info, ecosystem };
  }
  return undefined;
}

/**
 * Versions of `group`/`kind` the bundled packages carry (for a helpful message when an object
 * uses another one), with the package that carries them.
 */
export function bundledVersionsOf(group: string, kind: string): { versions: string[]; package: SchemaPackage } | undefined {
  if (!groupPattern.test(group) || !kindPattern.test(kind)) return undefined;
  for (const pkg of loadedPackages()) {
    const groupDir = join(pkg.dir, group);
    if (!existsSync(groupDir)) continue;
    const versions = readdirSync(groupDir)
      .filter((v) => versionPattern.test(v) && existsSync(join(groupDir, v, `${kind}.js`)))
      .sort();
    if (versions.length > 0) return { versions, package: pkg.info };
  }
  return undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}


let objectMetaValidator: CompiledValidator | undefined;

/** The ObjectMeta validator, used for the metadata of custom resources validated by CRD schemas. */
export function objectMetaValidatorOf(): CompiledValidator {
  if (objectMetaValidator) return objectMetaValidator;
  const base = loadedPackages()[0];
  if (!base) throw new Error('kubernetes-models is not installed');
  const apimachinery = packageMain('@kubernetes-models/apimachinery', base.dir);
  if (!apimachinery) throw new Error('@kubernetes-models/apimachinery is not installed');
  const mod = base.load(join(dirname(apimachinery), '_schemas', 'IoK8sApimachineryPkgApisMetaV1ObjectMeta.js')) as {
    validate: CompiledValidator;
  };
  objectMetaValidator = mod.validate;
  return objectMetaValidator;
}
