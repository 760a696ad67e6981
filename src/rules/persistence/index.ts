import type { Rule } from '../types.js';

/** Rules of the `persistence` concern. */
export const rules: Rule[] = [];
