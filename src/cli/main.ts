/**
 * prodgate's command line. Each command lives in its own module and registers itself here.
 * Errors: a UserError prints `error: file:line: message` and exits 2; anything else is a bug,
 * printed without a stack trace unless PRODGATE_DEBUG is set, and also exits 2.
 */
import { Command, CommanderError } from 'commander';
import { isUserError } from '../core/errors.js';
import { escapeControl } from '../report/escape.js';
import { formatLocation } from '../core/location.js';
import { startReadLog } from '../input/files.js';
import { registerBuild } from './build.js';
import { registerCheck } from './check.js';
import { registerCompose } from './compose.js';
import { registerInit } from './init.js';
import { registerReach } from './reach.js';
import { registerRules } from './rules.js';
import { registerValidate } from './validate.js';
import { VERSION } from '../core/version.js';

export function createProgram(): Command {
  const program = new Command();
  program
    .name('prodgate')
    .description('The production gate for deployment repositories: render, check, explain.')
    .version(VERSION)
    // One line of guidance, not the whole help: the error itself must stay easy to spot.
    .showHelpAfterError("(add --help for this command's options and examples)")
    .exitOverride()
    .addHelpText(
      'after',
      `
Exit codes: 0 pass, 1 findings at or above the fail threshold (check, validate), 2 usage or input error.
Colour is used only on a terminal, never when NO_COLOR is set.

Examples:
  $ prodgate check overlays/production
  $ prodgate validate overlays/production --kube-version 1.31
  $ prodgate build overlays/production
  $ prodgate reach overlays/production --to app=postgres
  $ prodgate rules pod-security
  $ prodgate init                # propose a .prodgate.yaml for this repository`,
    );
  registerBuild(program);
  registerCheck(program);
  registerValidate(program);
  registerReach(program);
  registerRules(program);
  registerCompose(program);
  registerInit(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  // Outputs must never overwrite what the run read (checkOutputPath).
  startReadLog();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return 0;
      return 2;
    }
    if (isUserError(e)) {
      // Only the hint's own line break survives: a file or object name cannot start a line.
      const where = e.location ? `${formatLocation(e.location)}: ` : '';
      process.stderr.write(`error: ${escapeControl(where + e.message)}${e.hint ? `\n  hint: ${escapeControl(e.hint)}` : ''}\n`);
      return 2;
    }
    const err = e as Error;
    process.stderr.write(`error: internal error: ${escapeControl(err?.message ?? String(e))}\n`);
    if (process.env.PRODGATE_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    return 2;
  }
}
