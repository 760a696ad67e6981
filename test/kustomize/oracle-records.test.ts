/**
 * The recorded oracle answers: how kubectl's error output becomes a record that does not depend
 * on the machine, how records are read back, and how the live re-check refuses to run without
 * kubectl instead of reporting "no drift".
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatErrorRecord, oracleMessage, parseErrorRecord, recordedFixture, repoRoot, writeFixtureRecord } from '../helpers/oracle.js';

const tmp = mkdtempSync(join(tmpdir(), 'prodgate-records-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("kubectl's error message", () => {
  it('is read from a one-line log entry, unquoted', () => {
    const stderr = 'E1202 17:50:34.096852   14632 run.go:72] "command failed" err="no resource matches \\"ConfigMap.v1.[noGrp]/zz\\"\\nsecond line"\n';
    expect(oracleMessage(stderr)).toBe('no resource matches "ConfigMap.v1.[noGrp]/zz"');
  });

  it('is read from a multi-line log entry, after the warnings', () => {
    const stderr = "# Warning: 'bases' is deprecated.\nE1202 17:50:36.292185   14818 run.go:72] \"command failed\" err=<\n\tmap[string]interface {}(nil): yaml: unmarshal errors:\n\t  line 7: mapping key \"a\" already defined at line 6\n >\n";
    expect(oracleMessage(stderr)).toBe('map[string]interface {}(nil): yaml: unmarshal errors:');
  });

  it('is read from a plain error line', () => {
    expect(oracleMessage('error: accumulating resources: missing.yaml\n')).toBe('accumulating resources: missing.yaml');
  });
});

describe('records', () => {
  it('round-trip an error record and refuse one without status or file', () => {
    const rec = { ok: false as const, status: 1, file: 'app/a.yaml', message: 'bad: thing', warnings: [] };
    expect(parseErrorRecord(formatErrorRecord(rec), 'x')).toEqual({ ok: false, status: 1, file: 'app/a.yaml', message: 'bad: thing' });
    expect(parseErrorRecord('status: 1\nfile: -\nmessage: m\n', 'x').file).toBeNull();
    expect(() => parseErrorRecord('file: -\n', 'x/expected-error.txt')).toThrow(/x\/expected-error.txt/);
    expect(() => parseErrorRecord('status: 0\nfile: -\n', 'x')).toThrow();
  });

  it('replace a previous answer of the other kind', () => {
    const dir = join(tmp, 'case-a');
    mkdirSync(dir);
    const c = { name: 'case-a', dir, args: [] };
    writeFixtureRecord(c, { ok: false, status: 1, file: null, message: 'm', warnings: ['# Warning: w'] }, tmp);
    writeFixtureRecord(c, { ok: true, stdout: 'a: 1\n', warnings: [] }, tmp);
    expect(recordedFixture(c, tmp)).toEqual({ ok: true, stdout: 'a: 1\n', warnings: [] });
  });

  it('are required: a fixture without one fails with the command that records it', () => {
    const dir = join(tmp, 'case-b');
    mkdirSync(dir);
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources: []\n');
    expect(() => recordedFixture({ name: 'case-b', dir, args: [] }, tmp)).toThrow(/conformance:live -- --write --only 'case-b'/);
  });
});

describe('conformance:live', () => {
  it('fails, naming kubectl, where kubectl is not on PATH', () => {
    const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const r = spawnSync(process.execPath, [tsx, join(repoRoot, 'scripts', 'conformance-live.ts'), '--only', 'basic-configmap'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, PATH: tmp },
      timeout: 60_000,
    });
    expect(r.stderr).toContain('error: kubectl is not available');
    expect(r.status).toBe(2);
  });
});
