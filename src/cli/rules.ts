import { Option, type Command } from 'commander';
import { ruleMarkdown, rulesIndexMarkdown } from '../report/rule-docs.js';
import { allRules } from '../index.js';
import { profileNames, profileSeverity } from '../engine/profiles.js';
import { concerns, type RuleMeta } from '../engine/types.js';
import { unknownRuleError } from '../engine/config.js';

interface RulesFlags {
  format: 'text' | 'json' | 'markdown';
  concern?: string;
}

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('List the rules prodgate checks, or show one rule’s documentation.')
    .argument('[id]', 'show the documentation of this rule')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .addOption(new Option('--concern <concern>', 'only rules of this concern').choices([...concerns]))
    .addHelpText(
      'after',
      `
Exit codes: 0 listed, 2 usage or input error (such as an unknown rule id).

Examples:
  $ prodgate rules
  $ prodgate rules --concern pod-security
  $ prodgate rules --format json
  $ prodgate rules waiver-expired          # rationale, remediation and parameters of one rule`,
    )
    .action((id: string | undefined, flags: RulesFlags) => {
      process.stdout.write(renderRules(id, flags));
    });
}

function ruleJson(m: RuleMeta) {
  return {
    id: m.id,
    title: m.title,
    concern: m.concern,
    severity: m.severity,
    severityByProfile: Object.fromEntries(profileNames.map((p) => [p, (m.disabledIn ?? []).includes(p) ? 'off' : profileSeverity(m, p)])),
    pss: m.pss ?? null,
    rationale: m.rationale,
    remediation: m.remediation,
    params: Object.fromEntries(
      Object.entries(m.params ?? {}).map(([k, s]) => {
        const { description, default: def, byProfile, ...schema } = s;
        return [k, { description, default: def, byProfile: byProfile ?? {}, schema }];
      }),
    ),
  };
}

export function renderRules(id: string | undefined, flags: RulesFlags): string {
  let metas = allRules().map((r) => r.meta);
  if (id !== undefined) {
    const rule = allRules().find((r) => r.meta.id === id);
    if (!rule) throw unknownRuleError(id);
    if (flags.format === 'json') return `${JSON.stringify(ruleJson(rule.meta), null, 2)}\n`;
    return ruleMarkdown(rule.meta, rule.examples);
  }
  if (flags.concern) metas = metas.filter((m) => m.concern === flags.concern);
  metas.sort((a, b) => (a.concern === b.concern ? (a.id < b.id ? -1 : 1) : concerns.indexOf(a.concern) - concerns.indexOf(b.concern)));
  if (flags.format === 'json') return `${JSON.stringify({ rules: metas.map(ruleJson) }, null, 2)}\n`;
  if (flags.format === 'markdown') return rulesIndexMarkdown(metas, 'docs/rules/');
  const idWidth = Math.max(4, ...metas.map((m) => m.id.length));
  const concernWidth = Math.max(7, ...metas.map((m) => m.concern.length));
  const lines = [`${'RULE'.padEnd(idWidth)}  ${'CONCERN'.padEnd(concernWidth)}  SEVERITY  TITLE`];
  for (const m of metas) lines.push(`${m.id.padEnd(idWidth)}  ${m.concern.padEnd(concernWidth)}  ${m.severity.padEnd(8)}  ${m.title}`);
  lines.push('', `${metas.length} rules; \`prodgate rules <id>\` shows one rule's documentation.`);
  return `${lines.join('\n')}\n`;
}
