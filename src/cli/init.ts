/**
 * `prodgate init [DIR]`: writes a commented `.prodgate.yaml` for a repository — the
 * environments its directory names imply, the rules that fire most today and how to tune them,
 * and a waiver example on a real finding — so a team starts from its own estate, not a template.
 */
import { existsSync, lstatSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { emptyConfig, parseConfig, profileFromPath, checkRuleReferences } from '../engine/config.js';
import { DEFAULT_KUBE_VERSION, type FailThreshold } from '../engine/profiles.js';
import type { Finding, ProfileName } from '../engine/types.js';
import { allRules, runCheck } from '../index.js';
import { escapeControl } from '../report/escape.js';

interface InitFlags {
  force?: boolean;
  stdout?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Write a commented .prodgate.yaml for a repository: its environments, the rules that fire most, a waiver example.')
    .argument('[dir]', 'repository (or sub-directory) to describe', '.')
    .option('--force', 'replace an existing .prodgate.yaml')
    .option('--stdout', 'print the configuration instead of writing it')
    .addHelpText(
      'after',
      `
Every root found under DIR is listed as an environment with the profile its path names
(overlays/dev → dev, overlays/staging → staging, anything else → prod); edit them as needed.

Examples:
  $ prodgate init
  $ prodgate init deploy --stdout`,
    )
    .action((dir: string, flags: InitFlags) => {
      process.exitCode = runInit(dir, flags);
    });
}

export function runInit(dir: string, flags: InitFlags, today = new Date().toISOString().slice(0, 10)): number {
  const root = path.resolve(dir);
  const file = path.join(root, '.prodgate.yaml');
  if (!flags.stdout && !flags.force && (existsSync(file) || existsSync(path.join(root, '.prodgate.yml')))) {
    throw new UserError(`${path.relative(process.cwd(), file) || file} already exists`, { hint: 'pass --force to replace it, or --stdout to print a proposal' });
  }
  if (!flags.stdout && lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw new UserError(`refusing to write through the symbolic link ${file}`);
  }
  const run = runCheck({ inputs: ['.'], load: { root }, config: emptyConfig(root), cli: { inferProfile: true } });
  const text = initConfig({ targets: run.targets, findings: run.findings, today });
  // What we write must be a config prodgate accepts.
  checkRuleReferences(parseConfig(text, '.prodgate.yaml', root), allRules());
  if (flags.stdout) {
    process.stdout.write(text);
    return 0;
  }
  writeFileSync(file, text);
  const envs = run.targets.filter((t) => t.type === 'kustomize').length;
  process.stderr.write(`wrote ${escapeControl(path.relative(process.cwd(), file) || file)}: ${envs} environment${envs === 1 ? '' : 's'}, ${run.findings.length} findings today; review it, then run \`prodgate check\`\n`);
  return 0;
}

interface InitInput {
  targets: { path: string; type: string; profile: ProfileName; profileSource: string }[];
  findings: Finding[];
  today: string;
}

const q = (s: string) => JSON.stringify(s);

/** The commented configuration text (exported for tests). */
export function initConfig(input: InitInput): string {
  const failOn: Record<ProfileName, FailThreshold> = { dev: 'error', staging: 'error', prod: 'warning' };
  const lines: string[] = [
    `# prodgate configuration, proposed by \`prodgate init\` on ${input.today}. Reference: docs/configuration.md.`,
    '# Every setting that makes the gate more lenient than its profile is shown as a loosening in each report.',
    '',
    'profile: prod',
    `# kubeVersion: "${DEFAULT_KUBE_VERSION}"    # the Kubernetes minor your clusters run (default: the newest released)`,
    '',
  ];
  const kustomize = input.targets.filter((t) => t.type === 'kustomize');
  if (kustomize.length) {
    lines.push('# One entry per kustomization root found; the profile comes from its path. The first matching entry wins.', 'environments:');
    for (const t of kustomize) {
      const profile = profileFromPath(t.path) ?? 'prod';
      lines.push(`  - paths: [${q(t.path)}]`, `    profile: ${profile}${profile === 'prod' ? '' : `          # fails on ${failOn[profile]}s only`}`);
    }
    lines.push('');
  }
  const active = input.findings.filter((f) => !f.waived);
  const byRule = new Map<string, Finding[]>();
  for (const f of active) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const top = [...byRule].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
  if (top.length) {
    lines.push('# The rules that fire most on this repository today:');
    for (const [id, fs] of top) lines.push(`#   ${id}: ${fs.length} finding${fs.length === 1 ? '' : 's'} (prodgate rules ${id})`);
    lines.push(
      '# Fix them, waive single findings below, or tune a rule for everyone (a lowered severity or a rule turned',
      '# off is reported as a loosening):',
      '# rules:',
      `#   ${top[0]![0]}:`,
      '#     severity: info',
      '',
    );
    const [rule, fs] = top[0]!;
    const f = fs.find((x) => x.object.kind && x.object.name) ?? fs[0]!;
    const expires = addDays(input.today, 90);
    lines.push(
      '# A waiver accepts one finding on purpose: a reason, an owner and an expiry date are required.',
      '# waivers:',
      `#   - rule: ${rule}`,
      ...(f.object.kind ? [`#     kind: ${f.object.kind}`] : []),
      ...(f.object.name ? [`#     name: ${q(f.object.name)}`] : []),
      ...(f.container ? [`#     container: ${q(f.container)}`] : []),
      '#     reason: "why this is accepted, and the ticket that removes it"',
      '#     owner: platform-team',
      `#     expires: ${expires}`,
      '',
    );
  }
  lines.push('# Paths to skip when searching directories (test fixtures, vendored charts):', '# ignore:', '#   - "test/**"', '');
  return lines.map((l) => escapeControl(l)).join('\n');
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
