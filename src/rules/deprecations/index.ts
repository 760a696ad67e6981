import type { Rule } from '../types.js';

/** Rules of the `deprecations` concern. */
export const rules: Rule[] = [];
