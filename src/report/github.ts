/**
 * GitHub Actions workflow commands: one annotation per active finding
 * (`::error file=…,line=…,title=…::message`). Values are escaped as the runner expects so a
 * message can never end the command early or inject another one.
 */
import type { CheckRun } from '../engine/engine.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Escaping of a command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command property (file, title…): also `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub shows at most ten annotations of each type per step and drops the rest silently. The
 * first ten of each type are annotations, most severe and failing first; everything else is in
 * the step summary (`githubStepSummary`), which the command appends to `$GITHUB_STEP_SUMMARY`.
 */
export const ANNOTATIONS_PER_TYPE = 10;

interface Annotation {
  type: (typeof COMMAND)[keyof typeof COMMAND];
  file?: string;
  line?: number;
  title: string;
  message: string;
}

function annotations(run: CheckRun): Annotation[] {
  const out: Annotation[] = [];
  for (const e of run.inputErrors) {
    out.push({ type: 'error', file: e.location?.file, line: e.location?.line, title: `prodgate: ${e.target} not rendered`, message: e.message });
  }
  const failing = new Set(run.failing);
  const active = run.findings.filter((f) => !f.waived);
  // Failing findings before the others, so the ones that fail the gate are never the dropped ones.
  const ordered = [...active.filter((f) => failing.has(f)), ...active.filter((f) => !failing.has(f))];
  for (const f of ordered) {
    const o = f.object;
    const obj = o.kind ? ` ${o.kind}/${o.namespace ? `${o.namespace}/` : ''}${o.name}` : '';
    out.push({
      type: COMMAND[f.severity],
      file: f.location?.file,
      line: f.location?.line,
      title: `prodgate ${f.rule}${obj}`,
      message: f.path ? `${f.message} (${f.path})` : f.message,
    });
  }
  return out;
}

function split(run: CheckRun): { shown: Annotation[]; rest: Annotation[] } {
  const shown: Annotation[] = [];
  const rest: Annotation[] = [];
  const used = { error: 0, warning: 0, notice: 0 };
  for (const a of annotations(run)) {
    if (used[a.type] < ANNOTATIONS_PER_TYPE) {
      used[a.type]++;
      shown.push(a);
    } else rest.push(a);
  }
  return { shown, rest };
}

export function renderGithub(run: CheckRun): string {
  const { shown, rest } = split(run);
  const lines: string[] = [];
  for (const a of shown) {
    const props: string[] = [];
    if (a.file !== undefined) props.push(`file=${escapeProperty(a.file)}`, `line=${a.line ?? 1}`);
    props.push(`title=${escapeProperty(a.title)}`);
    lines.push(`::${a.type} ${props.join(',')}::${escapeData(a.message)}`);
  }
  const n = run.counts.bySeverity;
  lines.push(
    `prodgate: ${n.error} errors, ${n.warning} warnings, ${n.info} info${run.inputErrors.length ? `, ${run.inputErrors.length} inputs not rendered` : ''}; gate ${run.passed ? 'passed' : 'failed'}` +
      (rest.length ? ` (${rest.length} more in the job summary)` : ''),
  );
  return `${lines.join('\n')}\n`;
}

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

/**
 * The job step summary: the verdict, and every finding the annotations could not show, as a
 * Markdown table (empty when everything fit into annotations and the gate passed).
 */
export function githubStepSummary(run: CheckRun): string {
  const { rest } = split(run);
  const n = run.counts.bySeverity;
  const out = [
    '### prodgate',
    '',
    `${run.passed ? '✅ Gate passed' : '❌ Gate failed'}: ${n.error} errors, ${n.warning} warnings, ${n.info} info, ${run.counts.waived} waived${run.inputErrors.length ? `, ${run.inputErrors.length} inputs not rendered` : ''} (fail threshold ${run.failOn}).`,
    '',
  ];
  if (rest.length) {
    out.push(`${rest.length} finding(s) beyond GitHub's ${ANNOTATIONS_PER_TYPE} annotations per type:`, '', '| Type | Location | Title | Message |', '|---|---|---|---|');
    for (const a of rest) {
      out.push(`| ${a.type} | ${a.file !== undefined ? `\`${cell(`${a.file}:${a.line ?? 1}`)}\`` : ''} | ${cell(a.title)} | ${cell(a.message)} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
