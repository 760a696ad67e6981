/** Offline schema validation: bundled schemas, CRD schemas, strict unknown-field detection. */
export { BUNDLED_KUBE_VERSION, schemaPackages, bundledValidator, type SchemaPackage } from './catalog.js';
export { SchemaValidator, attachCrdSchemas, schemaIssuesOf, type SchemaIssue } from './validator.js';
export { crdSchemas, isCrd, compileCrdSchema, toAjvSchema, type CrdVersionSchema } from './crd.js';
export { loadCrdSchemaFiles } from './crd-files.js';
