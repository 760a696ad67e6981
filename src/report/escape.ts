/**
 * Human formats print names, paths and texts that come from the repository under review. A name
 * holding a line break could forge a line (a GitHub workflow command such as `::add-mask::`, a
 * fake verdict), an ESC byte could drive the terminal, a bidi override could hide text. Every
 * control character is therefore shown as an escape (`\n`, `\u001b`) before a human format
 * lays the text out; JSON and SARIF escape through their own syntax.
 */
import type { CheckRun } from '../engine/engine.js';

/** C0 and C1 controls, DEL, line and paragraph separators, and bidirectional formatting characters. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeControl(s: string): string {
  return s.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function deep<T>(v: T): T {
  if (typeof v === 'string') return escapeControl(v) as T;
  if (Array.isArray(v)) return v.map(deep) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = deep(x);
    return out as T;
  }
  return v;
}

/** The run with every text a repository can influence escaped; findings keep their identity across lists. */
export function escapedRun(run: CheckRun): CheckRun {
  const map = new Map(run.findings.map((f) => [f, deep(f)]));
  const same = <T extends object>(f: T): T => (map.get(f as never) as T | undefined) ?? deep(f);
  return {
    ...run,
    findings: run.findings.map(same),
    failing: run.failing.map(same),
    baselined: run.baselined.map(same),
    targets: deep(run.targets),
    loosened: deep(run.loosened),
    inputErrors: deep(run.inputErrors),
    failOnSource: escapeControl(run.failOnSource),
  };
}
