/** Report formats of `prodgate check`. Reporters only format findings; they never compute them. */
import type { CheckRun } from '../engine/engine.js';
import { escapedRun } from './escape.js';
import { githubStepSummary, renderGithub } from './github.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export const reportFormats = ['text', 'json', 'sarif', 'junit', 'markdown', 'github', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface RenderOptions {
  /** Colour (text format only). */
  color?: boolean;
}

export function renderReport(format: ReportFormat, raw: CheckRun, options: RenderOptions = {}): string {
  // JSON and SARIF carry texts as data; every human format gets control characters escaped.
  const run = format === 'json' || format === 'sarif' ? raw : escapedRun(raw);
  switch (format) {
    case 'text':
      return renderText(run, { color: options.color });
    case 'json':
      return renderJson(run);
    case 'sarif':
      return renderSarif(run);
    case 'junit':
      return renderJunit(run);
    case 'markdown':
      return renderMarkdown(run);
    case 'github':
      return renderGithub(run);
    case 'html':
      return renderHtml(run);
  }
}

/** What `--format github` leaves for the job step summary (the findings annotations cannot show). */
export function renderGithubStepSummary(raw: CheckRun): string {
  return githubStepSummary(escapedRun(raw));
}

export { renderGithub, renderHtml, renderJson, renderJunit, renderMarkdown, renderSarif, renderText };
export { jsonReport, jsonFinding } from './json.js';
export type { JsonReport, JsonFinding } from './json.js';
export { sarifReport } from './sarif.js';
export { colorWanted } from './text.js';
export { ruleMarkdown, rulesIndexMarkdown, ruleDocUrl } from './rule-docs.js';
