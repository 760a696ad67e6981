import type { Rule } from '../types.js';

/** Rules of the `config-hygiene` concern. */
export const rules: Rule[] = [];
