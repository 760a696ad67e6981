/**
 * `configurations:` (custom field-spec tables) and `crds:` (OpenAPI definitions whose
 * `x-kubernetes-*` extensions add label, annotation, prefix and name-reference field specs).
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { isMap, type Value, type ValueMap } from '../core/provenance.js';
import { parseYaml } from '../yaml/parse.js';
import { decode, fieldSpecShape, type Shape } from './kustomization.js';
import { emptyConfig, mergeConfig, type NameBackRef, type TransformerConfig } from './config.js';
import type { FieldSpec } from './fieldspec.js';
import type { RootFileLoader } from './loader.js';

const specLists = [
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'templateLabels',
  'commonAnnotations',
  'images',
  'replicas',
  'varReference',
] as const;

function str(v: Value | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function specFrom(v: Value, where: Location): FieldSpec {
  if (!isMap(v)) throw new UserError('a field spec must be a mapping with a path', { location: where });
  return { group: str(v.group), version: str(v.version), kind: str(v.kind), path: typeof v.path === 'string' ? v.path : '', create: v.create === true };
}

function specsFrom(v: Value | undefined, where: Location): FieldSpec[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new UserError('expected a list of field specs', { location: where });
  return v.map((x) => specFrom(x, where));
}

const fsList: Shape = { list: fieldSpecShape };
const transformerConfigShape: Shape = {
  object: {
    namePrefix: fsList,
    nameSuffix: fsList,
    namespace: fsList,
    commonLabels: fsList,
    templateLabels: fsList,
    commonAnnotations: fsList,
    images: fsList,
    replicas: fsList,
    varReference: fsList,
    nameReference: { list: { object: { group: 'string', version: 'string', kind: 'string', fieldSpecs: fsList } } },
  },
};

export function configFromValue(raw: Value, where: Location): TransformerConfig {
  const tc = emptyConfig();
  if (raw === null) return tc;
  // kustomize decodes configuration files strictly: unknown fields and wrong types are errors.
  const value = decode(raw, transformerConfigShape, 'TransformerConfig', where, {
    file: where.file,
    fallback: where,
    prefix: 'invalid transformer configuration',
  });
  if (!isMap(value)) throw new UserError('a transformer configuration must be a mapping', { location: where });
  for (const key of specLists) tc[key] = specsFrom(value[key], where);
  const refs = value.nameReference;
  if (Array.isArray(refs)) {
    tc.nameReference = refs.map((r): NameBackRef => {
      const m = isMap(r) ? r : ({} as ValueMap);
      return { group: str(m.group), version: str(m.version), kind: typeof m.kind === 'string' ? m.kind : '', referrers: specsFrom(m.fieldSpecs, where) };
    });
  }
  return tc;
}

export function loadConfigurations(loader: RootFileLoader, paths: string[], where: (i: number) => Location): TransformerConfig {
  let tc = emptyConfig();
  paths.forEach((p, i) => {
    const { text, displayPath } = loader.readFile(p, where(i));
    const parsed = parseYaml(text, displayPath, { dialect: 'yaml11', uniqueKeys: false });
    for (const doc of parsed.docs) tc = mergeConfig(tc, configFromValue(doc.value, doc.location));
  });
  return tc;
}

/** An OpenAPI definition's properties: under `Schema` (kustomize's format) or at the top. */
function propertiesOf(def: Value | undefined): ValueMap | undefined {
  if (!isMap(def)) return undefined;
  const schema = isMap(def.Schema) ? def.Schema : def;
  return isMap(schema.properties) ? schema.properties : undefined;
}

function kindFromTypeName(name: string): string {
  const parts = name.split('.');
  return parts[parts.length - 1]!;
}

function loadDefinition(tc: TransformerConfig, kind: string, defs: ValueMap, typeName: string, path: string[], depth: number): void {
  if (depth > 50) return;
  const props = propertiesOf(defs[typeName]);
  if (!props) return;
  for (const propName of Object.keys(props)) {
    const prop = props[propName];
    if (!isMap(prop)) continue;
    const fieldPath = [...path, propName];
    const spec = (p: string[]): FieldSpec => ({ kind, path: p.join('/'), create: false });
    if (typeof prop['x-kubernetes-annotation'] === 'string') tc.commonAnnotations.push(spec(fieldPath));
    if (typeof prop['x-kubernetes-label-selector'] === 'string') tc.commonLabels.push(spec(fieldPath));
    if (typeof prop['x-kubernetes-identity'] === 'string') tc.namePrefix.push(spec(fieldPath));
    const version = prop['x-kubernetes-object-ref-api-version'];
    const refKind = prop['x-kubernetes-object-ref-kind'];
    if (typeof version === 'string' && typeof refKind === 'string') {
      const nameKey = typeof prop['x-kubernetes-object-ref-name-key'] === 'string' ? (prop['x-kubernetes-object-ref-name-key'] as string) : 'name';
      tc.nameReference.push({ kind: refKind, version, referrers: [spec([...fieldPath, nameKey])] });
    }
    const ref = prop.$ref;
    if (typeof ref === 'string') {
      const target = ref.replace(/^#\/definitions\//, '');
      loadDefinition(tc, kind, defs, target, fieldPath, depth + 1);
    }
  }
}

export function loadCrdConfig(loader: RootFileLoader, paths: string[], where: (i: number) => Location): TransformerConfig {
  let tc = emptyConfig();
  paths.forEach((p, i) => {
    const { text, displayPath } = loader.readFile(p, where(i));
    const parsed = parseYaml(text, displayPath, { dialect: 'yaml12', uniqueKeys: false });
    for (const doc of parsed.docs.slice(0, 1)) {
      if (doc.value === null) continue;
      // The file maps type names to OpenAPI definitions (kustomize's format), not CRD objects.
      const defs = doc.value;
      const bad = !isMap(defs) ? defs : Object.values(defs).find((d) => d !== null && !isMap(d));
      if (!isMap(defs) || bad !== undefined) {
        throw new UserError(
          `unable to parse open API definition from '${p}': expected a mapping of type names to OpenAPI definitions (a CustomResourceDefinition object is not accepted here)`,
          { location: doc.location },
        );
      }
      const one = emptyConfig();
      for (const typeName of Object.keys(defs)) {
        const props = propertiesOf(defs[typeName]);
        if (!props) continue;
        if (!('kind' in props && 'apiVersion' in props && 'metadata' in props)) continue;
        loadDefinition(one, kindFromTypeName(typeName), defs, typeName, [], 0);
      }
      tc = mergeConfig(tc, one);
    }
  });
  return tc;
}
