/**
 * Baselines: accept the findings a repository already has, fail only on new ones.
 *
 * A finding's fingerprint is built from what identifies the problem, not where it is written:
 * rule, object (group, kind, namespace, name), field path (containers by name) and container.
 * Moving lines, reordering files or editing messages keeps fingerprints stable.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import { readSideFile } from '../input/files.js';
import { limits } from '../core/limits.js';
import { groupOf } from '../core/resource.js';
import type { Finding } from './types.js';

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  object: string;
  path: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

export function fingerprint(f: Finding): string {
  const o = f.object;
  const key = [f.rule, groupOf(o.apiVersion), o.kind, o.namespace, o.name, f.path, f.container ?? ''].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 20);
}

function objectLabel(f: Finding): string {
  const o = f.object;
  return `${o.kind}/${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** A baseline of every active (not waived) finding. */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    if (f.waived) continue;
    const fp = fingerprint(f);
    if (seen.has(fp)) continue;
    seen.add(fp);
    entries.push({ fingerprint: fp, rule: f.rule, object: objectLabel(f), path: f.path });
  }
  entries.sort((a, b) => (a.rule + a.object + a.path < b.rule + b.object + b.path ? -1 : 1));
  return { version: 1, findings: entries };
}

export function writeBaseline(
  file: string,
  findings: readonly Finding[],
  write: (file: string, text: string) => void = writeFileSync,
): void {
  write(file, `${JSON.stringify(createBaseline(findings), null, 2)}\n`);
}

/** Read a baseline: untrusted like every input (no links out of the repository, no FIFOs or devices, bounded size). */
export function readBaseline(file: string): Baseline {
  const text = readSideFile(file, { display: file, what: 'baseline', maxBytes: limits.maxFileBytes });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // Only the position: the parser's message quotes the text, which may be anything.
    const at = /position (\d+)/.exec((e as Error).message);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : 1;
    throw new UserError('baseline is not valid JSON', { location: { file, line } });
  }
  const b = data as Partial<Baseline>;
  if (!b || b.version !== 1 || !Array.isArray(b.findings) || !b.findings.every((e) => typeof e?.fingerprint === 'string')) {
    throw new UserError('not a prodgate baseline (expected {"version":1,"findings":[{"fingerprint":…}]})', {
      location: { file, line: 1 },
      hint: 'create one with `prodgate check … --write-baseline FILE`',
    });
  }
  return b as Baseline;
}

export function baselineSet(b: Baseline): Set<string> {
  return new Set(b.findings.map((e) => e.fingerprint));
}
