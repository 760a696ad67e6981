/**
 * Offline schema validation of rendered objects: every object is checked against the schema of
 * its apiVersion/kind — a CRD's openAPIV3Schema when the estate (or `--crd-schemas`) defines the
 * kind, otherwise the bundled validators — strictly, so unknown fields are reported too.
 *
 * Validation runs once per estate and is shared by the rules of the `schema` concern.
 */
import type { Estate } from '../../engine/estate.js';
import { isMap, type Value } from '../../core/provenance.js';
import { apiVersionOf, kindOf, type Resource } from '../../core/resource.js';
import {
  BUNDLED_KUBE_VERSION,
  bundledValidator,
  bundledVersionsOf,
  objectMetaValidatorOf,
  type BundledSchema,
  type CompiledValidator,
} from './catalog.js';
import { compileCrdSchema, crdSchemas, isCrd, toPlain, type ConversionOptions, type CrdVersionSchema } from './crd.js';
import { metadataIssues } from './metadata.js';
import { issuesFromErrors, unknownFieldMessage, type SchemaIssue } from './messages.js';
import { strictValidate } from './strict.js';

export type { SchemaIssue } from './messages.js';

interface CrdKind {
  crdName: string;
  versions: Map<string, CrdVersionSchema>;
}

export class SchemaValidator {
  /** `group/kind` → the versions its CRD declares. The first CRD seen for a kind wins. */
  private readonly crdKinds = new Map<string, CrdKind>();

  /** CRDs in precedence order: those in the estate first, then those given with `--crd-schemas`. */
  constructor(crds: Iterable<Resource> = []) {
    for (const crd of crds) this.addCrd(crd);
  }

  private addCrd(crd: Resource): void {
    if (!isCrd(crd)) return;
    for (const v of crdSchemas(crd)) {
      const key = `${v.group}/${v.kind}`;
      let entry = this.crdKinds.get(key);
      if (!entry) this.crdKinds.set(key, (entry = { crdName: v.crdName, versions: new Map() }));
      if (entry.crdName !== v.crdName) continue;
      if (!entry.versions.has(v.version)) entry.versions.set(v.version, v);
    }
  }

  /** Every schema problem of one object (empty when it conforms). */
  validate(resource: Resource): SchemaIssue[] {
    const apiVersion = apiVersionOf(resource);
    const kind = kindOf(resource);
    if (!apiVersion || !kind) {
      return [
        {
          kind: 'no-schema',
          path: apiVersion ? ['kind'] : ['apiVersion'],
          message: `object has no ${apiVersion ? 'kind' : 'apiVersion'}, so no schema applies`,
        },
      ];
    }
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);

    const crdKind = group ? this.crdKinds.get(`${group}/${kind}`) : undefined;
    if (crdKind) return this.validateCustom(resource, crdKind, version);

    const bundled = bundledValidator(apiVersion, kind);
    if (bundled) return validateBundled(resource, bundled);
    return [noSchema(apiVersion, group, kind)];
  }

  private validateCustom(resource: Resource, crdKind: CrdKind, version: string): SchemaIssue[] {
    const def = crdKind.versions.get(version);
    if (!def || !def.served) {
      const served = [...crdKind.versions.values()].filter((v) => v.served).map((v) => v.version);
      return [
        {
          kind: 'no-schema',
          path: ['apiVersion'],
          message: `CustomResourceDefinition ${crdKind.crdName} does not serve version ${version} (it serves ${served.join(', ') || 'no version'})`,
        },
      ];
    }
    if (!def.schema) {
      return [
        {
          kind: 'no-schema',
          path: ['kind'],
          message: `CustomResourceDefinition ${crdKind.crdName} declares no schema for version ${version}`,
        },
      ];
    }
    return validateWithSchema(resource, def.schema, `the schema of CustomResourceDefinition ${crdKind.crdName} (${version})`, {
      preserveUnknownFields: def.preserveUnknownFields,
    });
  }
}

function validateBundled(resource: Resource, bundled: BundledSchema): SchemaIssue[] {
  const kind = kindOf(resource);
  const source = `${bundled.package.name}@${bundled.package.version}`;
  const issues = validateCompiled(bundled.validate, resource.body, []);
  if (!bundled.ecosystem) return issues;
  // The ecosystem packages may carry CRDs older than the controllers in use. A field they do not
  // know may be a newer one (info: never fails a gate), an enum may have gained values (warning);
  // every message names the package, and the user's own CRDs settle the question.
  return issues.map((i): SchemaIssue => {
    if (i.kind === 'unknown-field') {
      return {
        ...i,
        severity: 'info',
        message: `unknown field "${String(i.path[i.path.length - 1])}" in the bundled ${kind} schema (${source}); if your controller is newer, pass its CustomResourceDefinitions with --crd-schemas`,
      };
    }
    if (i.kind === 'invalid' && i.keyword === 'enum') {
      return { ...i, severity: 'warning', message: `${i.message} (per the bundled ${kind} schema, ${source}; pass newer CRDs with --crd-schemas)` };
    }
    return i.kind === 'invalid' ? { ...i, message: `${i.message} (per the bundled ${kind} schema, ${source})` } : i;
  });
}

function noSchema(apiVersion: string, group: string, kind: string): SchemaIssue {
  const other = group ? bundledVersionsOf(group, kind) : undefined;
  if (isKubernetesGroup(group)) {
    const carried = other ? ` carry ${kind} in ${other.versions.map((v) => `${group}/${v}`).join(', ')} only` : ` do not define ${kind}`;
    return {
      kind: 'no-schema',
      path: ['apiVersion'],
      message:
        `no schema for ${kind} in ${apiVersion}: the bundled schemas of Kubernetes ${BUNDLED_KUBE_VERSION} ` +
        `(and of its removed APIs)${carried}; check the apiVersion and kind`,
    };
  }
  if (other) {
    return {
      kind: 'no-schema',
      path: ['apiVersion'],
      message:
        `no schema for ${kind} in ${apiVersion}: the bundled ${other.package.name}@${other.package.version} carries ` +
        `${other.versions.map((v) => `${group}/${v}`).join(', ')} only; pass the CustomResourceDefinition with --crd-schemas`,
    };
  }
  return {
    kind: 'no-schema',
    path: ['kind'],
    message: `no schema for ${kind} in ${apiVersion}: neither the bundled schemas nor a CustomResourceDefinition define it`,
  };
}

const builtinGroups = new Set(['', 'apps', 'batch', 'autoscaling', 'policy', 'extensions']);

/** API groups served by Kubernetes itself (core, the short legacy names, *.k8s.io). */
function isKubernetesGroup(group: string): boolean {
  return builtinGroups.has(group) || group.endsWith('.k8s.io');
}

/** Validate against a CRD-style schema compiled with ajv; metadata as ObjectMeta. */
function validateWithSchema(
  resource: Resource,
  schema: Record<string, unknown>,
  label: string,
  options: ConversionOptions = {},
): SchemaIssue[] {
  const fn = compileCrdSchema(schema, options);
  if (fn instanceof Error) {
    return [{ kind: 'no-schema', path: ['kind'], message: `${label} cannot be compiled: ${fn.message}` }];
  }
  const issues: SchemaIssue[] = [];
  if (!fn(toPlain(resource.body))) issues.push(...issuesFromErrors(fn.errors ?? [], resource.body));
  const metadata = resource.body.metadata;
  if (isMap(metadata)) issues.push(...validateCompiled(objectMetaValidatorOf(), resource.body, ['metadata']));
  return issues;
}

/**
 * Fields the bundled validators do not declare although the API has them, accepted by name:
 * `description`, and the `x-kubernetes-*` fields of JSONSchemaProps (CRD schemas).
 */
const acceptedByName = new Set([
  // The generator of the bundled validators dropped every property named "description" along
  // with the schemas' documentation (PriorityClass.description, JSONSchemaProps.description, …).
  'description',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-list-type',
  'x-kubernetes-map-type',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
]);

/** Run a compiled validator over `root` at `base`, collecting errors and unknown fields. */
function validateCompiled(fn: CompiledValidator, root: Value, base: (string | number)[]): SchemaIssue[] {
  let node: Value = root;
  for (const k of base) node = (node as Record<string | number, Value>)[k]!;
  const result = strictValidate(fn, node);
  const issues = result.ok ? [] : issuesFromErrors(result.errors ?? [], root, base);
  for (const path of result.unknownFields) {
    if (acceptedByName.has(String(path[path.length - 1]))) continue;
    issues.push({ kind: 'unknown-field', path: [...base, ...path], message: unknownFieldMessage(String(path[path.length - 1])) });
  }
  return issues;
}

const extraCrds = new WeakMap<Estate, Resource[]>();
const resultsByEstate = new WeakMap<Estate, Map<Resource, SchemaIssue[]>>();

/**
 * Make CustomResourceDefinitions from outside the estate (`--crd-schemas`) known to the schema
 * rules of `estate`. CRDs in the estate itself take precedence.
 */
export function attachCrdSchemas(estate: Estate, crds: Resource[]): void {
  extraCrds.set(estate, [...(extraCrds.get(estate) ?? []), ...crds]);
  resultsByEstate.delete(estate);
}

/** Schema issues of every object of the estate, computed once and shared by the schema rules. */
export function schemaIssuesOf(estate: Estate): Map<Resource, SchemaIssue[]> {
  const cached = resultsByEstate.get(estate);
  if (cached) return cached;
  const validator = new SchemaValidator([...estate.resources.filter(isCrd), ...(extraCrds.get(estate) ?? []), ...estate.externalCrds]);
  const results = new Map<Resource, SchemaIssue[]>();
  for (const r of estate.resources) {
    const body = r.body;
    const meta = isMap(body) && typeof body.kind === 'string' ? metadataIssues(body.kind, body.metadata) : [];
    results.set(r, [...validator.validate(r), ...meta]);
  }
  resultsByEstate.set(estate, results);
  return results;
}
