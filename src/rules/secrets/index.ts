import type { Rule } from '../types.js';

/** Rules of the `secrets` concern. */
export const rules: Rule[] = [];
