/**
 * JUnit XML for CI test tabs: one test suite per rule, one test case per finding. Findings that
 * fail the gate are failures, waived ones are skipped, the rest pass with their message as output.
 */
import type { CheckRun } from '../engine/engine.js';
import type { Finding } from '../engine/types.js';

export function xmlEscape(s: string): string {
  return s
    // characters XML 1.0 cannot carry at all
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function caseName(f: Finding): string {
  const o = f.object;
  const obj = o.kind ? `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}` : 'prodgate configuration';
  return f.path ? `${obj} ${f.path}` : obj;
}

export function renderJunit(run: CheckRun): string {
  const failing = new Set(run.failing);
  const byRule = new Map<string, Finding[]>();
  for (const f of run.findings) {
    let list = byRule.get(f.rule);
    if (!list) byRule.set(f.rule, (list = []));
    list.push(f);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const [rule, findings] of [...byRule].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const cases: string[] = [];
    let sf = 0;
    let ss = 0;
    for (const f of findings) {
      const where = f.location ? `${f.location.file}:${f.location.line}` : '';
      const attrs = `classname="prodgate.${xmlEscape(f.concern)}.${xmlEscape(rule)}" name="${xmlEscape(caseName(f))}"${
        f.location ? ` file="${xmlEscape(f.location.file)}" line="${f.location.line}"` : ''
      }`;
      const body = xmlEscape(`${f.message}${where ? `\n${where}` : ''}`);
      if (f.waived) {
        ss++;
        cases.push(`    <testcase ${attrs}>\n      <skipped message="${xmlEscape(`waived until ${f.waived.expires}: ${f.waived.reason}`)}"/>\n    </testcase>`);
      } else if (failing.has(f)) {
        sf++;
        cases.push(
          `    <testcase ${attrs}>\n      <failure type="${f.severity}" message="${xmlEscape(f.message)}">${body}</failure>\n    </testcase>`,
        );
      } else {
        cases.push(`    <testcase ${attrs}>\n      <system-out>${xmlEscape(`${f.severity}: `)}${body}</system-out>\n    </testcase>`);
      }
    }
    tests += findings.length;
    failures += sf;
    skipped += ss;
    suites.push(
      `  <testsuite name="${xmlEscape(rule)}" tests="${findings.length}" failures="${sf}" errors="0" skipped="${ss}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  // Inputs that could not be rendered: a test that errored, in a suite of their own.
  const errs = run.inputErrors;
  if (errs.length) {
    const cases = errs.map((e) => {
      const where = e.location ? `${e.location.file}:${e.location.line}` : '';
      const attrs = `classname="prodgate.inputs" name="${xmlEscape(e.target)}"${e.location ? ` file="${xmlEscape(e.location.file)}" line="${e.location.line}"` : ''}`;
      return `    <testcase ${attrs}>\n      <error type="not-rendered" message="${xmlEscape(e.message)}">${xmlEscape(`${e.message}${where ? `\n${where}` : ''}`)}</error>\n    </testcase>`;
    });
    tests += errs.length;
    suites.unshift(`  <testsuite name="inputs" tests="${errs.length}" failures="0" errors="${errs.length}" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  if (suites.length === 0) {
    tests = 1;
    suites.push(
      `  <testsuite name="prodgate" tests="1" failures="0" errors="0" skipped="0">\n    <testcase classname="prodgate" name="production gate"/>\n  </testsuite>`,
    );
  }
  // The threshold and what a repository's config loosened, as properties of the first suite.
  const props = [`      <property name="failOn" value="${xmlEscape(String(run.failOn))}"/>`, `      <property name="failOnSource" value="${xmlEscape(run.failOnSource)}"/>`];
  for (const l of run.loosened) props.push(`      <property name="loosened" value="${xmlEscape(`${l.location.file}:${l.location.line}: ${l.message}`)}"/>`);
  suites[0] = suites[0]!.replace(/^(  <testsuite [^>]*?)(\/?)>/, (_m, open: string, selfClosing: string) => `${open}>\n    <properties>\n${props.join('\n')}\n    </properties>${selfClosing ? '\n  </testsuite>' : ''}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="prodgate" tests="${tests}" failures="${failures}" errors="${errs.length}" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
