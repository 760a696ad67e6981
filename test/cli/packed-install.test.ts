/**
 * The package as a user installs it: `npm pack`, then installed into a clean directory with
 * npm's own linking (the `bin` link in node_modules/.bin is what users run, under a name that is
 * not the entry file's). Installed offline from npm's cache, which `npm ci` filled: the lock file
 * given to the clean directory lists the same dependency versions as ours.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_TRACE } from '../helpers/hostile.js';

const repo = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name: string; version: string; license: string; dependencies: Record<string, string>; engines: unknown };
let dir: string;

function run(cmd: string, args: string[], cwd: string, timeout = 120_000) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'prodgate-packed-'));
  const built = run('npm', ['run', 'build', '--silent'], repo);
  expect(built.status, built.stderr).toBe(0);
  const packed = run('npm', ['pack', '--silent', '--pack-destination', dir], repo);
  expect(packed.status, packed.stderr).toBe(0);
  const tgz = packed.stdout.trim().split('\n').pop()!;
  // The clean project's lock: the package from the tarball, its runtime dependencies as we lock them.
  const ours = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const runtime = Object.fromEntries(Object.entries(ours.packages).filter(([k, v]) => k.startsWith('node_modules/') && !v.dev));
  const project = { name: 'clean-project', version: '1.0.0', dependencies: { [pkg.name]: `file:${tgz}` } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(project));
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify({
      name: project.name,
      version: project.version,
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: project.name, version: project.version, dependencies: project.dependencies },
        [`node_modules/${pkg.name}`]: {
          version: pkg.version,
          resolved: `file:${tgz}`,
          license: pkg.license,
          dependencies: pkg.dependencies,
          bin: { prodgate: 'dist/cli/bin.js' },
          engines: pkg.engines,
        },
        ...runtime,
      },
    }),
  );
  const installed = run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
  expect(installed.status, installed.stderr).toBe(0);
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the installed package', () => {
  const bin = () => join(dir, 'node_modules', '.bin', 'prodgate');

  it('answers --version through the npm bin link', () => {
    const r = run(bin(), ['--version'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('fails the gate on the example estate (exit 1, with findings)', () => {
    const r = run(bin(), ['check', join(repo, 'examples'), '--format', 'json'], dir);
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: unknown[] };
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('refuses a missing directory through npx (exit 2, a clear error, no stack trace)', () => {
    const r = run('npx', ['--no-install', 'prodgate', 'build', '/nonexistent'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: .*nonexistent/m);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('answers --help and checks a tree that needs no pattern under a 4 GB address-space limit', () => {
    // The RE2 WebAssembly module reserves more address space than that; it loads only when a pattern is used.
    const help = run('bash', ['-c', `ulimit -v 4000000; exec ${JSON.stringify(bin())} --help`], dir);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Usage: prodgate/);
    const pod = join(dir, 'pod.yaml');
    writeFileSync(pod, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n');
    const check = run('bash', ['-c', `ulimit -v 4000000; exec ${JSON.stringify(bin())} check ${JSON.stringify(pod)} --rule image-no-latest-tag`], dir);
    expect(check.status, check.stderr).toBe(1);
    expect(check.stdout).toMatch(/image-no-latest-tag/);
  });

  it('ships the rule docs its findings link to', () => {
    const r = run('node', ['-e', `console.log(require('fs').existsSync(require('path').join(${JSON.stringify(join(dir, 'node_modules', pkg.name, 'docs', 'rules'))}, 'run-as-non-root.md')))`], dir);
    expect(r.stdout.trim()).toBe('true');
  });
});
