import type { Rule } from '../../engine/types.js';
import { datastoreBackup } from './datastore-backup.js';
import { datastoreMetrics } from './datastore-metrics.js';
import { datastorePersistence } from './datastore-persistence.js';
import { datastoreStorageClass } from './datastore-storage-class.js';

/** Rules of the `persistence` concern. */
export const rules: Rule[] = [datastorePersistence, datastoreStorageClass, datastoreBackup, datastoreMetrics];
