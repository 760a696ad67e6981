/**
 * Test helpers for rule modules: build an estate from YAML text and run one rule over it,
 * with the rule's default parameters. Engine-level behaviour (waivers, profiles, config) is
 * tested through the engine itself.
 */
import { KnownSecrets } from '../../src/analysis/secrets/redact.js';
import { Estate, type EstateOptions } from '../../src/engine/estate.js';
import type { Resource } from '../../src/core/resource.js';
import type { ProfileName, Report, Rule } from '../../src/engine/types.js';
import { parseYaml } from '../../src/yaml/parse.js';
import { isMap } from '../../src/core/provenance.js';

export function estateFromYaml(text: string, file = 'test.yaml', options: EstateOptions = {}): Estate {
  const parsed = parseYaml(text, file, { annotationsAsText: true });
  const resources: Resource[] = [];
  for (const d of parsed.docs) if (isMap(d.value)) resources.push({ body: d.value, origin: d.location });
  return new Estate(resources, options);
}

export function defaultParams(rule: Rule, profile: ProfileName = 'prod'): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(rule.meta.params ?? {})) {
    params[k] = spec.byProfile?.[profile] ?? spec.default;
  }
  return params;
}

export function runRule(
  rule: Rule,
  input: string | Estate,
  options: { profile?: ProfileName; params?: Record<string, unknown>; kubeVersion?: string } = {},
): Report[] {
  const estate = typeof input === 'string' ? estateFromYaml(input) : input;
  const profile = options.profile ?? 'prod';
  const reports: Report[] = [];
  rule.check({
    estate,
    profile,
    params: { ...defaultParams(rule, profile), ...(options.params ?? {}) },
    kubeVersion: options.kubeVersion ?? '1.33',
    secrets: new KnownSecrets(),
    report: (r) => reports.push(r),
  });
  return reports;
}
