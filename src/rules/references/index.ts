import type { Rule } from '../types.js';

/** Rules of the `references` concern. */
export const rules: Rule[] = [];
