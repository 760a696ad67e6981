import type { Rule } from '../types.js';

/** Rules of the `health` concern. */
export const rules: Rule[] = [];
