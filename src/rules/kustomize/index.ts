import type { Rule } from '../../engine/types.js';
import { kustomizeDeprecatedField } from './kustomize-deprecated-field.js';
import { overlayCopiesBase } from './overlay-copies-base.js';

/** Rules of the `kustomize` concern. */
export const rules: Rule[] = [kustomizeDeprecatedField, overlayCopiesBase];
