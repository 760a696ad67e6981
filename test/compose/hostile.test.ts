/**
 * Hostile Compose projects: each is refused with exit 2, a message naming the file (and line),
 * no stack trace, within a time and heap bound.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../helpers/hostile.js';
import { writeProject } from './helpers.js';

function refused(files: Record<string, string>, args: string[], message: RegExp, setup?: (dir: string) => void): void {
  const dir = writeProject(files);
  setup?.(dir);
  const r = runCli(['compose', ...args, 'config'], { cwd: dir, timeoutMs: 30_000, maxHeapMb: 256, env: { PRODGATE_DEBUG: '' } });
  expect(r.timedOut).toBe(false);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect(r.stdout).toBe('');
}

describe('hostile Compose inputs are refused with exit 2', () => {
  it('an alias bomb', () => {
    let yaml = 'x-a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 9; i++) yaml += `x-a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    yaml += 'services:\n  web:\n    image: x\n    command: *a9\n';
    refused({ 'compose.yaml': yaml }, ['-f', 'compose.yaml'], /compose\.yaml:\d+.*alias bomb refused/);
  });

  it('a file over the size limit', () => {
    refused({ 'compose.yaml': 'services:\n  web:\n    image: x\n' }, ['-f', 'compose.yaml', '-f', 'big.yml'], /big\.yml.*larger than the 64 MiB limit/, (dir) => {
      writeFileSync(join(dir, 'big.yml'), `x-pad: "${'a'.repeat(65 * 1024 * 1024)}"\n`);
    });
  });

  it('interpolation nested beyond the limit (recursion)', () => {
    const deep = `${'${A:-'.repeat(5000)}x${'}'.repeat(5000)}`;
    refused({ 'compose.yaml': `services:\n  web:\n    image: "${deep}"\n` }, ['-f', 'compose.yaml'], /compose\.yaml:3: services\.web\.image: interpolation nested deeper than/);
  });

  it('an .env variable defined in terms of itself does not loop', () => {
    const dir = writeProject({ 'compose.yaml': 'services:\n  web:\n    image: "x:${A}"\n', '.env': 'A=${A}${A}\nA=${A}${A}\n' });
    const r = runCli(['compose', 'config'], { cwd: dir, timeoutMs: 20_000, maxHeapMb: 256 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('image: "x:"');
  });

  it('env_file escaping the project directory', () => {
    refused({ 'compose.yaml': 'services:\n  web:\n    image: x\n    env_file: ../../../../etc/passwd\n' }, ['-f', 'compose.yaml'], /compose\.yaml:4: env file .* is outside the project directory/);
  });

  it('extends escaping the project directory', () => {
    refused({ 'compose.yaml': 'services:\n  web:\n    extends:\n      file: ../other/compose.yaml\n      service: web\n', '../other/compose.yaml': 'services:\n  web: {image: x}\n' }, ['-f', 'compose.yaml'], /compose\.yaml:3: Compose file .* is outside the project directory/);
  });

  it('include escaping the project directory', () => {
    refused({ 'compose.yaml': 'include:\n  - ../other/compose.yaml\nservices:\n  web: {image: x}\n', '../other/compose.yaml': 'services:\n  db: {image: x}\n' }, ['-f', 'compose.yaml'], /compose\.yaml:2: included file .* is outside the project directory/);
  });

  it('an include cycle', () => {
    refused({ 'compose.yaml': 'include: [a.yml]\nservices:\n  web: {image: x}\n', 'a.yml': 'include: [b.yml]\n', 'b.yml': 'include: [a.yml]\n' }, ['-f', 'compose.yaml'], /include cycle/);
  });

  it('an extends cycle', () => {
    refused({ 'compose.yaml': 'services:\n  a:\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n' }, ['-f', 'compose.yaml'], /compose\.yaml:\d+: Circular reference with extends/);
  });

  it('YAML nesting beyond the depth limit', () => {
    refused({ 'compose.yaml': `x-deep: ${'['.repeat(2000)}${']'.repeat(2000)}\nservices:\n  web: {image: x}\n` }, ['-f', 'compose.yaml'], /compose\.yaml:\d+.*nesting deeper than 256/);
  });

  it('a missing required variable', () => {
    refused({ 'compose.yaml': 'services:\n  web:\n    image: ${IMAGE:?IMAGE must be set}\n' }, ['-f', 'compose.yaml'], /compose\.yaml:3: services\.web\.image: required variable IMAGE is missing a value: IMAGE must be set/);
  });

  it('a directory with no Compose file', () => {
    refused({ 'README.md': 'nothing here' }, [], /no configuration file provided/);
  });
});
