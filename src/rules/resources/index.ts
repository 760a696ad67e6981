import type { Rule } from '../../engine/types.js';
import { rule as containerCpuRequests } from './container-cpu-requests.js';
import { rule as containerMemoryRequests } from './container-memory-requests.js';
import { rule as containerCpuLimits } from './container-cpu-limits.js';
import { rule as containerMemoryLimits } from './container-memory-limits.js';
import { rule as namespaceLimitRange } from './namespace-limit-range.js';
import { rule as namespaceResourceQuota } from './namespace-resource-quota.js';

/** Rules of the `resources` concern. */
export const rules: Rule[] = [
  containerCpuRequests,
  containerMemoryRequests,
  containerCpuLimits,
  containerMemoryLimits,
  namespaceLimitRange,
  namespaceResourceQuota,
];
