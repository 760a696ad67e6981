/**
 * Runs the CLI in this process with stdout and stderr captured, from a given working directory.
 * Call `inProcessCli()` at the top of a test file: it installs the capture before each test and
 * restores the process after it.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export function inProcessCli(): { run(dir: string, ...args: string[]): Promise<CliOutcome>; clear(): void } {
  let out: string[] = [];
  let err: string[] = [];
  let cwd = process.cwd();
  beforeEach(() => {
    out = [];
    err = [];
    cwd = process.cwd();
    process.exitCode = undefined;
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.chdir(cwd);
    process.exitCode = undefined;
  });
  return {
    async run(dir, ...args) {
      process.chdir(dir);
      const code = await main(['node', 'prodgate', ...args]);
      return { code, stdout: out.join(''), stderr: err.join('') };
    },
    clear() {
      out = [];
      err = [];
    },
  };
}
