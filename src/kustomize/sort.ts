/**
 * Output order: kustomize's legacy order (kind ranks, then GVK string, then namespace|name), or
 * FIFO (accumulation order) when `sortOptions.order: fifo`.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import type { ValueMap } from '../core/provenance.js';
import { currentId } from './ids.js';
import type { KResource, ResId } from './types.js';

export const defaultOrderFirst = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
export const defaultOrderLast = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function byteCompare(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function gvkString(id: ResId): string {
  return `${id.group || '~G'}_${id.version || '~V'}_${id.kind || '~K'}`;
}

export function legacyCompare(orderFirst: string[], orderLast: string[]): (a: ResId, b: ResId) => number {
  const rank = new Map<string, number>();
  orderFirst.forEach((k, i) => rank.set(k, -orderFirst.length + i));
  orderLast.forEach((k, i) => rank.set(k, 1 + i));
  return (a, b) => {
    const sameGvk = a.group === b.group && a.version === b.version && a.kind === b.kind;
    if (!sameGvk) {
      const ra = rank.get(a.kind) ?? 0;
      const rb = rank.get(b.kind) ?? 0;
      if (ra !== rb) return ra - rb;
      if (a.kind === 'Namespace' && b.kind === 'Namespace' && (a.group === '' || b.group === '')) {
        return -byteCompare(gvkString(a), gvkString(b));
      }
      return byteCompare(gvkString(a), gvkString(b));
    }
    return byteCompare(`${a.namespace || '~X'}|${a.name}`, `${b.namespace || '~X'}|${b.name}`);
  };
}

export function sortLegacy(resources: KResource[], orderFirst = defaultOrderFirst, orderLast = defaultOrderLast): KResource[] {
  const cmp = legacyCompare(orderFirst, orderLast);
  const keyed = resources.map((r, i) => ({ r, id: currentId(r), i }));
  keyed.sort((x, y) => cmp(x.id, y.id) || x.i - y.i);
  return keyed.map((k) => k.r);
}

/** kustomize's SortOrderTransformer checks the top-level `sortOptions` before sorting. */
export function checkSortOptions(sortOptions: ValueMap, where: Location | undefined): void {
  const order = sortOptions.order;
  if (order !== 'fifo' && order !== 'legacy') {
    throw new UserError(`the field 'sortOptions.order' must be one of [fifo, legacy]`, { location: where });
  }
  const legacy = sortOptions.legacySortOptions;
  if (order === 'fifo' && legacy !== undefined && legacy !== null) {
    throw new UserError(`the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'`, {
      location: where,
      hint: "remove legacySortOptions, or set order: legacy",
    });
  }
}
