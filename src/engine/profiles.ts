/**
 * Profiles: how strict the gate is for an environment.
 *
 * `prod` judges with every rule at its declared severity and fails on warnings. `staging` keeps
 * the same rules but fails only on errors and treats availability and persistence gaps (sized
 * for production traffic) one step lower. `dev` keeps security findings (pod security,
 * secrets, schema, deprecations, references) as they are and lowers operational ones, so a
 * development overlay fails only on what would be dangerous anywhere.
 */
import type { Concern, ProfileName, RuleMeta, Severity } from './types.js';

export const profileNames: readonly ProfileName[] = ['dev', 'staging', 'prod'];

export type FailThreshold = Severity | 'none';

export interface Profile {
  name: ProfileName;
  description: string;
  /** Lowest severity that makes `check` exit 1 unless `--fail-on` or the config says otherwise. */
  failOn: FailThreshold;
  /** Steps each concern's severities are lowered by (error → warning → info). */
  lower: Partial<Record<Concern, number>>;
}

export const profiles: Record<ProfileName, Profile> = {
  prod: {
    name: 'prod',
    description: 'production: every rule at its declared severity; warnings fail the gate',
    failOn: 'warning',
    lower: {},
  },
  staging: {
    name: 'staging',
    description: 'pre-production: errors fail the gate; availability and persistence one step lower',
    failOn: 'error',
    lower: { availability: 1, persistence: 1 },
  },
  dev: {
    name: 'dev',
    description: 'development: errors fail the gate; operational concerns one step lower, security unchanged',
    failOn: 'error',
    lower: {
      resources: 1,
      health: 1,
      images: 1,
      availability: 2,
      persistence: 2,
      'config-hygiene': 2,
      network: 1,
      rbac: 1,
      kustomize: 1,
    },
  },
};

export const DEFAULT_PROFILE: ProfileName = 'prod';

/**
 * The Kubernetes minor version judged against when neither the command line nor the config names
 * one: the newest released minor (1.37.0, released 2026-08-26). It moves with each Kubernetes
 * release, in the prodgate release that follows it (README, "Kubernetes versions").
 */
export const DEFAULT_KUBE_VERSION = '1.37';

/**
 * Kubernetes minors prodgate judges against: from the oldest its API-removal table covers to the
 * newest released minor it knows (1.37). A version outside is a typo (`1.3`, `1.40`), not a
 * request: it is refused rather than silently judged as something else.
 */
export const KUBE_VERSION_RANGE = { min: 16, max: 37 } as const;

export function kubeVersionProblem(version: string): string | undefined {
  const m = /^1\.([0-9]+)$/.exec(version);
  const minor = m ? Number(m[1]) : NaN;
  if (!(minor >= KUBE_VERSION_RANGE.min && minor <= KUBE_VERSION_RANGE.max)) {
    return `Kubernetes ${version} is outside the supported range 1.${KUBE_VERSION_RANGE.min}–1.${KUBE_VERSION_RANGE.max}`;
  }
  return undefined;
}

const order: Severity[] = ['info', 'warning', 'error'];

export function severityRank(s: Severity): number {
  return order.indexOf(s);
}

/** True when `s` is at or above the threshold. */
export function reaches(s: Severity, threshold: FailThreshold): boolean {
  return threshold !== 'none' && severityRank(s) >= severityRank(threshold);
}

export function lowerSeverity(s: Severity, steps: number): Severity {
  return order[Math.max(0, severityRank(s) - steps)]!;
}

/** Severity of a finding in a profile, before config overrides. */
export function profileSeverity(meta: RuleMeta, profile: ProfileName, base: Severity = meta.severity): Severity {
  return lowerSeverity(base, profiles[profile].lower[meta.concern] ?? 0);
}

export function enabledInProfile(meta: RuleMeta, profile: ProfileName): boolean {
  return !(meta.disabledIn ?? []).includes(profile);
}

/** Parameter values of a rule in a profile: defaults, then profile defaults, then overrides. */
export function resolveParams(
  meta: RuleMeta,
  profile: ProfileName,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(meta.params ?? {})) {
    const byProfile = spec.byProfile?.[profile];
    out[k] = byProfile !== undefined ? byProfile : spec.default;
  }
  for (const [k, v] of Object.entries(overrides)) out[k] = v;
  return out;
}

export function isProfileName(s: string): s is ProfileName {
  return (profileNames as readonly string[]).includes(s);
}
