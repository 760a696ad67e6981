import type { Rule } from '../../engine/types.js';
import { rule as datastoreBackup } from './datastore-backup.js';
import { rule as datastoreMetrics } from './datastore-metrics.js';
import { rule as datastorePersistence } from './datastore-persistence.js';
import { rule as datastoreStorageClass } from './datastore-storage-class.js';

/** Rules of the `persistence` concern. */
export const rules: Rule[] = [datastorePersistence, datastoreStorageClass, datastoreBackup, datastoreMetrics];
