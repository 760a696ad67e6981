/**
 * The JSON report: a public contract (docs/json-report.md). Keep it stable: fields are only
 * ever added, never renamed or removed, and `version` changes if that is ever unavoidable.
 */
import type { CheckRun } from '../engine/engine.js';
import type { Finding } from '../engine/types.js';

export interface JsonFinding {
  rule: string;
  severity: Finding['severity'];
  concern: Finding['concern'];
  object: { apiVersion: string; kind: string; namespace: string; name: string };
  path: string;
  message: string;
  location: { file: string; line: number } | null;
  waived: { reason: string; expires: string; owner: string | null } | null;
  pss: { level: 'baseline' | 'restricted'; control: string } | null;
  /** Twin rules that reported the same field; this finding stands for them too. */
  also: string[];
}

export interface JsonReport {
  version: 1;
  findings: JsonFinding[];
  summary: {
    passed: boolean;
    failOn: string;
    /** Where the fail threshold came from: `--fail-on`, a config file's `file:line`, or a profile. */
    failOnSource: string;
    /** Files found while searching directories that held nothing to judge, with the reason. */
    skippedFiles: Array<{ file: string; reason: string }>;
    /** Inputs found by searching directories that could not be read or rendered: not judged, and the gate fails. */
    inputErrors: Array<{ target: string; file: string | null; line: number | null; message: string; hint: string | null }>;
    /** Settings of repository config files that loosen the gate (a looser failOn, rules off, severities lowered). */
    loosened: Array<{ file: string; line: number; message: string }>;
    errors: number;
    warnings: number;
    infos: number;
    waived: number;
    baselined: number;
    failing: number;
    objects: number;
    targets: Array<{ path: string; type: string; profile: string; profileSource: string; failOn: string; failOnSource: string; kubeVersion: string; objects: number; skipped: number }>;
  };
}

export function jsonFinding(f: Finding): JsonFinding {
  return {
    rule: f.rule,
    severity: f.severity,
    concern: f.concern,
    object: { apiVersion: f.object.apiVersion, kind: f.object.kind, namespace: f.object.namespace, name: f.object.name },
    path: f.path,
    message: f.message,
    location: f.location ? { file: f.location.file, line: f.location.line } : null,
    waived: f.waived ? { reason: f.waived.reason, expires: f.waived.expires, owner: f.waived.owner ?? null } : null,
    pss: f.pss ? { level: f.pss.level, control: f.pss.control } : null,
    also: f.also ?? [],
  };
}

export function jsonReport(run: CheckRun): JsonReport {
  const counts = run.counts.bySeverity;
  return {
    version: 1,
    findings: run.findings.map(jsonFinding),
    summary: {
      passed: run.passed,
      failOn: run.failOn,
      failOnSource: run.failOnSource,
      loosened: run.loosened.map((l) => ({ file: l.location.file, line: l.location.line, message: l.message })),
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      waived: run.counts.waived,
      baselined: run.baselined.length,
      failing: run.failing.length,
      objects: run.targets.reduce((n, t) => n + t.objects, 0),
      skippedFiles: run.targets.flatMap((t) => t.skippedFiles.map((f) => ({ file: f.file, reason: f.reason }))),
      inputErrors: run.inputErrors.map((e) => ({ target: e.target, file: e.location?.file ?? null, line: e.location?.line ?? null, message: e.message, hint: e.hint ?? null })),
      targets: run.targets.map((t) => ({
        path: t.path,
        type: t.type,
        profile: t.profile,
        profileSource: t.profileSource,
        failOn: t.failOn,
        failOnSource: t.failOnSource,
        kubeVersion: t.kubeVersion,
        objects: t.objects,
        skipped: t.skipped.length,
      })),
    },
  };
}

export function renderJson(run: CheckRun): string {
  return `${JSON.stringify(jsonReport(run), null, 2)}\n`;
}
