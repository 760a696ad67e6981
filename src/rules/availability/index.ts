import type { Rule } from '../../engine/types.js';
import { hpaFixedReplicas } from './hpa-fixed-replicas.js';
import { hpaReplicaBounds } from './hpa-replica-bounds.js';
import { minReplicas } from './min-replicas.js';
import { pdbAllowsEviction } from './pdb-allows-eviction.js';
import { pdbRequired } from './pdb-required.js';
import { replicaSpread } from './replica-spread.js';
import { rollingUpdateCapacity } from './rolling-update-capacity.js';

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
