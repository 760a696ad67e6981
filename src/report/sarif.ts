/**
 * SARIF 2.1.0 (OASIS), as GitHub code scanning and other viewers read it: one run, the rules
 * that ran with their documentation, and one result per finding with its physical location.
 * Waived findings are kept as suppressed results.
 */
import path from 'node:path';
import { fingerprint } from '../engine/baseline.js';
import type { CheckRun } from '../engine/engine.js';
import type { Finding, RuleMeta } from '../engine/types.js';
import { VERSION } from '../core/version.js';
import { RULE_DOCS_BASE_URL, ruleDocUrl, ruleMarkdown } from './rule-docs.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const SECURITY_CONCERNS = new Set(['pod-security', 'secrets', 'rbac', 'network']);
const SECURITY_SEVERITY = { error: '8.0', warning: '5.0', info: '2.0' } as const;

function artifactUri(file: string): string {
  return file
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function plain(markdown: string): string {
  return markdown.replace(/```[a-z]*\n?/g, '').replace(/`/g, '').trim();
}

function descriptor(meta: RuleMeta) {
  return {
    id: meta.id,
    name: meta.id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: meta.title },
    fullDescription: { text: plain(meta.rationale) },
    help: { text: `${plain(meta.rationale)}\n\n${plain(meta.remediation)}`, markdown: ruleMarkdown(meta) },
    helpUri: ruleDocUrl(meta.id),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      concern: meta.concern,
      tags: [...(SECURITY_CONCERNS.has(meta.concern) ? ['security'] : []), meta.concern, ...(meta.pss ? [`pss-${meta.pss}`] : [])],
      precision: 'high',
      // GitHub code scanning ranks security alerts by this CVSS-like score.
      ...(SECURITY_CONCERNS.has(meta.concern) ? { 'security-severity': SECURITY_SEVERITY[meta.severity] } : {}),
    },
  };
}

function result(f: Finding, ruleIndex: number) {
  const out: Record<string, unknown> = {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    partialFingerprints: { 'prodgate/v1': fingerprint(f) },
    properties: {
      concern: f.concern,
      object: f.object,
      path: f.path,
      ...(f.container !== undefined ? { container: f.container } : {}),
      ...(f.pss ? { pss: f.pss } : {}),
    },
  };
  const locations: Record<string, unknown>[] = [];
  const objectName = f.object.kind ? `${f.object.kind}/${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}` : '';
  const logical = objectName
    ? [{ name: f.object.name, fullyQualifiedName: f.path ? `${objectName}:${f.path}` : objectName, kind: 'object' }]
    : undefined;
  if (f.location) {
    const region: Record<string, number> = { startLine: Math.max(1, f.location.line) };
    if (f.location.column && f.location.column > 0) region.startColumn = f.location.column;
    locations.push({
      physicalLocation: { artifactLocation: { uri: artifactUri(f.location.file) }, region },
      ...(logical ? { logicalLocations: logical } : {}),
    });
  } else if (logical) {
    locations.push({ logicalLocations: logical });
  }
  if (locations.length) out.locations = locations;
  if (f.waived) {
    const external = f.waived.source ? path.basename(f.waived.source.file).startsWith('.prodgate') : false;
    out.suppressions = [
      {
        kind: external ? 'external' : 'inSource',
        status: 'accepted',
        justification: `${f.waived.reason} (expires ${f.waived.expires}${f.waived.owner ? `, owner ${f.waived.owner}` : ''})`,
      },
    ];
  }
  return out;
}

export function sarifReport(run: CheckRun): Record<string, unknown> {
  const metas = new Map<string, RuleMeta>();
  for (const m of run.rules) metas.set(m.id, m);
  const ids = [...metas.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const results = run.findings
    .filter((f) => index.has(f.rule))
    .map((f) => result(f, index.get(f.rule)!));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'prodgate',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: new URL('README.md', RULE_DOCS_BASE_URL).href,
            rules: ids.map((id) => descriptor(metas.get(id)!)),
          },
        },
        results,
        // Where the fail threshold came from, and what a repository's config loosened: a reviewer
        // of the code-scanning run sees that the gate was relaxed, and where.
        invocations: [
          {
            // An input that could not be rendered was not analysed: the run is incomplete.
            executionSuccessful: run.inputErrors.length === 0,
            toolExecutionNotifications: [
              ...run.inputErrors.map((e) => ({
                level: 'error',
                message: { text: `${e.target}: not rendered: ${e.message}` },
                ...(e.location
                  ? { locations: [{ physicalLocation: { artifactLocation: { uri: e.location.file }, region: { startLine: e.location.line } } }] }
                  : {}),
              })),
              ...run.targets.flatMap((t) =>
                t.skippedFiles.map((f) => ({
                  level: 'note',
                  message: { text: `skipped: ${f.reason}` },
                  locations: [{ physicalLocation: { artifactLocation: { uri: f.file } } }],
                })),
              ),
            ],
            properties: { failOn: run.failOn, failOnSource: run.failOnSource },
            toolConfigurationNotifications: run.loosened.map((l) => ({
              level: 'warning',
              message: { text: `the repository's config loosens the gate: ${l.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: l.location.file }, region: { startLine: l.location.line } } }],
            })),
          },
        ],
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

export function renderSarif(run: CheckRun): string {
  return `${JSON.stringify(sarifReport(run), null, 2)}\n`;
}
