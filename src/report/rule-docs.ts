/**
 * Rule documentation from rule metadata: one Markdown page per rule (docs/rules/<id>.md, also
 * SARIF's `help.markdown`) and the index (docs/rules/README.md, `prodgate rules --format markdown`).
 */
import { profileNames, profileSeverity } from '../engine/profiles.js';
import type { RuleExample, RuleExamples } from '../engine/rule.js';
import type { RuleMeta } from '../engine/types.js';

/**
 * The rule pages ship with the package (`docs/rules/`, generated from the same metadata), so a
 * link points at the page of the installed version: the same text the run judged by, and one
 * that works offline. From `src/report/` or `dist/report/`, the docs are two levels up.
 */
export const RULE_DOCS_BASE_URL = new URL('../../docs/rules/', import.meta.url).href;

export function ruleDocUrl(id: string): string {
  return new URL(`${encodeURIComponent(id)}.md`, RULE_DOCS_BASE_URL).href;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function ruleMarkdown(meta: RuleMeta, examples?: RuleExamples<Record<string, unknown>>): string {
  const out: string[] = [];
  out.push(`# ${meta.id}`, '', `**${meta.title}**`, '');
  out.push('| | |', '|---|---|');
  out.push(`| Concern | \`${meta.concern}\` |`);
  out.push(`| Severity (prod) | ${meta.severity} |`);
  const byProfile = profileNames
    .map((p) => `${p}: ${(meta.disabledIn ?? []).includes(p) ? 'off' : profileSeverity(meta, p)}`)
    .join(', ');
  out.push(`| By profile | ${byProfile} |`);
  if (meta.pss) out.push(`| Pod Security Standards | ${meta.pss} |`);
  out.push('', '## Why', '', meta.rationale.trim(), '', '## How to fix', '', meta.remediation.trim(), '');
  const params = Object.entries(meta.params ?? {});
  if (params.length) {
    out.push('## Parameters', '', 'Set in `.prodgate.yaml` under `rules.' + meta.id + '.params`.', '');
    out.push('| Parameter | Default | Description |', '|---|---|---|');
    for (const [name, spec] of params) {
      const byP = spec.byProfile
        ? ' ' +
          Object.entries(spec.byProfile)
            .map(([p, v]) => `(${p}: \`${JSON.stringify(v)}\`)`)
            .join(' ')
        : '';
      out.push(`| \`${name}\` | \`${JSON.stringify(spec.default)}\`${byP} | ${cell(spec.description)} |`);
    }
    out.push('');
  }
  if (examples) out.push(...examplesMarkdown(examples));
  out.push('## Waiving', '', 'On the object (or on one container with `prodgate.dev/waive.' + meta.id + '.<container>`):', '');
  out.push('```yaml', 'metadata:', '  annotations:', `    prodgate.dev/waive.${meta.id}: reason="why this is accepted" expires=2026-12-31 owner=team`, '```', '');
  out.push('See [configuration](../configuration.md#waivers) for config-file and inline waivers.', '');
  return out.join('\n');
}

/** The rule's examples, exactly as the rule table test runs them. */
function examplesMarkdown(examples: RuleExamples<Record<string, unknown>>): string[] {
  const out: string[] = ['## Examples', ''];
  const one = (e: RuleExample) => {
    out.push(`${e.description.trim()}`, '');
    const context: string[] = [];
    if (e.params && Object.keys(e.params).length) context.push(`parameters \`${JSON.stringify(e.params)}\``);
    if (e.profile) context.push(`profile \`${e.profile}\``);
    if (e.kubeVersion) context.push(`Kubernetes ${e.kubeVersion}`);
    if (e.settings) context.push(`settings \`${JSON.stringify(e.settings)}\``);
    if (e.alsoRun?.length) context.push(`${e.alsoRun.map((r) => `\`${r}\``).join(', ')} also running`);
    if (e.trackedEnvFiles?.length) context.push(`Git tracks ${e.trackedEnvFiles.map((f) => `\`${f}\``).join(', ')}`);
    if (context.length) out.push(`With ${context.join(', ')}:`, '');
    if (e.yaml !== undefined) out.push('```yaml', e.yaml.replace(/\n+$/, ''), '```', '');
    for (const [name, text] of Object.entries(e.files ?? {})) {
      const lang = /\.ya?ml$/.test(name) || /(^|\/)Kustomization$/.test(name) ? 'yaml' : 'text';
      out.push(`\`${name}\`:`, '', '```' + lang, text.replace(/\n+$/, ''), '```', '');
    }
    if (e.entry !== undefined) out.push(`Checked: \`prodgate check ${e.entry}\``, '');
  };
  out.push('### Flagged', '');
  for (const e of examples.bad) one(e);
  out.push('### Passes', '');
  for (const e of examples.good) one(e);
  return out;
}

export function rulesIndexMarkdown(rules: readonly RuleMeta[], linkPrefix = ''): string {
  const out: string[] = ['# Rules', '', `${rules.length} rules. Severities are those of the \`prod\` profile; see each rule for the others.`, ''];
  out.push('| Rule | Concern | Severity | Title |', '|---|---|---|---|');
  const sorted = [...rules].sort((a, b) => (a.concern === b.concern ? (a.id < b.id ? -1 : 1) : a.concern < b.concern ? -1 : 1));
  for (const r of sorted) {
    out.push(`| [\`${r.id}\`](${linkPrefix}${r.id}.md) | ${r.concern} | ${r.severity} | ${cell(r.title)} |`);
  }
  out.push('');
  return out.join('\n');
}
