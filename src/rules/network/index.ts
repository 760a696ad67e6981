import type { Rule } from '../types.js';

/** Rules of the `network` concern. */
export const rules: Rule[] = [];
