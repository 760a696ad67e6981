import type { Rule } from '../types.js';

/** Rules of the `resources` concern. */
export const rules: Rule[] = [];
