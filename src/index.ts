/** prodgate's library API. */
export { UserError, isUserError } from './errors.js';
export { limits } from './limits.js';
export type { Location } from './model/location.js';
export { formatLocation } from './model/location.js';
export * from './model/provenance.js';
export * from './model/resource.js';
export * from './model/estate.js';
export { isClusterScoped, isKustomizeClusterScoped } from './model/scope.js';
export { parseYaml } from './yaml/parse.js';
export type { ParsedFile, ParsedDocument, ParseOptions, Comment } from './yaml/parse.js';
export { emitStream, emitDocument } from './yaml/emit.js';
export { build } from './kustomize/index.js';
export type { BuildOptions, BuildResult, LoadRestrictor } from './kustomize/index.js';
export type * from './rules/types.js';
