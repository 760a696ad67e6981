/**
 * Leaks through the reports: texts that a repository controls (object names, container names,
 * file names, waiver reasons and owners) reach every human format escaped, never as a forged
 * line or a terminal control sequence; a credential written into a waiver reason is masked in
 * every format.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/hostile.js';
import { rand, UPPER_DIGITS } from '../secrets/fake.js';

const formats = ['text', 'json', 'sarif', 'junit', 'markdown', 'github', 'html'] as const;

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'prodgate-leaks-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A pod whose names carry a forged workflow command, an ESC sequence, CR, a line separator and a bidi override. */
const hostileNames = {
  pod: JSON.stringify('web\n::error file=x::pwned'),
  container: JSON.stringify('app\u001b[31mred\r\u2028\u202eevil'),
  namespace: JSON.stringify('ns\n::add-mask::x'),
};

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: ${hostileNames.pod}
  namespace: ${hostileNames.namespace}
spec:
  containers:
    - name: ${hostileNames.container}
      image: nginx:latest
`;

describe('control characters in repository texts', () => {
  const dir = tree({ 'pod.yaml': pod });
  for (const format of formats) {
    it(`never reach the ${format} report raw`, () => {
      const r = runCli(['check', 'pod.yaml', '--rule', 'image-no-latest-tag', '--format', format], { cwd: dir, timeoutMs: 20_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      // JSON escapes C0 controls by its own syntax and may carry U+2028/U+202E as data; human formats show escapes.
      const raw = format === 'json' || format === 'sarif' ? /[\u0000-\u0008\u000b-\u001f]/ : /[\u0000-\u0008\u000b-\u001f\u007f\u2028\u202e]/;
      expect(r.stdout).not.toMatch(raw);
      // No line of any format may begin with a workflow command the repository wrote.
      expect(r.stdout).not.toMatch(/^::(error file=x|add-mask)/m);
      if (format === 'github') expect(r.stdout).toMatch(/^::(error|warning|notice) /m);
    });
  }

  it('never reach an error message on stderr raw', () => {
    const bad = tree({ 'x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [1]\n' });
    const r = runCli(['check', 'x.yaml'], { cwd: bad, timeoutMs: 20_000 });
    expect(r.status).toBe(2);
    const hostile = tree({ 'k.yaml': 'resources:\n- "missing\\n::error::pwned.yaml"\n' });
    writeFileSync(join(hostile, 'kustomization.yaml'), 'resources:\n- "missing\\n::error::pwned.yaml"\n');
    const r2 = runCli(['build', hostile], { timeoutMs: 20_000 });
    expect(r2.status).toBe(2);
    expect(r2.stderr).not.toMatch(/^::error/m);
    expect(r2.stderr).toMatch(/\\n::error::pwned/);
  });
});

describe('a credential written into a waiver', () => {
  const key = `AKIA${rand(16, UPPER_DIGITS)}`;
  const waived = `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    prodgate.dev/waive.image-no-latest-tag: reason="rotate ${key} later" expires=2099-01-01 owner="${key}"
spec:
  containers:
    - name: app
      image: nginx:latest
`;
  const dir = tree({ 'pod.yaml': waived });
  for (const format of formats) {
    it(`is masked in the ${format} report`, () => {
      const r = runCli(['check', 'pod.yaml', '--rule', 'image-no-latest-tag', '--format', format, '--today', '2026-01-01'], { cwd: dir, timeoutMs: 20_000 });
      expect([0, 1]).toContain(r.status);
      expect(r.stdout + r.stderr).not.toContain(key);
      if (format === 'json') expect(JSON.parse(r.stdout).findings[0].waived.reason).toMatch(/^rotate \[REDACTED\] later$/);
    });
  }
});

describe('errors about secret data', () => {
  const value = `Zq${rand(24)}`;
  it('name the key and line of a malformed secret literal, never the value', () => {
    const dir = tree({ 'kustomization.yaml': `secretGenerator:\n- name: s\n  literals:\n  - "${value}"\n` });
    const r = runCli(['build', dir], { timeoutMs: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/kustomization\.yaml:\d+(:\d+)?: invalid literal source/);
    expect(r.stderr).not.toContain(value);
  });

  it('name the target of a replacement from a Secret into a typed field, never the value', () => {
    const dir = tree({
      'kustomization.yaml':
        'resources:\n- s.yaml\nreplacements:\n- source:\n    kind: Secret\n    name: s\n    fieldPath: stringData.pw\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.replicas\n',
      's.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  pw: ${value}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1\n`,
    });
    for (const cmd of ['build', 'check']) {
      const r = runCli([cmd, dir], { timeoutMs: 20_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/kustomization\.yaml:12(:\d+)?: .*cannot decode/);
      expect(r.stderr).not.toContain(value);
    }
  });
});

describe('build --explain', () => {
  it('masks every value under a secret-looking name, short ones included, and nothing else', () => {
    const dir = tree({
      'kustomization.yaml': 'resources:\n- d.yaml\n',
      'd.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n        env:\n        - name: DB_PASSWORD\n          value: hunter\n        - name: API_TOKEN\n          value: short1\n        - name: LOG_LEVEL\n          value: debug\n',
    });
    const r = runCli(['build', dir, '--explain', 'Deployment/d'], { timeoutMs: 20_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/hunter|short1/);
    expect(r.stdout).toMatch(/env\[name=API_TOKEN\]\.value\s+\[REDACTED\]/);
    expect(r.stdout).toMatch(/env\[name=LOG_LEVEL\]\.value\s+"debug"/);
    expect(r.stdout).toMatch(/"nginx:1\.27"/);
  });
});

describe('over-redaction', () => {
  it('a Secret whose value is a word does not mask images, container names or other names', () => {
    const dir = tree({
      'all.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: postgres15
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: postgres15
spec:
  selector:
    matchLabels: {app: postgres15}
  template:
    metadata:
      labels: {app: postgres15}
    spec:
      containers:
        - name: postgres15
          image: postgres15:latest
`,
    });
    const r = runCli(['check', 'all.yaml', '--rule', 'image-no-latest-tag', '--format', 'json'], { cwd: dir, timeoutMs: 20_000 });
    expect(r.status).toBe(1);
    const finding = JSON.parse(r.stdout).findings[0];
    expect(finding.object.name).toBe('postgres15');
    expect(finding.message).toMatch(/postgres15:latest/);
    expect(r.stdout).not.toContain('[REDACTED]');
  });
});
