import type { Rule } from '../../engine/types.js';
import { schemaUnknownField } from './schema-unknown-field.js';
import { schemaUnknownKind } from './schema-unknown-kind.js';
import { schemaValid } from './schema-valid.js';

/** Rules of the `schema` concern. */
export const rules: Rule[] = [schemaValid, schemaUnknownField, schemaUnknownKind];
