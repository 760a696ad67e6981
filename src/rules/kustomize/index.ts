import type { Rule } from '../../engine/types.js';
import { kustomizeDeprecatedField } from './deprecated-fields.js';
import { overlayCopiesBase } from './overlay-copies-base.js';

/** Rules of the `kustomize` concern. */
export const rules: Rule[] = [kustomizeDeprecatedField, overlayCopiesBase];
