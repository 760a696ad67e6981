/** Markdown report, e.g. for a pull-request comment or a job summary. */
import type { CheckRun } from '../engine/engine.js';
import type { Finding } from '../engine/types.js';

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

function code(s: string): string {
  return s ? `\`${s.replace(/`/g, "'")}\`` : '';
}

function objectLabel(f: Finding): string {
  const o = f.object;
  return o.kind ? `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}` : 'configuration';
}

export function renderMarkdown(run: CheckRun): string {
  const n = run.counts.bySeverity;
  const waived = run.findings.filter((f) => f.waived);
  const active = run.findings.filter((f) => !f.waived);
  const out: string[] = ['# prodgate check', ''];
  out.push(
    `${run.passed ? '✅ **Gate passed**' : `❌ **Gate failed**: ${run.failing.length} finding(s) at or above the fail threshold (${run.failOn})${run.inputErrors.length ? `; ${run.inputErrors.length} input(s) not rendered` : ''}`}`,
    '',
    `${n.error} errors, ${n.warning} warnings, ${n.info} info, ${waived.length} waived${run.baselined.length ? `, ${run.baselined.length} accepted by the baseline` : ''}.`,
    '',
    `Fail threshold: ${run.failOn} (from ${code(run.failOnSource)}).`,
    '',
  );
  if (run.inputErrors.length) {
    out.push('**Not rendered, so not judged:**', '');
    for (const e of run.inputErrors) out.push(`- ${code(e.target)}: ${e.location ? `${code(`${e.location.file}:${e.location.line}`)}: ` : ''}${cell(e.message)}`);
    out.push('');
  }
  if (run.loosened.length) {
    out.push('**The repository\'s config loosens the gate:**', '');
    for (const l of run.loosened) out.push(`- ${code(`${l.location.file}:${l.location.line}`)}: ${l.message}`);
    out.push('');
  }
  out.push('| Checked | Type | Profile | Objects |', '|---|---|---|---|');
  for (const t of run.targets) out.push(`| ${code(t.path)} | ${t.type} | ${t.profile}${t.profileSource === 'inferred from the path' ? ' (from the path)' : ''} | ${t.objects} |`);
  out.push('');
  if (run.counts.byRule.length > 1 || run.counts.byNamespace.length > 1) {
    out.push('<details><summary>Findings by rule and by namespace</summary>', '', '| Rule | Findings |', '|---|---|');
    for (const [rule, k] of run.counts.byRule) out.push(`| ${code(rule)} | ${k} |`);
    out.push('', '| Namespace | Findings |', '|---|---|');
    for (const [ns, k] of run.counts.byNamespace) out.push(`| ${code(cell(ns))} | ${k} |`);
    out.push('', '</details>', '');
  }
  if (active.length) {
    out.push('## Findings', '', '| Severity | Rule | Object | Path | Location | Message |', '|---|---|---|---|---|---|');
    for (const f of active) {
      const loc = f.location ? code(`${f.location.file}:${f.location.line}`) : '';
      out.push(`| ${f.severity} | ${code(f.rule)} | ${cell(objectLabel(f))} | ${code(cell(f.path))} | ${loc} | ${cell(f.message)} |`);
    }
    out.push('');
  }
  if (waived.length) {
    out.push('## Waived', '', '| Rule | Object | Reason | Expires | Owner |', '|---|---|---|---|---|');
    for (const f of waived) {
      out.push(`| ${code(f.rule)} | ${cell(objectLabel(f))} | ${cell(f.waived!.reason)} | ${f.waived!.expires} | ${cell(f.waived!.owner ?? '')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
