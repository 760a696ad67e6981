/**
 * Human-readable report: findings grouped by object, each with its rule, field path, message
 * and the file:line to change. Colour only when writing to a terminal and NO_COLOR is unset.
 */
import pc from 'picocolors';
import { formatLocation } from '../core/location.js';
import type { CheckRun } from '../engine/engine.js';
import type { Finding } from '../engine/types.js';

export interface TextOptions {
  color?: boolean;
}

/** Colour is used on a TTY unless NO_COLOR is set to a non-empty value (https://no-color.org). */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

function objectLabel(f: Finding): string {
  const o = f.object;
  if (!o.kind && !o.name) return 'prodgate configuration';
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

export function renderText(run: CheckRun, options: TextOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const sev = (f: Finding): string => {
    if (f.waived) return c.dim('waived ');
    if (f.severity === 'error') return c.red('error  ');
    if (f.severity === 'warning') return c.yellow('warning');
    return c.blue('info   ');
  };
  const lines: string[] = [];
  for (const t of run.targets) {
    const skipped = t.skipped.length ? `, ${t.skipped.length} not judged (${[...new Set(t.skipped.map((s) => s.reason))].join(', ')})` : '';
    const notRendered = t.errors.length > 0 && t.type === 'kustomize';
    const profile = `profile ${t.profile}${t.profileSource === 'inferred from the path' ? ', inferred from the path' : ''}`;
    lines.push(
      notRendered
        ? c.red(`not rendered: ${t.path} (${t.type}, ${profile}, Kubernetes ${t.kubeVersion})`)
        : c.dim(`checked ${t.path} (${t.type}, ${profile}, Kubernetes ${t.kubeVersion}): ${t.objects} objects${skipped}`),
    );
  }
  const groups = new Map<string, Finding[]>();
  for (const f of run.findings) {
    const key = objectLabel(f);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(f);
  }
  for (const [label, findings] of groups) {
    lines.push('', c.bold(label));
    for (const f of findings) {
      const where = f.location ? formatLocation({ file: f.location.file, line: f.location.line }) : '<unknown location>';
      lines.push(`  ${sev(f)}  ${c.cyan(f.rule)}  ${c.underline(where)}${f.path ? `  ${c.dim(f.path)}` : ''}`);
      lines.push(`           ${f.waived ? c.dim(f.message) : f.message}`);
      if (f.pss) lines.push(`           ${c.dim(`Pod Security Standards: ${f.pss.level} / ${f.pss.control}`)}`);
      if (f.waived) {
        lines.push(
          `           ${c.dim(`waived until ${f.waived.expires}${f.waived.owner ? ` by ${f.waived.owner}` : ''}: ${f.waived.reason}`)}`,
        );
      }
    }
  }
  const n = run.counts.bySeverity;
  const waived = run.counts.waived;
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const parts = [plural(n.error, 'error'), plural(n.warning, 'warning'), `${n.info} info`];
  const extra = [`${waived} waived`];
  if (run.baselined.length) extra.push(`${run.baselined.length} accepted by the baseline`);
  const broken = run.inputErrors.length ? plural(run.inputErrors.length, 'input') + ' not rendered' : '';
  const verdict = run.passed
    ? c.green(`✔ gate passed`)
    : c.red(
        `✖ gate failed: ${[run.failing.length || !broken ? `${plural(run.failing.length, 'finding')} at or above the fail threshold (${run.failOn})` : '', broken].filter(Boolean).join('; ')}`,
      );
  lines.push('', `${parts.join(', ')} (${extra.join(', ')})`);
  // Where the work is: the rules and namespaces with the most active findings.
  const top = (list: [string, number][]) => list.slice(0, 6).map(([k, v]) => `${k} ${v}`).join(', ') + (list.length > 6 ? `, … (${list.length - 6} more)` : '');
  if (run.counts.byRule.length > 1) lines.push(c.dim(`by rule: ${top(run.counts.byRule)}`));
  if (run.counts.byNamespace.length > 1) lines.push(c.dim(`by namespace: ${top(run.counts.byNamespace)}`));
  const skippedFiles = run.targets.flatMap((t) => t.skippedFiles);
  if (skippedFiles.length) {
    lines.push(`${skippedFiles.length} file${skippedFiles.length === 1 ? '' : 's'} skipped: ${skippedFiles.map((f) => `${f.file} (${f.reason})`).join(', ')}`);
  }
  if (run.inputErrors.length) {
    lines.push(c.red(`${plural(run.inputErrors.length, 'input')} could not be read or rendered, so nothing in ${run.inputErrors.length === 1 ? 'it' : 'them'} was judged:`));
    for (const e of run.inputErrors) {
      lines.push(`  ${e.location ? `${formatLocation(e.location)}: ` : ''}${e.target}: ${e.message}`);
      if (e.hint) lines.push(c.dim(`    hint: ${e.hint}`));
    }
  }
  for (const l of run.loosened) lines.push(c.yellow(`warning: ${l.location.file}:${l.location.line}: the repository's config loosens the gate: ${l.message}`));
  lines.push(`fail threshold: ${run.failOn} (from ${run.failOnSource})`, verdict);
  return `${lines.join('\n')}\n`;
}
