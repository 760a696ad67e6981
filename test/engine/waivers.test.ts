import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/engine/config.js';
import { checkEstate, runCheck } from '../../src/index.js';
import { parseWaiverFields } from '../../src/engine/waivers.js';
import { estateFromYaml } from '../helpers/rules.js';
import { writeTree } from './helpers.js';
import { imageTagRule, privilegedRule, testRules } from './test-rules.js';

const today = '2026-06-01';

function deployment(annotations: string, templateAnnotations = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  annotations:
    owner: team-a
${annotations}
spec:
  replicas: 3
  template:
    metadata:
      labels: {app: api}
      annotations:
        x: y
${templateAnnotations}
    spec:
      containers:
        - name: api
          image: registry.example.org/api
        - name: proxy
          image: envoy
`;
}

function check(yaml: string, file = 'deploy.yaml') {
  return checkEstate(estateFromYaml(yaml, file), { rules: [imageTagRule, privilegedRule], today }).findings;
}

describe('waiver values', () => {
  it('parses quoted and plain values', () => {
    expect(parseWaiverFields('reason="vendor chart, see \\"OPS-1\\"" expires=2026-12-31 owner=platform')).toEqual({
      fields: { reason: 'vendor chart, see "OPS-1"', expires: '2026-12-31', owner: 'platform' },
      problems: [],
    });
  });
  it('reports unknown keys, stray words and unterminated quotes', () => {
    expect(parseWaiverFields('because reason="x expires=1 colour=red').problems).toEqual([
      'unexpected "because" (expected key=value)',
      'unterminated quote in reason',
    ]);
    expect(parseWaiverFields('colour=red').problems).toEqual(['unknown key "colour" (known: reason, expires, owner, container)']);
  });
});

describe('annotation waivers', () => {
  it('waive every finding of the rule on the object and stay visible as waived', () => {
    const f = check(deployment('    prodgate.dev/waive.test-image-tag: reason="internal registry" expires=2026-12-31 owner=platform'));
    expect(f.filter((x) => x.rule === 'test-image-tag').map((x) => [x.container, x.waived && { ...x.waived, source: undefined }])).toEqual([
      ['api', { reason: 'internal registry', expires: '2026-12-31', owner: 'platform', source: undefined }],
      ['proxy', { reason: 'internal registry', expires: '2026-12-31', owner: 'platform', source: undefined }],
    ]);
    expect(f.filter((x) => x.rule.startsWith('waiver-'))).toEqual([]);
  });

  it('waive one container with the <rule>.<container> key', () => {
    const f = check(deployment('    prodgate.dev/waive.test-image-tag.proxy: reason="upstream image" expires=2026-12-31'));
    expect(f.map((x) => [x.rule, x.container, x.waived !== null])).toEqual([
      ['test-image-tag', 'api', false],
      ['test-image-tag', 'proxy', true],
    ]);
  });

  it('waive one container with container= in the value', () => {
    const f = check(deployment('    prodgate.dev/waive.test-image-tag: reason="x" expires=2026-12-31 container=api'));
    expect(f.map((x) => [x.container, x.waived !== null])).toEqual([
      ['api', true],
      ['proxy', false],
    ]);
  });

  it('are read from the pod template too', () => {
    const f = check(deployment('', '        prodgate.dev/waive.test-image-tag: reason="x" expires=2026-12-31'));
    expect(f.every((x) => x.waived !== null)).toBe(true);
  });

  it('without a reason waive nothing and are reported at the annotation', () => {
    const f = check(deployment('    prodgate.dev/waive.test-image-tag: expires=2026-12-31'));
    expect(f.filter((x) => x.rule === 'test-image-tag').every((x) => x.waived === null)).toBe(true);
    const invalid = f.filter((x) => x.rule === 'waiver-invalid');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toMatchObject({
      severity: 'error',
      concern: 'config-hygiene',
      object: { kind: 'Deployment', name: 'api' },
      location: { file: 'deploy.yaml', line: 8 },
    });
    expect(invalid[0]!.message).toMatch(/no reason given/);
  });

  it('without an expiry date, with a bad date or an unknown rule are invalid', () => {
    const msgs = (a: string) => check(deployment(a)).filter((x) => x.rule === 'waiver-invalid').map((x) => x.message);
    expect(msgs('    prodgate.dev/waive.test-image-tag: reason="x"')[0]).toMatch(/no expiry date/);
    expect(msgs('    prodgate.dev/waive.test-image-tag: reason="x" expires=2026-02-30')[0]).toMatch(/is not a date/);
    expect(msgs('    prodgate.dev/waive.no-such-rule: reason="x" expires=2026-12-31')[0]).toMatch(/unknown rule "no-such-rule"/);
  });

  it('past their expiry waive nothing and are reported as expired', () => {
    const f = check(deployment('    prodgate.dev/waive.test-image-tag: reason="x" expires=2026-05-31'));
    expect(f.filter((x) => x.rule === 'test-image-tag').every((x) => x.waived === null)).toBe(true);
    const expired = f.filter((x) => x.rule === 'waiver-expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]!.message).toMatch(/expired on 2026-05-31/);
    expect(f.some((x) => x.rule === 'waiver-unused')).toBe(false);
  });

  it('may be limited to a maximum duration', () => {
    const yaml = deployment('    prodgate.dev/waive.test-image-tag: reason="x" expires=2027-06-02');
    const run = (maxDays: number) =>
      checkEstate(estateFromYaml(yaml), { rules: [imageTagRule], today, overrides: { 'waiver-invalid': { params: { maxDays } } } }).findings;
    expect(run(365).filter((x) => x.rule === 'waiver-invalid').map((x) => x.message)).toEqual([
      'waiver for test-image-tag is invalid and waives nothing: expiry 2027-06-02 is more than 365 days away (waiver-invalid maxDays)',
    ]);
    expect(run(366).every((x) => x.rule === 'test-image-tag' && x.waived)).toBe(true);
    expect(run(0).every((x) => x.waived)).toBe(true);
  });

  it('are still valid on their expiry day', () => {
    const f = check(deployment('    prodgate.dev/waive.test-image-tag: reason="x" expires=2026-06-01'));
    expect(f.filter((x) => x.rule === 'test-image-tag').every((x) => x.waived !== null)).toBe(true);
  });

  it('that match nothing are reported as unused', () => {
    const f = check(deployment('    prodgate.dev/waive.test-privileged: reason="x" expires=2026-12-31'));
    const unused = f.filter((x) => x.rule === 'waiver-unused');
    expect(unused).toHaveLength(1);
    expect(unused[0]).toMatchObject({ severity: 'warning', location: { file: 'deploy.yaml', line: 8 } });
  });

  it('for a rule that did not run are not reported as unused', () => {
    const f = checkEstate(estateFromYaml(deployment('    prodgate.dev/waive.test-privileged: reason="x" expires=2026-12-31')), {
      rules: testRules,
      disable: ['test-privileged'],
      today,
    }).findings;
    expect(f.some((x) => x.rule.startsWith('waiver-'))).toBe(false);
  });

  it('for a container that has no finding are unused', () => {
    const f = check(deployment('    prodgate.dev/waive.test-image-tag.nope: reason="x" expires=2026-12-31'));
    expect(f.filter((x) => x.rule === 'waiver-unused')).toHaveLength(1);
  });
});

describe('inline comment waivers', () => {
  it('waive the object of the document they are written in', () => {
    const dir = writeTree({
      'm.yaml': `${deployment('').replace('kind: Deployment\n', 'kind: Deployment\n# prodgate-waive test-image-tag reason="legacy image" expires=2026-12-31 owner=ops\n')}---
${deployment('').replace('name: api', 'name: other')}`,
    });
    const run = runCheck({ inputs: ['m.yaml'], rules: [imageTagRule], today, load: { root: dir } });
    expect(run.findings.map((f) => [f.object.name, f.container, f.waived?.reason ?? null])).toEqual([
      ['api', 'api', 'legacy image'],
      ['api', 'proxy', 'legacy image'],
      ['other', 'api', null],
      ['other', 'proxy', null],
    ]);
  });

  it('name containers and several rules, and are governed like the others', () => {
    const dir = writeTree({
      'm.yaml': `# prodgate-waive test-image-tag,test-privileged container=proxy reason="x" expires=2026-12-31\n${deployment('')}---
# prodgate-waive test-image-tag expires=2026-12-31
${deployment('').replace('name: api', 'name: other')}`,
    });
    const run = runCheck({ inputs: ['m.yaml'], rules: [imageTagRule, privilegedRule], today, load: { root: dir } });
    expect(run.findings.map((f) => [f.rule, f.object.name, f.container ?? null, f.waived !== null, f.location?.line])).toEqual([
      ['test-image-tag', 'api', 'api', false, 21],
      ['test-image-tag', 'api', 'proxy', true, 23],
      ['waiver-invalid', 'other', null, false, 25],
      ['test-image-tag', 'other', 'api', false, 45],
      ['test-image-tag', 'other', 'proxy', false, 47],
    ]);
    // A waiver naming several rules is used once any of them matched.
  });
});

describe('inline waivers in a stream', () => {
  it('work in Helm output read from stdin', () => {
    const stream = `---\n# Source: chart/templates/deploy.yaml\n# prodgate-waive test-image-tag reason="chart default image" expires=2026-12-31\n${deployment('')}`;
    const run = runCheck({ inputs: ['-'], rules: [imageTagRule], today, load: { readStdin: () => stream } });
    expect(run.findings.map((f) => [f.container, f.waived?.reason])).toEqual([
      ['api', 'chart default image'],
      ['proxy', 'chart default image'],
    ]);
  });
});

describe('config-file waivers', () => {
  const files = {
    'vendor/chart.yaml': deployment('').replace('namespace: shop', 'namespace: monitoring').replace('name: api', 'name: prometheus-server'),
    'apps/api.yaml': deployment(''),
  };

  it('match by kind, namespace, name and source path globs', () => {
    const dir = writeTree(files);
    const cfg = parseConfig(
      `waivers:\n  - rule: test-image-tag\n    kind: Deployment\n    namespace: monitor*\n    name: prometheus-*\n    path: vendor/**\n    reason: third-party chart\n    expires: "2026-12-31"\n    owner: platform\n`,
      '.prodgate.yaml',
      dir,
    );
    const run = runCheck({ inputs: ['vendor', 'apps'], config: cfg, rules: [imageTagRule], today, load: { root: dir } });
    expect(run.findings.map((f) => [f.object.name, f.waived?.owner ?? null])).toEqual([
      ['api', null],
      ['api', null],
      ['prometheus-server', 'platform'],
      ['prometheus-server', 'platform'],
    ]);
  });

  it('match containers by glob', () => {
    const dir = writeTree(files);
    const cfg = parseConfig(
      `waivers:\n  - rules: [test-image-tag]\n    container: "pro*"\n    reason: x\n    expires: 2026-12-31\n`,
      '.prodgate.yaml',
      dir,
    );
    const run = runCheck({ inputs: ['apps'], config: cfg, rules: [imageTagRule], today, load: { root: dir } });
    expect(run.findings.map((f) => [f.container, f.waived !== null])).toEqual([
      ['api', false],
      ['proxy', true],
    ]);
  });

  it('are reported once when invalid, expired or unused, at their line in the config file', () => {
    const dir = writeTree(files);
    const cfg = parseConfig(
      [
        'waivers:',
        '  - rule: test-image-tag',
        '    name: api',
        '    expires: 2026-12-31',
        '  - rule: test-image-tag',
        '    name: api',
        '    reason: old',
        '    expires: 2025-01-01',
        '  - rule: test-image-tag',
        '    name: api',
        '    container: sidecar',
        '    reason: x',
        '    expires: 2026-12-31',
        '  - rule: test-image-tag',
        '    name: not-in-this-run',
        '    reason: x',
        '    expires: 2026-12-31',
        '',
      ].join('\n'),
      '.prodgate.yaml',
      dir,
    );
    const run = runCheck({ inputs: ['apps', 'vendor'], config: cfg, rules: [imageTagRule], today, load: { root: dir } });
    const governance = run.findings.filter((f) => f.rule.startsWith('waiver-'));
    expect(governance.map((f) => [f.rule, f.location])).toEqual([
      ['waiver-invalid', { file: '.prodgate.yaml', line: 2, column: 5 }],
      ['waiver-expired', { file: '.prodgate.yaml', line: 5, column: 5 }],
      ['waiver-unused', { file: '.prodgate.yaml', line: 9, column: 5 }],
    ]);
    expect(governance.every((f) => f.object.kind === '' && f.object.name === '')).toBe(true);
    // The last waiver selects no checked object: a partial run cannot call it unused.
    expect(run.passed).toBe(false);
  });
});
