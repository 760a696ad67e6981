import type { Rule } from '../types.js';

/** Rules of the `rbac` concern. */
export const rules: Rule[] = [];
