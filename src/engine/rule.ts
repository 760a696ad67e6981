/**
 * `defineRule`: the one way a rule is written. A definition carries its metadata, the JSON Schema
 * of each parameter (the config file is validated against it and editors complete it), examples
 * that a table test runs for every rule (each `bad` example must produce the rule's finding, each
 * `good` none) and that `npm run docs` renders into the rule's page, and the check itself.
 */
import type { RuleSettings } from './config.js';
import type { ProfileName, Rule, RuleContext, RuleMeta } from './types.js';

/** JSON Schema keywords a parameter may use (draft-07). */
export interface ParamSchema {
  type?: 'string' | 'boolean' | 'number' | 'integer' | 'array' | 'object';
  enum?: readonly unknown[];
  items?: ParamSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean | ParamSchema;
  properties?: Readonly<Record<string, ParamSchema>>;
  required?: readonly string[];
}

/** One parameter: its schema, what it does, its default and the profiles that default differently. */
export interface ParamSpec extends ParamSchema {
  description: string;
  default: unknown;
  byProfile?: Partial<Record<ProfileName, unknown>>;
}

/** The TypeScript type a parameter schema describes. */
export type ParamValue<S> = S extends { enum: readonly (infer E)[] }
  ? E
  : S extends { type: 'string' }
    ? string
    : S extends { type: 'boolean' }
      ? boolean
      : S extends { type: 'number' | 'integer' }
        ? number
        : S extends { type: 'array'; items: infer I }
          ? ParamValue<I>[]
          : S extends { type: 'object'; properties: infer Pr }
            ? { [K in keyof Pr]: ParamValue<Pr[K]> }
            : S extends { type: 'object' }
              ? Record<string, unknown>
              : unknown;

export type ParamsOf<P> = { [K in keyof P]: ParamValue<P[K]> };

/**
 * A small, complete input the rule judges. Either `yaml` (a stream of manifests judged as one
 * estate) or `files` (a tree rendered from `entry` exactly as `prodgate check` renders it).
 */
export interface RuleExample<P = Record<string, unknown>> {
  /** One line shown above the example in the rule's page. */
  description: string;
  yaml?: string;
  files?: Readonly<Record<string, string>>;
  /** With `files`: the path checked (default: the tree's root). */
  entry?: string;
  /** `.env*` files the example's repository tracks in Git. */
  trackedEnvFiles?: readonly string[];
  params?: Partial<P>;
  profile?: ProfileName;
  kubeVersion?: string;
  settings?: Partial<RuleSettings>;
  /** Other rules that run with this one (a waiver is judged unused only where its rule ran). */
  alsoRun?: readonly string[];
  /** For `bad` examples: text the finding's message contains. */
  message?: string;
}

export interface RuleExamples<P> {
  bad: readonly [RuleExample<P>, ...RuleExample<P>[]];
  good: readonly [RuleExample<P>, ...RuleExample<P>[]];
}

/** The rule's metadata (`RuleMeta`, parameters typed by their schemas), examples and check. */
export interface RuleDefinition<P extends Record<string, ParamSpec>> extends Omit<RuleMeta, 'params'> {
  params?: P;
  examples: RuleExamples<ParamsOf<P>>;
  check(ctx: RuleContext<ParamsOf<P>>): void;
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function defineRule<const P extends Record<string, ParamSpec> = Record<never, ParamSpec>>(def: RuleDefinition<P>): Rule {
  if (!ID.test(def.id)) throw new Error(`rule id "${def.id}" is not kebab-case`);
  const { examples: _examples, check: _check, params, ...rest } = def;
  const meta: RuleMeta = { ...rest, ...(params && Object.keys(params).length ? { params } : {}) };
  return {
    meta,
    examples: def.examples as RuleExamples<Record<string, unknown>>,
    check: def.check as Rule['check'],
  };
}

/** The JSON Schema of a rule's `params:` mapping (profile defaults are prodgate's, not JSON Schema's). */
export function paramsJsonSchema(meta: RuleMeta): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(meta.params ?? {})) {
    const { byProfile: _byProfile, ...schema } = spec;
    properties[name] = schema;
  }
  return { type: 'object', additionalProperties: false, properties };
}

/** A fenced YAML block for a remediation text: the one snippet helper of every rule. */
export function yamlBlock(lines: readonly string[]): string {
  return ['```yaml', ...lines, '```'].join('\n');
}
