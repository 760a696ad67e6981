import type { Rule } from '../../engine/types.js';
import { rule as apiDeprecated } from './api-deprecated.js';
import { rule as apiNotYetServed } from './api-not-yet-served.js';
import { rule as apiRemoved } from './api-removed.js';

/** Rules of the `deprecations` concern. */
export const rules: Rule[] = [apiRemoved, apiDeprecated, apiNotYetServed];
