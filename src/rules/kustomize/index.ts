import type { Rule } from '../../engine/types.js';
import { rule as kustomizeDeprecatedField } from './kustomize-deprecated-field.js';
import { rule as overlayCopiesBase } from './overlay-copies-base.js';

/** Rules of the `kustomize` concern. */
export const rules: Rule[] = [kustomizeDeprecatedField, overlayCopiesBase];
