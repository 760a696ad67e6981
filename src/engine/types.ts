/**
 * Rule modules: metadata plus a check function over the rendered estate (ESLint-style).
 * A rule never reads files; it reports findings through its context.
 */
import type { Estate } from './estate.js';
import type { Location } from '../core/location.js';
import type { ValuePath } from '../core/provenance.js';
import type { ObjectRef, Resource } from '../core/resource.js';
import type { RuleSettings } from './config.js';
import type { ParamSpec, RuleExamples } from './rule.js';

export type Severity = 'error' | 'warning' | 'info';

export const concerns = [
  'resources',
  'health',
  'images',
  'pod-security',
  'availability',
  'references',
  'config-hygiene',
  'persistence',
  'network',
  'secrets',
  'rbac',
  'schema',
  'deprecations',
  'kustomize',
] as const;
export type Concern = (typeof concerns)[number];

export type ProfileName = 'dev' | 'staging' | 'prod';

export interface PssRef {
  level: 'baseline' | 'restricted';
  control: string;
}

/** A parameter: JSON Schema of its value, description, default and per-profile defaults (see rule.ts). */
export type RuleParamSpec = ParamSpec;

export interface RuleMeta {
  /** Stable, kebab-case. */
  id: string;
  title: string;
  concern: Concern;
  /** Severity in the `prod` profile; profiles may lower it (see rules/profiles.ts). */
  severity: Severity;
  /** Why the rule exists, in one or two sentences (Markdown). */
  rationale: string;
  /** How to fix it: prose plus a YAML snippet (Markdown). */
  remediation: string;
  /** Parameters the config file can set, each with the JSON Schema of its value. */
  params?: Readonly<Record<string, RuleParamSpec>>;
  /** Profiles the rule is off in (e.g. ['dev']). */
  disabledIn?: ProfileName[];
  /** Pod Security Standards level the rule belongs to, if any. */
  pss?: PssRef['level'];
}

/** What a rule reports; the engine adds severity, concern, location and waiver state. */
export interface Report {
  resource: Resource;
  /** Path of the offending (or missing) field inside the object. */
  path: ValuePath;
  message: string;
  /** Container name when the finding concerns one container (waivers can name it). */
  container?: string;
  pss?: PssRef;
  /** Report at this location instead of the one derived from the path's provenance. */
  location?: Location;
  /** Override the rule's severity for this finding. */
  severity?: Severity;
}

/** Where secret values found while judging are registered. */
export interface SecretSink {
  add(value: string): void;
}

/**
 * Masks secret values in everything a run writes. Each run has its own (see `src/index.ts`,
 * which gives the engine the secret scanner's), so two runs in one process never share secrets.
 */
export interface Redactor extends SecretSink {
  /** Learns the secret values of an estate before any of its findings are written. */
  learn(estate: Estate): void;
  redact(text: string): string;
}

export interface RuleContext<P = Record<string, unknown>> {
  estate: Estate;
  profile: ProfileName;
  /** Resolved parameter values (defaults, profile defaults, config), validated by their schemas. */
  params: P;
  /** Kubernetes minor version the estate targets, e.g. "1.33". */
  kubeVersion: string;
  /** Estate-wide settings from the config file (`network:`…; see rules/config.ts and docs/configuration.md). */
  settings?: RuleSettings;
  /** The run's secret registry: a rule that finds a secret value registers it here. */
  secrets: SecretSink;
  report(r: Report): void;
}

/** A rule as the engine runs it; written with `defineRule` (rule.ts). */
export interface Rule {
  meta: RuleMeta;
  /** Inputs the rule must flag (`bad`) and must pass (`good`); run by the rule table test, shown in the docs. */
  examples: RuleExamples<Record<string, unknown>>;
  check(ctx: RuleContext): void;
}

export interface Waiver {
  reason: string;
  expires: string;
  owner?: string;
  /** Where the waiver is written (annotation, config entry or inline comment). */
  source?: Location;
}

/** A finding as serialised in the JSON report (docs/json-report.md). */
export interface Finding {
  rule: string;
  severity: Severity;
  concern: Concern;
  object: ObjectRef;
  path: string;
  message: string;
  location: Location | null;
  waived: Waiver | null;
  pss: PssRef | null;
  container?: string;
  /**
   * Twins: other Pod Security rules that reported the same field of the same container (a
   * standard's control and its hardening counterpart). One finding stands for them all.
   */
  also?: string[];
}
