import { Option, type Command } from 'commander';
import { detectSecrets } from '../analysis/secrets/detectors.js';
import { KnownSecrets, redactDeep } from '../analysis/secrets/redact.js';
import { diffCompose, loadCompose, renderComposeJson, renderComposeYaml, renderDiffJson, renderDiffMarkdown, renderDiffText } from '../compose/index.js';
import { UserError } from '../core/errors.js';
import { isMap, type Value, type ValueMap } from '../core/provenance.js';
import { writeOutputFile } from './options.js';

interface ComposeCliOptions {
  file: string[];
  envFile: string[];
  profile: string[];
  projectName?: string;
  projectDirectory?: string;
  allResources?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Maps of a service whose values are judged together with their key (`DB_PASSWORD: …`). */
const NAMED_VALUES = [['environment'], ['labels'], ['annotations'], ['build', 'args']];

/**
 * The model with secret values masked: values the detectors judge secret under their key, and
 * every span that looks like a credential anywhere. docker compose prints them; prodgate's
 * outputs never do.
 */
export function redactComposeModel(model: ValueMap): ValueMap {
  const known = new KnownSecrets();
  const services = isMap(model.services) ? model.services : {};
  for (const svc of Object.values(services)) {
    for (const path of NAMED_VALUES) {
      const map = path.reduce<Value | undefined>((v, k) => (isMap(v) ? v[k] : undefined), svc);
      if (!isMap(map)) continue;
      for (const [k, v] of Object.entries(map)) if (typeof v === 'string' && detectSecrets(v, k).length > 0) known.add(v);
    }
  }
  return redactDeep(model, known);
}

export function registerCompose(program: Command): void {
  const compose = program
    .command('compose')
    .description('Compose projects: the merged model of base and override files, as docker compose v2 computes it.')
    .option('-f, --file <file>', 'Compose file (repeatable; later files override earlier ones)', collect, [])
    .option('--env-file <file>', 'env file for interpolation (repeatable; default: .env in the project directory)', collect, [])
    .option('--profile <profile>', 'enable a profile (repeatable; default: COMPOSE_PROFILES)', collect, [])
    .option('-p, --project-name <name>', 'project name (default: COMPOSE_PROJECT_NAME, `name:`, or the directory)')
    .option('--project-directory <dir>', 'project directory (default: the directory of the first file)')
    .option('--all-resources', 'keep networks, volumes, secrets and configs no enabled service uses')
    .addHelpText(
      'after',
      `
Options go before the subcommand, in docker compose's order. No Docker engine is used;
nothing is fetched or executed. Files the project names (env_file, extends, include) must
stay inside the project directory.

Examples:
  $ prodgate compose -f docker-compose.yml -f docker-compose.prod.yml config
  $ prodgate compose -f compose.yaml --env-file prod.env --profile worker config --format json`,
    );
  registerComposeDiff(compose);
  compose
    .command('config')
    .description('Print the merged, interpolated, normalised model, as `docker compose config` does.')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('-o, --output <file>', 'write the model to a file instead of stdout')
    .addHelpText(
      'after',
      `
Exit codes: 0 printed, 2 usage or input error (the message names the file and line).

Examples:
  $ prodgate compose -f docker-compose.yml -f docker-compose.prod.yml config
  $ prodgate compose config --format json`,
    )
    .action((opts: { format: string; output?: string }) => {
      const o = compose.opts<ComposeCliOptions>();
      const project = loadCompose({
        files: o.file,
        envFiles: o.envFile,
        profiles: o.profile,
        projectName: o.projectName,
        projectDirectory: o.projectDirectory,
        allResources: o.allResources,
        onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
      });
      const model = redactComposeModel(project.model);
      const text = opts.format === 'json' ? renderComposeJson(model) : renderComposeYaml(model);
      if (opts.output) writeOutputFile(opts.output, text, '--output');
      else process.stdout.write(text);
    });
}

/** compose options that take a value (to step over their values when reading the raw arguments). */
const VALUE_OPTIONS = new Set(['-f', '--file', '--env-file', '--profile', '-p', '--project-name', '--project-directory', '--format', '-o', '--output']);

/**
 * The two file lists of `compose diff -f a -f b --vs -f a -f c`. Read from the raw arguments,
 * because the order of -f around --vs matters and commander collects every -f into one list.
 */
export function diffSides(rawArgs: string[]): { left: string[]; right: string[] } {
  const composeAt = rawArgs.indexOf('compose');
  let i = composeAt + 1;
  for (; i < rawArgs.length && rawArgs[i] !== 'diff'; i++) {
    const t = rawArgs[i]!;
    if (t === '-f' || t === '--file' || t.startsWith('--file=')) {
      throw new UserError('compose diff: name the files of each side after `diff`: diff -f base.yml -f dev.yml --vs -f base.yml -f prod.yml');
    }
    if (VALUE_OPTIONS.has(t)) i++;
  }
  const left: string[] = [];
  const right: string[] = [];
  let side = left;
  let sawVs = false;
  for (i++; i < rawArgs.length; i++) {
    const t = rawArgs[i]!;
    if (t === '--vs') {
      if (sawVs) throw new UserError('compose diff: --vs given twice');
      sawVs = true;
      side = right;
    } else if (t === '-f' || t === '--file') {
      const v = rawArgs[++i];
      if (v === undefined) throw new UserError(`compose diff: ${t} needs a file`);
      side.push(v);
    } else if (t.startsWith('--file=')) side.push(t.slice('--file='.length));
    else if (VALUE_OPTIONS.has(t)) i++;
  }
  if (!sawVs || left.length === 0 || right.length === 0) {
    throw new UserError('compose diff needs the files of both sides: diff -f base.yml -f dev.yml --vs -f base.yml -f prod.yml');
  }
  return { left, right };
}

function rootOf(cmd: Command): Command {
  let c = cmd;
  while (c.parent) c = c.parent;
  return c;
}

export function registerComposeDiff(compose: Command): void {
  compose
    .command('diff')
    .description('What changes between two configurations of a stack (dev vs prod): one row per service and aspect.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('-o, --output <file>', 'write the table to a file instead of stdout')
    .option('--vs', 'separates the files of the first configuration from those of the second')
    .addHelpText(
      'after',
      `
Rows: image, command, each environment variable, published ports, volumes and mounts, resource
limits, healthcheck timings, replicas, restart policy, and services defined on one side only.
Secret values are never printed: such a row says only "(secret, changed)".

Exit codes: 0 printed (differences are not a failure), 2 usage or input error.

Examples:
  $ prodgate compose diff -f docker-compose.yml -f docker-compose.dev.yml --vs -f docker-compose.yml -f docker-compose.prod.yml
  $ prodgate compose --env-file .env.prod diff -f base.yml --vs -f base.yml -f prod.yml --format markdown`,
    )
    .action((opts: { format: string; output?: string }, cmd: Command) => {
      const o = compose.opts<ComposeCliOptions>();
      const { left, right } = diffSides((rootOf(cmd) as unknown as { rawArgs: string[] }).rawArgs);
      const load = (files: string[]) =>
        loadCompose({
          files,
          envFiles: o.envFile,
          profiles: o.profile,
          projectName: o.projectName,
          projectDirectory: o.projectDirectory,
          onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
        });
      const diff = diffCompose(load(left), load(right), (name, value) => detectSecrets(value, name).length > 0);
      const text = opts.format === 'json' ? renderDiffJson(diff) : opts.format === 'markdown' ? renderDiffMarkdown(diff) : renderDiffText(diff);
      if (opts.output) writeOutputFile(opts.output, text, '--output');
      else process.stdout.write(text);
    });
}
