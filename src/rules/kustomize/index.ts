import type { Rule } from '../types.js';

/** Rules of the `kustomize` concern. */
export const rules: Rule[] = [];
