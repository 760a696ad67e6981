import type { Rule } from '../types.js';

/** Rules of the `availability` concern. */
export const rules: Rule[] = [];
