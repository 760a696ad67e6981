import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { renderGithub, escapeData, escapeProperty } from '../../src/report/github.js';
import { renderReport, reportFormats } from '../../src/report/index.js';
import { jsonReport } from '../../src/report/json.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { sarifReport } from '../../src/report/sarif.js';
import { colorWanted, renderText } from '../../src/report/text.js';
import { fingerprint } from '../../src/engine/baseline.js';
import { cleanRun, SECRET_VALUE, sampleRun } from './fixture.js';

const require = createRequire(import.meta.url);
// Both packages are CommonJS with a `default` export; under NodeNext the default import is the module object.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

describe('json report', () => {
  it('follows the public contract', () => {
    const report = jsonReport(sampleRun());
    expect(Object.keys(report)).toEqual(['version', 'findings', 'summary']);
    expect(report.version).toBe(1);
    for (const f of report.findings) {
      expect(Object.keys(f)).toEqual(['rule', 'severity', 'concern', 'object', 'path', 'message', 'location', 'waived', 'pss', 'also']);
      expect(Object.keys(f.object)).toEqual(['apiVersion', 'kind', 'namespace', 'name']);
    }
    const waived = report.findings.find((f) => f.rule === 'test-privileged')!;
    expect(waived).toEqual({
      rule: 'test-privileged',
      severity: 'error',
      concern: 'pod-security',
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' },
      path: 'spec.template.spec.containers[name=api].securityContext.privileged',
      message: 'container "api" is privileged',
      location: { file: '<stdin>', line: 18 },
      waived: { reason: 'needs raw sockets, see OPS-7', expires: '2026-12-31', owner: 'netops' },
      pss: { level: 'baseline', control: 'Privileged Containers' },
      also: [],
    });
    const image = report.findings.find((f) => f.rule === 'test-image-tag')!;
    expect(image.waived).toBeNull();
    expect(image.pss).toBeNull();
    expect(report.summary).toEqual({
      passed: false,
      failOn: 'warning',
      failOnSource: 'the prod profile',
      loosened: [],
      inputErrors: [],
      errors: 1,
      warnings: 1,
      infos: 0,
      waived: 1,
      baselined: 0,
      failing: 2,
      objects: 2,
      skippedFiles: [],
      targets: [{ path: '-', type: 'stdin', profile: 'prod', profileSource: 'default', failOn: 'warning', failOnSource: 'the prod profile', kubeVersion: '1.37', objects: 2, skipped: 0 }],
    });
  });
});

describe('sarif report', () => {
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));

  it('validates against the SARIF 2.1.0 schema', () => {
    for (const run of [sampleRun(), cleanRun()]) {
      const log = sarifReport(run);
      const ok = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
    // The schema is the real one: a result with a bad level is rejected.
    const broken = sarifReport(sampleRun()) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('describes the rules that ran and locates each result', () => {
    const run = sampleRun();
    const log = sarifReport(run) as { runs: Array<{ tool: { driver: { rules: Array<Record<string, unknown>> } }; results: Array<Record<string, unknown>> }> };
    const [r] = log.runs;
    const ids = r!.tool.driver.rules.map((x) => x.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['test-image-tag', 'test-privileged', 'test-tricky', 'waiver-unused']));
    const rule = r!.tool.driver.rules.find((x) => x.id === 'test-image-tag')!;
    expect(rule).toMatchObject({
      name: 'TestImageTag',
      shortDescription: { text: 'Images carry a tag' },
      fullDescription: { text: 'Untagged images resolve to latest.' },
      helpUri: pathToFileURL(path.resolve(__dirname, '../../docs/rules/test-image-tag.md')).href,
      defaultConfiguration: { level: 'error' },
      properties: { concern: 'images' },
    });
    expect((rule.help as { markdown: string }).markdown).toContain('image: nginx:1.27.0');
    const security = r!.tool.driver.rules.find((x) => x.id === 'test-privileged')!;
    expect(security.properties).toMatchObject({ 'security-severity': '8.0', tags: ['security', 'pod-security', 'pss-baseline'] });
    const image = r!.results.find((x) => x.ruleId === 'test-image-tag')!;
    expect(image).toMatchObject({
      ruleIndex: ids.indexOf('test-image-tag'),
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: '%3Cstdin%3E' }, region: { startLine: 13 } } }],
      partialFingerprints: { 'prodgate/v1': fingerprint(run.findings.find((f) => f.rule === 'test-image-tag')!) },
    });
    const waived = r!.results.find((x) => x.ruleId === 'test-privileged')!;
    expect(waived.suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'needs raw sockets, see OPS-7 (expires 2026-12-31, owner netops)' },
    ]);
    expect(r!.results.find((x) => x.ruleId === 'test-tricky')!.level).toBe('warning');
  });
});

describe('github report', () => {
  it('escapes data and properties as the runner expects', () => {
    expect(escapeData('a%b\r\nc')).toBe('a%25b%0D%0Ac');
    expect(escapeProperty('dir,x/file:1.yaml')).toBe('dir%2Cx/file%3A1.yaml');
  });

  it('writes one command per active finding, none for waived ones', () => {
    const out = renderGithub(sampleRun());
    const lines = out.trim().split('\n');
    expect(lines).toEqual([
      '::error file=<stdin>,line=13,title=prodgate test-image-tag Deployment/shop/api::container "api" image "registry.example.org/api" has no tag (spec.template.spec.containers[name=api].image)',
      '::warning file=<stdin>,line=26,title=prodgate test-tricky Secret/shop/db::line one%0Aline two: 100%25 <b>bold</b> & "quoted" | piped, with comma (stringData.password)',
      'prodgate: 1 errors, 1 warnings, 0 info; gate failed',
    ]);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });
});

describe('junit report', () => {
  it('has a suite per rule with failures, skipped waived findings and escaped text', () => {
    const xml = renderJunit(sampleRun());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="prodgate" tests="3" failures="2" errors="0" skipped="1">')).toBe(true);
    expect(xml).toContain('<testsuite name="test-privileged" tests="1" failures="0" errors="0" skipped="1">');
    expect(xml).toContain('<skipped message="waived until 2026-12-31: needs raw sockets, see OPS-7"/>');
    expect(xml).toContain('<failure type="warning" message="line one\nline two: 100% &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; | piped, with comma">');
    expect(xml).not.toMatch(/<b>/);
    expect(renderJunit(cleanRun())).toContain('<testcase classname="prodgate" name="production gate"/>');
  });
});

describe('markdown report', () => {
  it('tables active and waived findings, escaping pipes and markup', () => {
    const md = renderMarkdown(sampleRun());
    expect(md).toContain('❌ **Gate failed**');
    expect(md).toContain('| error | `test-image-tag` | Deployment shop/api | `spec.template.spec.containers[name=api].image` | `<stdin>:13` |');
    expect(md).toContain('line one line two: 100% &lt;b>bold&lt;/b> & "quoted" \\| piped, with comma');
    expect(md).toContain('## Waived');
    expect(md).toContain('| `test-privileged` | Deployment shop/api | needs raw sockets, see OPS-7 | 2026-12-31 | netops |');
    expect(renderMarkdown(cleanRun())).toContain('✅ **Gate passed**');
  });
});

describe('text report', () => {
  it('groups findings by object with file:line and a verdict', () => {
    const text = renderText(sampleRun());
    expect(text).toContain('Deployment shop/api\n  error    test-image-tag  <stdin>:13  spec.template.spec.containers[name=api].image\n');
    expect(text).toContain('  waived   test-privileged  <stdin>:18');
    expect(text).toContain('waived until 2026-12-31 by netops: needs raw sockets, see OPS-7');
    expect(text).toContain('Pod Security Standards: baseline / Privileged Containers');
    expect(text).toMatch(
      /1 error, 1 warning, 0 info \(1 waived\)\nby rule: test-image-tag 1, test-tricky 1\nfail threshold: warning \(from the prod profile\)\n✖ gate failed: 2 findings at or above the fail threshold \(warning\)\n$/,
    );
    expect(text).not.toMatch(/\x1b\[/);
    expect(renderText(cleanRun())).toMatch(/✔ gate passed\n$/);
  });

  it('is coloured only on a TTY and never with NO_COLOR', () => {
    expect(renderText(sampleRun(), { color: true })).toMatch(/\x1b\[31m/);
    expect(colorWanted({ isTTY: true }, {})).toBe(true);
    expect(colorWanted({ isTTY: false }, {})).toBe(false);
    expect(colorWanted({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorWanted({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
  });
});

describe('every format', () => {
  it('never prints object bodies, so secret values stay out of reports', () => {
    const run = sampleRun();
    for (const format of reportFormats) {
      const out = renderReport(format, run, { color: true });
      expect(out.length).toBeGreaterThan(0);
      expect(out, format).not.toContain(SECRET_VALUE);
    }
  });
});

describe('rule links', () => {
  it('point at the rule pages shipped with the installed package', async () => {
    const { ruleDocUrl } = await import('../../src/report/rule-docs.js');
    const { allRules } = await import('../../src/index.js');
    for (const r of allRules()) {
      const url = ruleDocUrl(r.meta.id);
      expect(url.startsWith('file://')).toBe(true);
      expect(existsSync(fileURLToPath(url)), url).toBe(true);
    }
  });
});
