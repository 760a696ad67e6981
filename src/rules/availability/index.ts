import type { Rule } from '../../engine/types.js';
import { rule as hpaFixedReplicas } from './hpa-fixed-replicas.js';
import { rule as hpaReplicaBounds } from './hpa-replica-bounds.js';
import { rule as minReplicas } from './min-replicas.js';
import { rule as pdbAllowsEviction } from './pdb-allows-eviction.js';
import { rule as pdbRequired } from './pdb-required.js';
import { rule as replicaSpread } from './replica-spread.js';
import { rule as rollingUpdateCapacity } from './rolling-update-capacity.js';

/** Rules of the `availability` concern. */
export const rules: Rule[] = [
  minReplicas,
  pdbRequired,
  pdbAllowsEviction,
  replicaSpread,
  hpaReplicaBounds,
  hpaFixedReplicas,
  rollingUpdateCapacity,
];
