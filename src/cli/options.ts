/**
 * Option checks and output helpers the commands share, so every command rejects the same bad
 * input with the same message.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import { UserError } from '../core/errors.js';
import { wasReadAsInput } from '../input/files.js';
import type { Target } from '../input/load.js';
import { CONFIG_FILE_NAMES } from '../engine/config.js';
import { kubeVersionProblem } from '../engine/profiles.js';

export const LOAD_RESTRICTORS = ['LoadRestrictionsRootOnly', 'LoadRestrictionsNone'] as const;

export function loadRestrictorOption(): Option {
  return new Option('--load-restrictor <mode>', 'whether kustomizations may read files outside their own directory tree')
    .choices([...LOAD_RESTRICTORS])
    .default('LoadRestrictionsRootOnly');
}

/** `1.33` or `v1.33`; Kubernetes has had only major version 1. */
export function checkKubeVersion(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^v?([0-9]+)\.([0-9]+)$/.exec(value);
  if (!m || m[1] !== '1' || m[2]!.length > 3) throw new UserError(`--kube-version must look like 1.33, not "${value}"`);
  const version = `1.${Number(m[2])}`;
  const problem = kubeVersionProblem(version);
  if (problem) throw new UserError(`--kube-version: ${problem}`);
  return version;
}

/**
 * Refuses an output path that would overwrite one of the run's inputs (a manifest, a
 * kustomization or any file it read, a config file, the baseline), by any path to it.
 * Commands call it for every destination before writing any, so a refused run writes nothing.
 */
export function checkOutputPath(file: string, option: string): void {
  const refuse = (why: string) => new UserError(`${option}: refusing to write ${file}: ${why}`, { hint: 'write outputs outside the inputs' });
  if (wasReadAsInput(file)) throw refuse('it is an input of this run and would be overwritten');
  if (CONFIG_FILE_NAMES.includes(path.basename(file))) throw refuse('it would replace a prodgate configuration file');
}

/** Writes a report or rendered stream; a bad destination is an input error, not a crash. */
export function writeOutputFile(file: string, text: string, option: string): void {
  checkOutputPath(file, option);
  try {
    writeFileSync(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'it is a directory' : code === 'ENOENT' ? 'its directory does not exist' : (code ?? (e as Error).message);
    throw new UserError(`${option}: cannot write ${file}: ${why}`);
  }
}

/** Where the search for a target's nearest `.prodgate.yaml` starts: its directory, or the current one for stdin. */
export function configSearchStart(t: Target | undefined, cwd: string): string {
  if (t?.abs === undefined) return cwd;
  return t.files?.length === 1 && t.files[0] === t.abs ? path.dirname(t.abs) : t.abs;
}


/**
 * The `checking 3/12: overlays/prod` line on stderr while targets load, only on a terminal.
 * Overwritten with spaces rather than an erase-line escape, so not even it carries ANSI codes.
 */
export function progressLine(enabled: boolean): { onProgress: (i: number, total: number, target: Target) => void; clear: () => void } {
  const show = enabled && process.stderr.isTTY === true;
  let shown = 0;
  const clear = () => {
    if (show && shown) process.stderr.write(`\r${' '.repeat(shown)}\r`);
    shown = 0;
  };
  return {
    onProgress: (i, total, target) => {
      if (!show) return;
      const line = `checking ${i + 1}/${total}: ${target.input.path}`;
      clear();
      process.stderr.write(line);
      shown = line.length;
    },
    clear,
  };
}
