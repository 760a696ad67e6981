import type { Rule } from '../types.js';

/** Rules of the `pod-security` concern. */
export const rules: Rule[] = [];
