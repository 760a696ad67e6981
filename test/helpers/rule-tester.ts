/**
 * Runs a rule's examples the way `prodgate check` judges a repository: the example's files are
 * written to a fresh directory, discovered and rendered by the input layer, and judged by the
 * engine with every built-in rule known but only the rule under test enabled.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { checkEstate } from '../../src/engine/engine.js';
import { loadTarget } from '../../src/engine/load.js';
import type { RuleExample } from '../../src/engine/rule.js';
import type { Finding, Rule } from '../../src/engine/types.js';
import { SecretRedactor } from '../../src/analysis/secrets/redactor.js';
import { discoverTargets } from '../../src/input/load.js';
import { builtinRules } from '../../src/rules/index.js';
import { writeTree } from '../engine/helpers.js';

/** Fixed so that examples with waiver dates do not age. */
export const EXAMPLE_TODAY = '2026-06-01';

export function exampleFiles(e: RuleExample): { files: Record<string, string>; entry: string } {
  if (e.yaml !== undefined && e.files !== undefined) throw new Error('an example has either yaml or files');
  if (e.yaml !== undefined) return { files: { 'manifests.yaml': e.yaml }, entry: 'manifests.yaml' };
  if (e.files !== undefined) return { files: { ...e.files }, entry: e.entry ?? '.' };
  throw new Error('an example needs yaml or files');
}

/** The findings the engine reports for one example (all rules known, the tested one run). */
export function runExample(rule: Rule, e: RuleExample): Finding[] {
  const { files, entry } = exampleFiles(e);
  const root = writeTree(files);
  try {
    if (e.trackedEnvFiles?.length) {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
      git('init', '-q');
      git('add', '--', ...e.trackedEnvFiles);
    }
    const rules = [...builtinRules];
    if (!rules.includes(rule)) rules.push(rule);
    const targets = discoverTargets([path.join(root, entry)], { root });
    const findings: Finding[] = [];
    for (const target of targets) {
      const { estate } = loadTarget(target, { root });
      const run = checkEstate(estate, {
        rules,
        redactor: new SecretRedactor(),
        only: [rule.meta.id, ...(e.alsoRun ?? [])],
        profile: e.profile ?? 'prod',
        kubeVersion: e.kubeVersion,
        overrides: e.params ? { [rule.meta.id]: { params: e.params as Record<string, unknown> } } : undefined,
        settings: e.settings ? { network: {}, secrets: {}, schema: {}, ...e.settings } : undefined,
        today: EXAMPLE_TODAY,
      });
      findings.push(...run.findings);
    }
    return findings;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
