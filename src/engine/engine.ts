/**
 * The check engine: runs every enabled rule once over an estate and turns what rules report
 * into located, severity-rated findings with their waiver state.
 *
 * Severity of a finding: the report's own severity or the rule's, lowered by the profile, then
 * replaced by the config's override for the rule. Location: the report's, or the file and line
 * that set the field (the deepest existing ancestor, or the object, for a missing field).
 */
import path from 'node:path';
import { UserError, isUserError } from '../core/errors.js';
import { noteInputRead } from '../input/files.js';
import type { Estate } from './estate.js';
import { discoverTargets, type Target } from '../input/load.js';
import { loadTarget, type LoadedEstate, type LoadOptions, type SkippedObject } from './load.js';
import type { InputError, SkippedFile } from '../input/load.js';
import { formatLocation, type Location } from '../core/location.js';
import { formatPath, locate, refOf, type Resource } from '../core/resource.js';
import { baselineSet, fingerprint, type Baseline } from './baseline.js';
import {
  checkRuleReferences,
  emptyConfig,
  isIgnored,
  relativeToConfig,
  resolveSettings,
  type CommandLineSettings,
  type ConfigWaiver,
  type ProdgateConfig,
  type RuleOverride,
  type RuleSettings,
  unknownRuleError,
  type Loosening,
  type ResolvedSettings,
} from './config.js';
import {
  DEFAULT_KUBE_VERSION,
  DEFAULT_PROFILE,
  enabledInProfile,
  profileSeverity,
  reaches,
  resolveParams,
  severityRank,
  type FailThreshold,
} from './profiles.js';
import type { Concern, Finding, ProfileName, Redactor, Report, Rule, RuleMeta, Severity } from './types.js';
import {
  annotationWaivers,
  configWaiverRecords,
  configWaiverSelects,
  inlineWaivers,
  judgeWaiver,
  noObject,
  waivedBy,
  waiverMatches,
  waiverRuleIds,
  waiverRules,
  todayUtc,
  type WaiverRecord,
} from './waivers.js';

/** Every rule a run knows: the ones it was given and the engine's own (waiver governance). */
export function allRules(rules: readonly Rule[]): Rule[] {
  return [...rules, ...waiverRules];
}

export interface RuleSelection {
  /** Run only these rule ids (enables them even where the profile or config turns them off). */
  only?: readonly string[];
  /** Never run these rule ids. */
  disable?: readonly string[];
  /** Run only rules of these concerns (`prodgate validate` uses schema and deprecations). */
  concerns?: readonly Concern[];
}

/**
 * What the engine is given rather than importing: the rules (the built-in ones come from
 * `src/index.ts`, tests may pass their own) and the run's redactor.
 */
export interface RunParts {
  /** Rule modules. The engine adds its waiver rules. */
  rules: readonly Rule[];
  /** Masks secret values in every message; one per run. */
  redactor: Redactor;
}

export interface EngineOptions extends RuleSelection, RunParts {
  profile?: ProfileName;
  kubeVersion?: string;
  /** Per-rule config: enabled, severity, params. */
  overrides?: Record<string, RuleOverride>;
  settings?: RuleSettings;
  configWaivers?: readonly ConfigWaiver[];
  /** Source file (relative to the estate root) → path relative to the config directory, for waiver `path` globs. */
  configPath?: (file: string) => string;
  /** YYYY-MM-DD used to judge waiver expiry (default: today, UTC). */
  today?: string;
  /**
   * Config-file waivers span every estate of a run: the run reports the unused ones once.
   * Pass a shared record list to collect their use instead of reporting here.
   */
  sharedConfigWaivers?: WaiverRecord[];
}

export interface ActiveRule {
  rule: Rule;
  params: Record<string, unknown>;
  severityOverride?: Severity;
}

export interface EstateCheck {
  findings: Finding[];
  /** Rules that ran (including the waiver rules when enabled). */
  rules: ActiveRule[];
  /** Written waivers (by source) that waived something in this estate. */
  usedWaivers: Set<string>;
  /** The `waiver-unused` findings, with the written waiver each is about. */
  unusedWaivers: Map<Finding, string>;
}

/** Which rules run, with what parameters, for a profile and config. */
export function selectRules(options: Omit<EngineOptions, 'redactor'>): ActiveRule[] {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const rules = allRules(options.rules);
  const known = new Set(rules.map((r) => r.meta.id));
  for (const id of [...(options.only ?? []), ...(options.disable ?? [])]) {
    if (!known.has(id)) throw unknownRuleError(id);
  }
  const only = options.only?.length ? new Set(options.only) : undefined;
  const disabled = new Set(options.disable ?? []);
  const out: ActiveRule[] = [];
  for (const rule of rules) {
    const id = rule.meta.id;
    const o = options.overrides?.[id];
    if (disabled.has(id)) continue;
    if (options.concerns && !options.concerns.includes(rule.meta.concern) && !waiverRuleIds.has(id)) continue;
    if (only) {
      if (!only.has(id) && !waiverRuleIds.has(id)) continue;
    } else if (!(o?.enabled ?? enabledInProfile(rule.meta, profile))) continue;
    out.push({ rule, params: resolveParams(rule.meta, profile, o?.params), severityOverride: o?.severity });
  }
  return out;
}

function severityOf(active: ActiveRule, profile: ProfileName, reported?: Severity): Severity {
  if (active.severityOverride) return active.severityOverride;
  return profileSeverity(active.rule.meta, profile, reported ?? active.rule.meta.severity);
}

/** Identity of a finding for de-duplication (what the fingerprint hashes, plus message and location). */
function findingKey(f: Finding): string {
  const o = f.object;
  const loc = f.location ? `${f.location.file}:${f.location.line}` : '';
  return [f.rule, o.apiVersion, o.kind, o.namespace, o.name, f.path, f.container ?? '', f.message, loc].join('\u0000');
}

/** Run the enabled rules over one estate. */
export function checkEstate(estate: Estate, options: EngineOptions): EstateCheck {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const kubeVersion = options.kubeVersion ?? DEFAULT_KUBE_VERSION;
  const today = options.today ?? todayUtc();
  const active = selectRules(options);
  const knownRules = new Set(allRules(options.rules).map((r) => r.meta.id));
  const ranRules = new Set(active.map((a) => a.rule.meta.id));
  const settings: RuleSettings = options.settings ?? { network: {}, secrets: {}, schema: {} };

  const findings: Finding[] = [];
  const resourceOf = new Map<Finding, Resource>();
  const seen = new Set<string>();
  const redactor = options.redactor;
  redactor.learn(estate);
  for (const a of active) {
    if (waiverRuleIds.has(a.rule.meta.id)) continue;
    const meta = a.rule.meta;
    const report = (r: Report) => {
      const location: Location | null = r.location ?? locate(r.resource, r.path) ?? null;
      const f: Finding = {
        rule: meta.id,
        severity: severityOf(a, profile, r.severity),
        concern: meta.concern,
        object: refOf(r.resource),
        path: formatPath(r.path, r.resource.body),
        // Last line of defence: no rule's message may carry a secret value.
        message: redactor.redact(r.message),
        location,
        waived: null,
        pss: r.pss ?? null,
      };
      if (r.container !== undefined) f.container = r.container;
      const key = findingKey(f);
      if (seen.has(key)) return;
      seen.add(key);
      findings.push(f);
      resourceOf.set(f, r.resource);
    };
    try {
      a.rule.check({ estate, profile, params: a.params, kubeVersion, settings, secrets: redactor, report });
    } catch (e) {
      if (isUserError(e)) throw e;
      throw new Error(`rule ${meta.id} failed: ${(e as Error)?.message ?? String(e)}`, { cause: e });
    }
  }

  // Waivers: annotation and inline ones belong to this estate; config ones may be shared.
  const local: WaiverRecord[] = [];
  const templates = new Map(estate.podTemplates().map((t) => [t.workload, t]));
  const templateOf = (r: Resource) => templates.get(r);
  for (const r of estate.resources) local.push(...annotationWaivers(estate, r, locate, templateOf));
  local.push(...inlineWaivers(estate));
  const configRecords = options.sharedConfigWaivers ?? configWaiverRecords(options.configWaivers ?? []);
  const maxDays = Number(active.find((a) => a.rule.meta.id === 'waiver-invalid')?.params.maxDays ?? 0) || 0;
  for (const w of [...local, ...configRecords]) if (!w.state) judgeWaiver(w, knownRules, today, maxDays);
  const byResource = new Map<Resource, WaiverRecord[]>();
  const inline: WaiverRecord[] = [];
  for (const w of local) {
    if (w.form === 'annotation') {
      let list = byResource.get(w.resource!);
      if (!list) byResource.set(w.resource!, (list = []));
      list.push(w);
    } else inline.push(w);
  }
  const matchCtx = { estate, configPath: options.configPath ?? ((f: string) => f) };
  // A config waiver is stale only if what it selects was checked: a partial run says nothing about the rest.
  for (const w of configRecords) {
    if (!w.selectedSomething && w.state === 'valid') {
      w.selectedSomething = estate.resources.some((r) => configWaiverSelects(w.config!, r, matchCtx));
    }
  }
  for (const f of findings) {
    const resource = resourceOf.get(f)!;
    const candidates = [...(byResource.get(resource) ?? []), ...inline, ...configRecords];
    for (const w of candidates) {
      if (w.state === 'invalid' || !waiverMatches(w, f, resource, matchCtx)) continue;
      w.used = true;
      if (w.state === 'valid') {
        // A waiver's texts are written by people and may quote what they waive: redacted like messages.
        const waived = waivedBy(w);
        f.waived = { ...waived, reason: redactor.redact(waived.reason), ...(waived.owner !== undefined ? { owner: redactor.redact(waived.owner) } : {}) };
        break;
      }
    }
  }

  // Governance findings about the waivers themselves.
  const governance = (id: string, w: WaiverRecord, message: string): Finding | undefined => {
    const a = active.find((x) => x.rule.meta.id === id);
    if (!a) return undefined;
    const f: Finding = {
      rule: id,
      severity: severityOf(a, profile),
      concern: a.rule.meta.concern,
      object: w.resource ? refOf(w.resource) : { ...noObject },
      path: w.path ? formatPath(w.path, w.resource?.body) : '',
      message: redactor.redact(message),
      location: w.source,
      waived: null,
      pss: null,
    };
    if (w.container) f.container = w.container;
    const key = findingKey(f);
    if (seen.has(key)) return undefined;
    seen.add(key);
    findings.push(f);
    return f;
  };
  const describe = (w: WaiverRecord) =>
    `${w.form === 'config' ? 'config waiver' : w.form === 'inline' ? 'inline waiver' : 'waiver'} for ${w.rules.join(', ') || '(no rule)'}${w.container ? ` (container ${w.container})` : ''}`;
  // One written waiver can land on many objects (kustomize `commonAnnotations`, a shared base):
  // it is judged once, and is unused only if it waived nothing on any of them.
  const groups = new Map<string, WaiverRecord[]>();
  for (const w of options.sharedConfigWaivers ? local : [...local, ...configRecords]) {
    const key =
      w.form === 'config'
        ? `config|${w.source.file}:${w.source.line}:${w.source.column ?? 0}`
        : `${w.form}|${w.source.file}:${w.source.line}:${w.source.column ?? 0}|${w.rules.join(',')}|${w.container ?? ''}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(w);
  }
  const usedWaivers = new Set<string>();
  const unusedWaivers = new Map<Finding, string>();
  for (const [key, group] of groups) {
    const w = group[0]!;
    if (group.some((x) => x.used)) usedWaivers.add(key);
    if (w.state === 'invalid') governance('waiver-invalid', w, `${describe(w)} is invalid and waives nothing: ${w.problems.join('; ')}`);
    else if (w.state === 'expired') governance('waiver-expired', w, `${describe(w)} expired on ${w.expires}; the finding it covered is active again`);
    else if (
      group.every((x) => !x.used) &&
      (w.form !== 'config' || w.selectedSomething) &&
      w.rules.every((r) => ranRules.has(r))
    ) {
      const f = governance('waiver-unused', w, `${describe(w)} matches no finding; remove it`);
      if (f) unusedWaivers.set(f, key);
    }
  }
  mergeTwins(findings);
  // Findings in `helm template` output point at the template each document came from.
  for (const f of findings) if (f.location) f.location = helmLocation(estate, f.location);
  sortFindings(findings);
  return { findings, rules: active, usedWaivers, unusedWaivers };
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * A Pod Security Standards control and its hardening counterpart often flag the same field of
 * the same container (`allowPrivilegeEscalation`, `runAsUser`, `capabilities.drop`, the seccomp
 * profile): one problem, reported once. The most severe finding stays (a standard's control
 * before a hardening rule at equal severity) and names the others in `also` and its message.
 * Findings of other concerns on the same field are different problems and stay apart, as do
 * findings with a different waiver state.
 */
function mergeTwins(findings: Finding[]): void {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.concern !== 'pod-security') continue;
    const o = f.object;
    const key = [o.apiVersion, o.kind, o.namespace, o.name, f.path, f.container ?? '', f.waived ? 'w' : ''].join('\u0000');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(f);
  }
  const drop = new Set<Finding>();
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    g.sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || Number(b.pss !== null) - Number(a.pss !== null) || (a.rule < b.rule ? -1 : 1));
    const [keep, ...twins] = g;
    keep!.also = twins.map((t) => t.rule);
    keep!.message = `${keep!.message} (also ${keep!.also.join(', ')})`;
    for (const t of twins) drop.add(t);
  }
  if (drop.size === 0) return;
  const kept = findings.filter((f) => !drop.has(f));
  findings.length = 0;
  findings.push(...kept);
}

/** A location in a rendered Helm stream, as the template file and the line within its document. */
function helmLocation(estate: Estate, loc: Location): Location {
  const sources = estate.files.get(loc.file)?.helmSources;
  const doc = sources?.find((d) => loc.line > d.startLine && loc.line <= d.endLine);
  if (!doc) return loc;
  return { ...loc, file: doc.source, line: loc.line - doc.startLine };
}

export function sortFindings(findings: Finding[]): void {
  findings.sort((a, b) => {
    const fa = a.location?.file ?? '';
    const fb = b.location?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.location?.line ?? 0;
    const lb = b.location?.line ?? 0;
    if (la !== lb) return la - lb;
    if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  });
}

/* ------------------------------------------------------------------------------------------ */
/* A whole run: inputs → targets → estates → findings, with config, baseline and thresholds.   */

export interface RunOptions extends RuleSelection, RunParts {
  inputs: readonly string[];
  /** One config for every target (`--config`). */
  config?: ProdgateConfig;
  /** Otherwise, the config of each target (e.g. the nearest `.prodgate.yaml`); default: none. */
  configFor?: (target: Target) => ProdgateConfig | undefined;
  cli?: CommandLineSettings;
  baseline?: Baseline;
  today?: string;
  load?: LoadOptions;
  /** Called before each target is rendered (for a progress line). */
  onProgress?: (index: number, total: number, target: Target) => void;
  /**
   * The pipeline's word that a repository's config file may not loosen the gate (a looser
   * `failOn`, a rule turned off, a severity lowered): each such setting is an error naming its line.
   */
  strictConfig?: boolean;
}

export interface TargetSummary {
  path: string;
  type: Target['input']['type'];
  profile: ProfileName;
  /** Why this profile: `--profile`, a config file's file:line, `inferred from the path`, or `default`. */
  profileSource: string;
  failOn: FailThreshold;
  /** Where the fail threshold came from: `--fail-on`, a config file's file:line, or the profile. */
  failOnSource: string;
  kubeVersion: string;
  objects: number;
  skipped: SkippedObject[];
  /** Files of a searched directory that held nothing to judge, with the reason. */
  skippedFiles: SkippedFile[];
  warnings: string[];
  /** What of this target could not be read or rendered (the target, or some of its files). */
  errors: InputError[];
}

export interface CheckRun {
  /** Findings not in the baseline, waived ones included, sorted by location. */
  findings: Finding[];
  /** Findings the baseline accepted. */
  baselined: Finding[];
  /** Findings that fail the gate (at or above their target's threshold, not waived, not baselined). */
  failing: Finding[];
  targets: TargetSummary[];
  /** Metadata of every rule that ran in some target. */
  rules: RuleMeta[];
  /** The threshold reported in the summary (the command line's, or the targets' common one). */
  failOn: FailThreshold | 'mixed';
  /** Where that threshold came from (`--fail-on`, a config file's file:line, a profile, or several). */
  failOnSource: string;
  /** Settings of repository config files that loosened the gate, each once. */
  loosened: Loosening[];
  /**
   * Findings (not baselined) per severity, all and not waived, and how many are waived; active
   * (not waived) findings per rule and per namespace, most first: reporters print these.
   */
  counts: {
    bySeverity: Record<Severity, number>;
    unwaived: Record<Severity, number>;
    waived: number;
    byRule: [string, number][];
    byNamespace: [string, number][];
  };
  /**
   * Inputs found by searching a directory that could not be read or rendered. The run went on
   * with the others, but the gate fails: an overlay nobody could render was not judged.
   */
  inputErrors: InputError[];
  passed: boolean;
}

interface ConfigState {
  config: ProdgateConfig;
  records: WaiverRecord[];
  configPath: (file: string) => string;
  ranAnywhere: Set<string>;
  active: ActiveRule[];
  failOn?: FailThreshold;
}

/** What a target summary says about where it was found and how it was judged. */
function targetSettings(target: Target, resolved: ResolvedSettings) {
  return {
    path: target.input.path,
    type: target.input.type,
    profile: resolved.profile,
    profileSource: resolved.profileSource,
    failOn: resolved.failOn,
    failOnSource: resolved.failOnSource,
    kubeVersion: resolved.kubeVersion,
  };
}

export function runCheck(options: RunOptions): CheckRun {
  const root = path.resolve(options.load?.root ?? process.cwd());
  const fallback = options.config ?? emptyConfig(root);
  const ignoreConfigs = new Map<string, ProdgateConfig | undefined>();
  const ignoringConfig = (abs: string): ProdgateConfig | undefined => {
    if (options.config) return options.config;
    const dir = path.dirname(abs);
    if (!ignoreConfigs.has(dir)) {
      ignoreConfigs.set(dir, options.configFor?.({ input: { type: 'manifests', path: abs }, abs: dir }));
    }
    return ignoreConfigs.get(dir);
  };
  const targets = discoverTargets(options.inputs, {
    ...options.load,
    root,
    ignore: (abs) => {
      const c = ignoringConfig(abs);
      return (c !== undefined && isIgnored(c, abs)) || (options.load?.ignore?.(abs) ?? false);
    },
  });
  const states = new Map<ProdgateConfig, ConfigState>();
  const stateOf = (target: Target): ConfigState => {
    const config = options.config ?? options.configFor?.(target) ?? fallback;
    let st = states.get(config);
    if (!st) {
      if (config.file) checkRuleReferences(config, allRules(options.rules));
      st = {
        config,
        records: configWaiverRecords(config.waivers),
        configPath: (file: string) => relativeToConfig(config, path.resolve(root, file)),
        ranAnywhere: new Set(),
        active: [],
      };
      states.set(config, st);
    }
    return st;
  };
  const all: Finding[] = [];
  const failingSet = new Set<Finding>();
  // A waiver in a shared base may waive something in one overlay and nothing in another: it is
  // unused only if it waived nothing in any estate of the run.
  const usedAnywhere = new Set<string>();
  const unusedOf = new Map<Finding, string>();
  const seen = new Map<string, Finding>();
  const ruleMeta = new Map<string, RuleMeta>();
  const summaries: TargetSummary[] = [];
  const loosened = new Map<string, Loosening>();
  targets.forEach((target, i) => {
    options.onProgress?.(i, targets.length, target);
    const st = stateOf(target);
    const config = st.config;
    const resolved = resolveSettings(
      config,
      target.abs,
      // A path name is the repository's word: under --strict-config every root is judged as configured or prod.
      { ...options.cli, inferProfile: options.cli?.inferProfile ?? !options.strictConfig },
      allRules(options.rules),
    );
    if (options.strictConfig && resolved.loosened.length > 0) {
      const first = resolved.loosened[0]!;
      throw new UserError(`the repository's config loosens the gate: ${first.message}`, {
        location: first.location,
        hint: '--strict-config forbids this; remove the setting, or waive specific findings with a reason and an expiry',
      });
    }
    for (const l of resolved.loosened) loosened.set(`${formatLocation(l.location)}\u0000${l.message}`, l);
    st.failOn ??= resolved.failOn;
    let loaded: LoadedEstate;
    try {
      loaded = loadTarget(target, {
        ...options.load,
        root,
        defaultNamespace: resolved.defaultNamespace ?? options.load?.defaultNamespace,
        podTemplatePaths: [...config.podTemplatePaths, ...(options.load?.podTemplatePaths ?? [])],
        external: [...config.external, ...(options.load?.external ?? [])],
      });
    } catch (e) {
      // A root found by searching a directory that cannot be rendered is an error of the run, not
      // the end of it: the other roots are still judged. A root named on the command line stops it.
      if (!target.searched || !isUserError(e)) throw e;
      const error: InputError = { target: target.input.path, message: options.redactor.redact(e.message), ...(e.location ? { location: e.location } : {}), ...(e.hint ? { hint: e.hint } : {}) };
      summaries.push({ ...targetSettings(target, resolved), objects: 0, skipped: [], skippedFiles: [], warnings: [], errors: [error] });
      return;
    }
    // Inputs an output must not overwrite. Kustomize's loader notes what it reads; of plain
    // manifest files, those that held objects (a previous run's JSON report or baseline, found
    // by searching the directory, is not an input).
    if (target.input.type === 'manifests') for (const f of loaded.estate.files.keys()) noteInputRead(path.resolve(root, f));
    const result = checkEstate(loaded.estate, {
      rules: options.rules,
      redactor: options.redactor,
      profile: resolved.profile,
      kubeVersion: resolved.kubeVersion,
      overrides: resolved.rules,
      settings: config.settings,
      configPath: st.configPath,
      sharedConfigWaivers: st.records,
      today: options.today,
      only: options.only,
      disable: options.disable,
      concerns: options.concerns,
    });
    st.active = result.rules;
    for (const k of result.usedWaivers) usedAnywhere.add(k);
    for (const a of result.rules) {
      ruleMeta.set(a.rule.meta.id, a.rule.meta);
      st.ranAnywhere.add(a.rule.meta.id);
    }
    for (const f of result.findings) {
      const key = findingKey(f) + (f.waived ? '|w' : '');
      const prev = seen.get(key);
      const fails = !f.waived && reaches(f.severity, resolved.failOn);
      if (prev) {
        if (fails) failingSet.add(prev);
        continue;
      }
      seen.set(key, f);
      all.push(f);
      if (fails) failingSet.add(f);
      const unused = result.unusedWaivers.get(f);
      if (unused !== undefined) unusedOf.set(f, unused);
    }
    summaries.push({
      ...targetSettings(target, resolved),
      objects: loaded.estate.resources.length,
      skipped: loaded.skipped,
      skippedFiles: loaded.skippedFiles,
      warnings: loaded.warnings,
      errors: loaded.errors,
    });
  });

  // Config-file waivers are judged once per config file for the whole run.
  for (const st of states.values()) {
    for (const f of configWaiverFindings(st.records, st.ranAnywhere, st.active, options, st.config)) {
      all.push(f);
      if (reaches(f.severity, options.cli?.failOn ?? st.failOn ?? 'warning')) failingSet.add(f);
    }
  }

  const accepted = options.baseline ? baselineSet(options.baseline) : undefined;
  const findings: Finding[] = [];
  const baselined: Finding[] = [];
  for (const f of all) {
    const unused = unusedOf.get(f);
    if (unused !== undefined && usedAnywhere.has(unused)) {
      failingSet.delete(f);
      continue;
    }
    if (accepted && !f.waived && accepted.has(fingerprint(f))) baselined.push(f);
    else findings.push(f);
  }
  // Last line of defence for texts written outside any estate (config-file waivers): every
  // message and waiver text of the run passes the run's redactor once more.
  for (const f of [...findings, ...baselined]) {
    f.message = options.redactor.redact(f.message);
    if (f.waived) {
      f.waived.reason = options.redactor.redact(f.waived.reason);
      if (f.waived.owner !== undefined) f.waived.owner = options.redactor.redact(f.waived.owner);
    }
  }
  sortFindings(findings);
  const failing = findings.filter((f) => failingSet.has(f));
  // A run that judged nothing must not pass: it usually means the wrong directory, or a renderer
  // upstream that failed. Say what was found and why none of it could be judged.
  const inputErrors = summaries.flatMap((t) => t.errors);
  if (summaries.length > 0 && summaries.every((t) => t.objects === 0) && inputErrors.length > 0) {
    // Nothing could be judged because nothing could be rendered: the first error says why.
    const first = inputErrors[0]!;
    const more = inputErrors.length > 1 ? ` (and ${inputErrors.length - 1} more input${inputErrors.length > 2 ? 's' : ''} that could not be rendered)` : '';
    throw new UserError(`${inputErrors.length > 1 ? `${first.target}: ` : ''}${first.message}${more}`, { location: first.location, hint: first.hint });
  }
  if (summaries.length > 0 && summaries.every((t) => t.objects === 0)) {
    const files = summaries.flatMap((t) => t.skippedFiles);
    const why = files.length
      ? `: ${files.slice(0, 5).map((f) => `${f.file} (${f.reason})`).join(', ')}${files.length > 5 ? `, and ${files.length - 5} more` : ''}`
      : `: ${summaries.map((t) => `${t.path} renders no objects`).join(', ')}`;
    throw new UserError(`nothing to judge: no Kubernetes object in ${summaries.map((t) => t.path).join(', ')}${why}`, {
      hint: 'point prodgate at kustomization directories or Kubernetes manifests (Compose files are read by `prodgate compose`)',
    });
  }
  const thresholds = new Set(summaries.map((s) => s.failOn));
  const sources = new Set(summaries.map((s) => s.failOnSource));
  const active = findings.filter((f) => !f.waived);
  const counts = {
    bySeverity: severityCounts(findings),
    unwaived: severityCounts(active),
    waived: findings.length - active.length,
    byRule: tally(active.map((f) => f.rule)),
    // Cluster-scoped objects and findings about files (kustomizations, .env) have no namespace.
    byNamespace: tally(active.map((f) => f.object.namespace || '(cluster)')),
  };
  return {
    findings,
    baselined,
    failing,
    targets: summaries,
    rules: [...ruleMeta.values()],
    failOn: options.cli?.failOn ?? (thresholds.size === 1 ? [...thresholds][0]! : thresholds.size === 0 ? 'warning' : 'mixed'),
    failOnSource: options.cli?.failOn !== undefined ? '--fail-on' : sources.size === 1 ? [...sources][0]! : sources.size === 0 ? 'the prod profile' : 'per target',
    loosened: [...loosened.values()],
    counts,
    inputErrors,
    passed: failing.length === 0 && inputErrors.length === 0,
  };
}

/** Occurrences of each value, most first (then by name). */
function tally(values: string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function configWaiverFindings(
  records: WaiverRecord[],
  ranAnywhere: Set<string>,
  active: ActiveRule[],
  options: RunOptions,
  config: ProdgateConfig,
): Finding[] {
  const out: Finding[] = [];
  const profile = options.cli?.profile ?? config.profile ?? DEFAULT_PROFILE;
  const selection = selectRules({ rules: options.rules, profile, overrides: config.rules, only: options.only, disable: options.disable });
  const enabled = (id: string) => selection.find((a) => a.rule.meta.id === id) ?? active.find((a) => a.rule.meta.id === id);
  for (const w of records) {
    let id: string | undefined;
    let message = '';
    const what = `config waiver for ${w.rules.join(', ') || '(no rule)'}`;
    if (w.state === 'invalid') {
      id = 'waiver-invalid';
      message = `${what} is invalid and waives nothing: ${w.problems.join('; ')}`;
    } else if (w.state === 'expired') {
      id = 'waiver-expired';
      message = `${what} expired on ${w.expires}; the findings it covered are active again`;
    } else if (!w.used && w.selectedSomething && w.rules.every((r) => ranAnywhere.has(r))) {
      id = 'waiver-unused';
      message = `${what} matches no finding; remove it`;
    }
    if (!id) continue;
    const a = enabled(id);
    if (!a) continue;
    out.push({
      rule: id,
      severity: a.severityOverride ?? profileSeverity(a.rule.meta, profile),
      concern: a.rule.meta.concern,
      object: { ...noObject },
      path: '',
      message,
      location: w.source,
      waived: null,
      pss: null,
    });
  }
  return out;
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (!f.waived) out[f.severity]++;
  return out;
}

export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (!f.waived && (!worst || severityRank(f.severity) > severityRank(worst))) worst = f.severity;
  return worst;
}
