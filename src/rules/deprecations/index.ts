import type { Rule } from '../../engine/types.js';
import { apiDeprecated } from './api-deprecated.js';
import { apiNotYetServed } from './api-not-yet-served.js';
import { apiRemoved } from './api-removed.js';

/** Rules of the `deprecations` concern. */
export const rules: Rule[] = [apiRemoved, apiDeprecated, apiNotYetServed];
