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

export function renderGithub(run: CheckRun): string {
  const lines: string[] = [];
  for (const f of run.findings) {
    if (f.waived) continue;
    const props: string[] = [];
    if (f.location) {
      props.push(`file=${escapeProperty(f.location.file)}`, `line=${f.location.line}`);
    }
    const o = f.object;
    const obj = o.kind ? ` ${o.kind}/${o.namespace ? `${o.namespace}/` : ''}${o.name}` : '';
    props.push(`title=${escapeProperty(`prodgate ${f.rule}${obj}`)}`);
    const message = f.path ? `${f.message} (${f.path})` : f.message;
    lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(message)}`);
  }
  const n = run.counts.bySeverity;
  lines.push(
    `prodgate: ${n.error} errors, ${n.warning} warnings, ${n.info} info; gate ${run.passed ? 'passed' : 'failed'}`,
  );
  return `${lines.join('\n')}\n`;
}
