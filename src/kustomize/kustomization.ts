/**
 * Reading one kustomization file as kustomize does: YAML 1.1 scalars, then strict decoding
 * (unknown fields are errors, field names match case-insensitively, the last duplicate wins,
 * values must have the declared types), then the apiVersion/kind checks and the fix-ups
 * (`bases` appended to `resources`, `imageTags` to `images`, `env` to `envs`).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { entryOrigin, isMap, newMap, selfOrigin, setEntryOrigin, type Value, type ValueMap } from '../core/provenance.js';
import { parseYaml } from '../yaml/parse.js';
import type { RootFileLoader } from './loader.js';
import { KUSTOMIZATION_FILE_NAMES } from '../input/load.js';

export { KUSTOMIZATION_FILE_NAMES };

/** Shape descriptions used for strict decoding. */
export type Shape =
  | 'string'
  | 'bool'
  | 'int'
  | 'any'
  | { list: Shape }
  | { map: Shape }
  | { object: Record<string, Shape>; open?: boolean };

const stringList: Shape = { list: 'string' };
const stringMap: Shape = { map: 'string' };
export const fieldSpecShape: Shape = { object: { group: 'string', version: 'string', kind: 'string', path: 'string', create: 'bool' } };
const selectorShape: Shape = {
  object: {
    group: 'string',
    version: 'string',
    kind: 'string',
    name: 'string',
    namespace: 'string',
    labelSelector: 'string',
    annotationSelector: 'string',
  },
};
const patchShape: Shape = { object: { path: 'string', patch: 'string', target: selectorShape, options: { map: 'bool' } } };
const imageShape: Shape = {
  object: { name: 'string', newName: 'string', newTag: 'string', digest: 'string', tagSuffix: 'string' },
};
const generatorOptionsShape: Shape = {
  object: { labels: stringMap, annotations: stringMap, disableNameSuffixHash: 'bool', immutable: 'bool' },
};
const generatorFields: Record<string, Shape> = {
  namespace: 'string',
  name: 'string',
  behavior: 'string',
  literals: stringList,
  files: stringList,
  envs: stringList,
  env: 'string',
  options: generatorOptionsShape,
};

const kustomizationShape: Record<string, Shape> = {
  apiVersion: 'string',
  kind: 'string',
  metadata: { object: { name: 'string', namespace: 'string', labels: stringMap, annotations: stringMap }, open: true },
  openAPI: stringMap,
  namePrefix: 'string',
  nameSuffix: 'string',
  namespace: 'string',
  commonLabels: stringMap,
  labels: {
    list: {
      object: { pairs: stringMap, includeSelectors: 'bool', includeTemplates: 'bool', fields: { list: fieldSpecShape } },
    },
  },
  commonAnnotations: stringMap,
  patchesStrategicMerge: stringList,
  patchesJson6902: { list: patchShape },
  patches: { list: patchShape },
  images: { list: imageShape },
  imageTags: { list: imageShape },
  replacements: { list: 'any' },
  replicas: { list: { object: { name: 'string', count: 'int' } } },
  vars: {
    list: {
      object: {
        name: 'string',
        objref: {
          object: { apiVersion: 'string', group: 'string', version: 'string', kind: 'string', name: 'string', namespace: 'string' },
        },
        fieldref: { object: { fieldPath: 'string' } },
      },
    },
  },
  sortOptions: {
    object: { order: 'string', legacySortOptions: { object: { orderFirst: stringList, orderLast: stringList } } },
  },
  resources: stringList,
  components: stringList,
  crds: stringList,
  bases: stringList,
  configMapGenerator: { list: { object: generatorFields } },
  secretGenerator: { list: { object: { ...generatorFields, type: 'string' } } },
  helmGlobals: 'any',
  helmCharts: 'any',
  helmChartInflationGenerator: 'any',
  generatorOptions: generatorOptionsShape,
  configurations: stringList,
  generators: stringList,
  transformers: stringList,
  validators: stringList,
  buildMetadata: stringList,
};

/** A loaded kustomization: canonical field names, decoded values, and where each was written. */
export interface Kustomization {
  /** Absolute directory. */
  dir: string;
  /** Display path of the kustomization file. */
  file: string;
  kind: 'Kustomization' | 'Component';
  /** Decoded fields (canonical names) after the fix-ups. */
  fields: ValueMap;
  /** The raw parsed document (for KustomizationInfo). */
  raw: ValueMap;
  /** Location of each top-level field's key. */
  fieldLines: Record<string, Location>;
  /** Location of the list items of a field (by index), when the field is a list. */
  itemLocations: Record<string, Location[]>;
  warnings: string[];
}

function typeName(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'bigint') return 'number';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function goTypeName(shape: Shape): string {
  if (shape === 'string') return 'string';
  if (shape === 'bool') return 'bool';
  if (shape === 'int') return 'int';
  if (shape === 'any') return 'interface {}';
  if ('list' in shape) return `[]${goTypeName(shape.list)}`;
  if ('map' in shape) return `map[string]${goTypeName(shape.map)}`;
  return 'struct';
}

export interface DecodeState {
  file: string;
  fallback: Location;
  /** Start of error messages (kustomize's wording for kustomization files by default). */
  prefix?: string;
}

export function decode(value: Value, shape: Shape, path: string, where: Location, st: DecodeState): Value {
  if (value === null) return null;
  const mismatch = (): never => {
    throw new UserError(
      `${st.prefix ?? 'invalid Kustomization'}: json: cannot unmarshal ${typeName(value)} into Go struct field ${path} of type ${goTypeName(shape)}`,
      { location: where },
    );
  };
  if (shape === 'any') return value;
  if (shape === 'string') return typeof value === 'string' ? value : mismatch();
  if (shape === 'bool') return typeof value === 'boolean' ? value : mismatch();
  if (shape === 'int') {
    if (typeof value === 'bigint') return value;
    return typeof value === 'number' && Number.isInteger(value) ? value : mismatch();
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) mismatch();
    const arr = value as Value[];
    return arr.map((item, i) => decode(item, shape.list, path, entryOrigin(arr, i) ?? where, st));
  }
  if (!isMap(value)) return mismatch();
  const out = newMap();
  if ('map' in shape) {
    for (const k of Object.keys(value)) {
      out[k] = decode(value[k]!, shape.map, path, entryOrigin(value, k) ?? where, st);
      setEntryOrigin(out, k, entryOrigin(value, k));
    }
    return out;
  }
  const canon = new Map(Object.keys(shape.object).map((k) => [k.toLowerCase(), k]));
  for (const k of Object.keys(value)) {
    const name = canon.get(k.toLowerCase());
    const loc = entryOrigin(value, k) ?? where;
    if (!name) {
      if (shape.open) {
        out[k] = value[k]!;
        continue;
      }
      throw new UserError(`${st.prefix ?? 'invalid Kustomization'}: json: unknown field "${k}"`, { location: loc });
    }
    out[name] = decode(value[k]!, shape.object[name]!, `${path}.${name}`, loc, st);
    setEntryOrigin(out, name, loc);
  }
  return out;
}

function isZero(v: Value | undefined): boolean {
  return v === undefined || v === null || v === '' || v === false || v === 0;
}

const DEPRECATIONS: Array<[string, string, string]> = [
  ['bases', 'resources', ''],
  ['commonLabels', 'labels', ''],
  ['imageTags', 'images', ''],
  ['patchesJson6902', 'patches', ''],
  ['patchesStrategicMerge', 'patches', ''],
  ['vars', 'replacements', ' [EXPERIMENTAL]'],
];

/** Finds the kustomization file of a directory (kustomize's name order and errors). */
export function findKustomizationFile(dir: string, where?: Location): string {
  const found = KUSTOMIZATION_FILE_NAMES.filter((n) => {
    const p = join(dir, n);
    try {
      return existsSync(p) && statSync(p).isFile();
    } catch {
      return false;
    }
  });
  if (found.length === 0) {
    throw new UserError(
      `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`,
      { location: where },
    );
  }
  if (found.length > 1) throw new UserError(`Found multiple kustomization files under: ${dir}`, { location: where });
  return found[0]!;
}

export function loadKustomization(loader: RootFileLoader, where?: Location): Kustomization {
  const dir = loader.root;
  const name = findKustomizationFile(dir, where);
  const { text, displayPath } = loader.readFile(name, where);
  const parsed = parseYaml(text, displayPath, { dialect: 'yaml11', uniqueKeys: false });
  const fileLoc: Location = { file: displayPath, line: 1 };
  // Like kustomize, only the first document counts.
  const doc = parsed.docs[0];
  const rawValue = doc?.value ?? null;
  if (rawValue !== null && !isMap(rawValue)) {
    throw new UserError(`invalid Kustomization: json: cannot unmarshal ${typeName(rawValue)} into Go value of type types.Kustomization`, {
      location: doc?.location ?? fileLoc,
    });
  }
  const raw = (rawValue ?? newMap()) as ValueMap;
  const st: DecodeState = { file: displayPath, fallback: fileLoc };
  const fields = decode(raw, { object: kustomizationShape }, 'Kustomization', selfOrigin(raw) ?? fileLoc, st) as ValueMap;
  const fieldLines: Record<string, Location> = {};
  const itemLocations: Record<string, Location[]> = {};
  for (const k of Object.keys(fields)) {
    const loc = entryOrigin(fields, k) ?? fileLoc;
    fieldLines[k] = loc;
    const v = fields[k];
    if (Array.isArray(v)) {
      // Items of the raw list carry their own lines.
      const rawKey = Object.keys(raw).filter((rk) => rk.toLowerCase() === k.toLowerCase()).pop()!;
      const rawList = raw[rawKey];
      itemLocations[k] = v.map((_, i) => (Array.isArray(rawList) ? entryOrigin(rawList, i) : undefined) ?? loc);
    }
  }

  const warnings: string[] = [];
  for (const [field, use, extra] of DEPRECATIONS) {
    if (fields[field] !== undefined && fields[field] !== null) {
      warnings.push(
        `# Warning: '${field}' is deprecated. Please use '${use}' instead.${extra} Run 'kustomize edit fix' to update your Kustomization automatically.`,
      );
    }
  }

  // Fix-ups, as kustomize applies them after decoding.
  let kind = typeof fields.kind === 'string' && fields.kind !== '' ? fields.kind : 'Kustomization';
  const apiVersion = typeof fields.apiVersion === 'string' ? fields.apiVersion : '';
  if (Array.isArray(fields.bases) && fields.bases.length > 0) {
    const res = Array.isArray(fields.resources) ? fields.resources : [];
    fields.resources = [...res, ...fields.bases];
    itemLocations.resources = [...(itemLocations.resources ?? []), ...(itemLocations.bases ?? [])];
  }
  if (Array.isArray(fields.imageTags) && fields.imageTags.length > 0) {
    const imgs = Array.isArray(fields.images) ? fields.images : [];
    fields.images = [...imgs, ...fields.imageTags];
    itemLocations.images = [...(itemLocations.images ?? []), ...(itemLocations.imageTags ?? [])];
  }
  for (const gen of ['configMapGenerator', 'secretGenerator']) {
    const list = fields[gen];
    if (!Array.isArray(list)) continue;
    for (const g of list) {
      if (isMap(g) && typeof g.env === 'string' && g.env !== '') {
        g.envs = [...(Array.isArray(g.envs) ? g.envs : []), g.env];
      }
    }
  }

  const meaningful = Object.keys(fields).filter((k) => k !== 'apiVersion' && k !== 'kind' && !isZero(fields[k]));
  if (meaningful.length === 0) {
    throw new UserError('kustomization.yaml is empty', { location: fileLoc });
  }
  const errs: string[] = [];
  if (kind !== 'Kustomization' && kind !== 'Component') errs.push('kind should be Kustomization or Component');
  const required = kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
  if (apiVersion !== '' && apiVersion !== required) errs.push(`apiVersion for ${kind} should be ${required}`);
  if (errs.length > 0) {
    throw new UserError(`Failed to read kustomization file under ${dir}:\n${errs.join('\n')}`, {
      location: fieldLines.kind ?? fieldLines.apiVersion ?? fileLoc,
    });
  }
  const order = isMap(fields.sortOptions) ? fields.sortOptions.order : undefined;
  if (typeof order === 'string' && order !== 'fifo' && order !== 'legacy') {
    throw new UserError(`the field 'sortOptions.order' must be one of [fifo, legacy]`, { location: fieldLines.sortOptions });
  }
  if (kind !== 'Component') kind = 'Kustomization';
  return {
    dir,
    file: displayPath,
    kind: kind as 'Kustomization' | 'Component',
    fields,
    raw,
    fieldLines,
    itemLocations,
    warnings,
  };
}

export function listOf(k: Kustomization, field: string): Value[] {
  const v = k.fields[field];
  return Array.isArray(v) ? v : [];
}

export function stringsOf(k: Kustomization, field: string): string[] {
  return listOf(k, field).filter((v): v is string => typeof v === 'string');
}

export function mapOf(k: Kustomization, field: string): ValueMap | undefined {
  const v = k.fields[field];
  return isMap(v) ? v : undefined;
}
