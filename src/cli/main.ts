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

/**
 * Each command's module, loaded only when that command runs: `prodgate build` must not pay for
 * the rules, schemas and report writers that `check` needs (start-up is most of a small run).
 */
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  build: async () => (await import('./build.js')).registerBuild,
  check: async () => (await import('./check.js')).registerCheck,
  validate: async () => (await import('./validate.js')).registerValidate,
  reach: async () => (await import('./reach.js')).registerReach,
  rules: async () => (await import('./rules.js')).registerRules,
  compose: async () => (await import('./compose.js')).registerCompose,
  init: async () => (await import('./init.js')).registerInit,
};

/** The command a command line names: the first argument that is not an option. */
function commandOf(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((a) => !a.startsWith('-'));
}
import { VERSION } from '../core/version.js';

/** The program with the named command registered, or every command (help, unknown commands). */
export async function createProgram(argv: readonly string[] = []): Promise<Command> {
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
  const named = commandOf(argv);
  const versionOnly = named === undefined && argv.some((a) => a === '--version' || a === '-V');
  const wanted = named !== undefined && named in COMMANDS ? [named] : versionOnly ? [] : Object.keys(COMMANDS);
  for (const name of wanted) (await COMMANDS[name]!())(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await createProgram(argv);
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
