import type { Rule } from '../types.js';

/** Rules of the `schema` concern. */
export const rules: Rule[] = [];
