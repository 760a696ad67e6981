import type { Rule } from '../../engine/types.js';
import { rule as schemaUnknownField } from './schema-unknown-field.js';
import { rule as schemaUnknownKind } from './schema-unknown-kind.js';
import { rule as schemaValid } from './schema-valid.js';

/** Rules of the `schema` concern. */
export const rules: Rule[] = [schemaValid, schemaUnknownField, schemaUnknownKind];
