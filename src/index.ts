/**
 * prodgate's library API. It is also where the layers are wired together: the engine is given
 * the built-in rules and a fresh secret redactor per run, rather than importing them.
 */
import * as engine from './engine/engine.js';
import type { Estate } from './engine/estate.js';
import type { Rule } from './engine/types.js';
import { SecretRedactor } from './analysis/secrets/redactor.js';
import { builtinRules } from './rules/index.js';

/** Options with the engine's parts optional: by default, the built-in rules and a new redactor. */
type WithDefaults<T extends engine.RunParts> = Omit<T, keyof engine.RunParts> & Partial<engine.RunParts>;

function parts(o: Partial<engine.RunParts>): engine.RunParts {
  return { rules: o.rules ?? builtinRules, redactor: o.redactor ?? new SecretRedactor() };
}

/** Check inputs (kustomization directories, manifest files or directories, `-`) end to end. */
export function runCheck(options: WithDefaults<engine.RunOptions>): engine.CheckRun {
  return engine.runCheck({ ...options, ...parts(options) });
}

/** Run the enabled rules over one estate. */
export function checkEstate(estate: Estate, options: WithDefaults<engine.EngineOptions> = {}): engine.EstateCheck {
  return engine.checkEstate(estate, { ...options, ...parts(options) });
}

/** Which rules run, with what parameters, for a profile and config. */
export function selectRules(options: WithDefaults<engine.EngineOptions> = {}): engine.ActiveRule[] {
  return engine.selectRules({ ...options, rules: options.rules ?? builtinRules });
}

/** Every rule a run knows: the built-in ones (or those given) and the waiver-governance rules. */
export function allRules(rules: readonly Rule[] = builtinRules): Rule[] {
  return engine.allRules(rules);
}

export { UserError, isUserError } from './core/errors.js';
export { limits } from './core/limits.js';
export type { Location } from './core/location.js';
export { formatLocation } from './core/location.js';
export * from './core/provenance.js';
export * from './core/resource.js';
export * from './engine/estate.js';
export { isClusterScoped, isKustomizeClusterScoped } from './core/scope.js';
export { parseYaml } from './yaml/parse.js';
export type { ParsedFile, ParsedDocument, ParseOptions, Comment } from './yaml/parse.js';
export { emitStream, emitDocument } from './yaml/emit.js';
export { build } from './kustomize/index.js';
export type { BuildOptions, BuildResult, LoadRestrictor } from './kustomize/index.js';
export { explain, explainFields, formatExplanation } from './analysis/explain.js';
export type { Explanation, ExplainedField } from './analysis/explain.js';
export { applyStrategicMerge } from './kustomize/patches/smp.js';
export { applyJsonPatch, decodeJsonPatch } from './kustomize/patches/json6902.js';
export type { JsonPatchOp } from './kustomize/patches/json6902.js';
export { MergeSchema, builtinSchema, schemaFromDocument } from './kustomize/openapi.js';
export type * from './engine/types.js';
export { builtinRules, findRule } from './rules/index.js';
export { estateIndex, effectiveReplicas, scaledValue } from './rules/shared/estate-index.js';
export type { EstateIndex, ReplicatedWorkload, Autoscaler } from './rules/shared/estate-index.js';
export { severityCounts } from './engine/engine.js';
export type { ActiveRule, CheckRun, EngineOptions, EstateCheck, RunOptions, RunParts, TargetSummary } from './engine/engine.js';
export { emptyConfig, findConfig, loadConfig, parseConfig, resolveSettings } from './engine/config.js';
export type { ConfigWaiver, DatastoreMatcher, NetworkSettings, ProdgateConfig, RuleOverride, RuleSettings } from './engine/config.js';
export { profiles, DEFAULT_KUBE_VERSION } from './engine/profiles.js';
export { createBaseline, fingerprint, readBaseline, writeBaseline } from './engine/baseline.js';
export { discoverTargets } from './input/load.js';
export { loadTarget } from './engine/load.js';
export type { Target } from './input/load.js';
export type { LoadOptions, LoadedEstate } from './engine/load.js';
export { jsonReport, renderReport, reportFormats, sarifReport } from './report/index.js';
export type { JsonFinding, JsonReport, ReportFormat } from './report/index.js';
export { NetworkGraph } from './analysis/network/graph.js';
export type { NetWorkload, NetPolicy, NetNamespace, Exposure, NetworkOptions } from './analysis/network/graph.js';
export { explainReach, canReach, allowedPorts } from './analysis/network/reach.js';
export type { ReachEntry, ReachSource, TargetReach, Endpoint } from './analysis/network/reach.js';
export { reachQuery, parseLabelQuery } from './analysis/network/query.js';
export { reachJson, reachText, reachMarkdown } from './analysis/network/render.js';
export type { ReachJson } from './analysis/network/render.js';
export { PortSet } from './analysis/network/ports.js';
export { findDatastores } from './analysis/network/datastore.js';
export { detectSecrets, isPlaceholder } from './analysis/secrets/detectors.js';
export type { SecretMatch } from './analysis/secrets/detectors.js';
export { redactSecrets, redactDeep, KnownSecrets, SECRET_MASK, secretHint } from './analysis/secrets/redact.js';
export { SecretRedactor } from './analysis/secrets/redactor.js';
export { collectKnownSecrets } from './analysis/secrets/scan.js';
export * from './analysis/schema/index.js';
export { apiDeprecations, deprecationStatus, notYetServed, parseKubeVersion, compareVersions } from './analysis/deprecations.js';
export type { ApiDeprecation, DeprecationStatus, MinorVersion, Replacement } from './analysis/deprecations.js';
export {
  loadCompose,
  composeEntities,
  renderComposeYaml,
  renderComposeJson,
  parseDotenv,
  substitute as interpolateCompose,
  normaliseProjectName,
} from './compose/index.js';
export type { ComposeOptions, ComposeProject, ComposeEntity, ComposeKind, DotenvEntry } from './compose/index.js';
