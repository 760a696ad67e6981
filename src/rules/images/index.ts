import type { Rule } from '../types.js';

/** Rules of the `images` concern. */
export const rules: Rule[] = [];
