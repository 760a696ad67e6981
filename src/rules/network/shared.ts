/**
 * What the network rules share: the network settings (the config file's `network:` section,
 * overridable per rule through params) and one network graph per estate.
 */
import { NetworkGraph } from '../../analysis/network/graph.js';
import { findDatastores, type DatastoreInfo, type DatastoreMatcher } from '../../analysis/network/datastore.js';
import { datastores as persistenceDatastores } from '../persistence/datastores.js';
import type { Estate } from '../../engine/estate.js';
import type { RuleContext, RuleParamSpec } from '../../engine/types.js';

export interface NetworkSettingsView {
  namespaceLabels: Record<string, Record<string, string>>;
  approvedClients: Record<string, string[]>;
  datastores: DatastoreMatcher[];
}

export const namespaceLabelsParam = {
  type: 'object',
  additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
  description:
    'Labels of namespaces defined outside the estate, by name (merged over `network.namespaceLabels` of the config file).',
  default: {},
} as const satisfies RuleParamSpec;

export const datastoresParam = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      image: { type: 'string', minLength: 1 },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      ports: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 65535 } },
    },
  },
  description:
    'Extra datastore matchers `{image: glob, labels: {...}, ports: [...]}` (added to `network.datastores` and the built-in image list).',
  default: [],
} as const satisfies RuleParamSpec;

/** The network parameters a rule may declare (`namespaceLabelsParam`, `approvedClients`, `datastoresParam`), as typed by their schemas. */
export interface NetworkParams {
  namespaceLabels?: Record<string, unknown>;
  approvedClients?: Record<string, unknown>;
  datastores?: readonly object[];
}

/**
 * The schemas type a mapping with `additionalProperties` as `Record<string, unknown>` (and the
 * matchers' `labels` likewise); the values are the maps and lists the schemas describe, since the
 * config and the params are validated.
 */
function record<T>(v: unknown): Record<string, T> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, T>) : {};
}

/** The config file's `network:` section with the rule's own parameters merged over it. */
export function networkSettings(ctx: RuleContext<NetworkParams>): NetworkSettingsView {
  const fromConfig = ctx.settings?.network ?? {};
  return {
    namespaceLabels: { ...record<Record<string, string>>(fromConfig.namespaceLabels), ...record<Record<string, string>>(ctx.params.namespaceLabels) },
    approvedClients: { ...record<string[]>(fromConfig.approvedClients), ...record<string[]>(ctx.params.approvedClients) },
    datastores: [
      ...(Array.isArray(fromConfig.datastores) ? fromConfig.datastores : []),
      ...(Array.isArray(ctx.params.datastores) ? (ctx.params.datastores as readonly DatastoreMatcher[]) : []),
    ],
  };
}

const graphs = new WeakMap<Estate, Map<string, NetworkGraph>>();

/** The estate's network graph for these namespace labels (built once per estate and settings). */
export function networkGraph(estate: Estate, namespaceLabels: Record<string, Record<string, string>>): NetworkGraph {
  let byKey = graphs.get(estate);
  if (!byKey) graphs.set(estate, (byKey = new Map()));
  const key = JSON.stringify(namespaceLabels);
  let g = byKey.get(key);
  if (!g) byKey.set(key, (g = new NetworkGraph(estate, { namespaceLabels })));
  return g;
}

/**
 * Datastores for the network rules: the network analysis' own detection, plus what the
 * persistence rules call a datastore, so both concerns agree on the same workloads.
 */
export function networkDatastores(ctx: RuleContext<NetworkParams>, graph: NetworkGraph, settings: NetworkSettingsView): DatastoreInfo[] {
  const found = findDatastores(graph, settings.datastores);
  const seen = new Set(found.map((d) => d.workload.resource));
  const byResource = new Map(graph.workloads.map((w) => [w.resource, w]));
  for (const d of persistenceDatastores(ctx.estate, undefined, settings.datastores)) {
    const w = byResource.get(d.template.workload);
    if (!w || seen.has(w.resource)) continue;
    seen.add(w.resource);
    found.push({ workload: w, because: `${d.matcher.name} datastore` });
  }
  return found;
}
