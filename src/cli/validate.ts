import { escapeControl } from '../report/escape.js';
import { Option, type Command } from 'commander';
import { loadCrdSchemaFiles } from '../analysis/schema/crd-files.js';
import { BUNDLED_KUBE_VERSION, schemaPackages } from '../analysis/schema/catalog.js';
import { compareVersions, parseKubeVersion } from '../analysis/deprecations.js';
import { UserError } from '../core/errors.js';
import { colorWanted, renderReport, reportFormats, type ReportFormat } from '../report/index.js';
import { emptyConfig, type ProdgateConfig } from '../engine/config.js';
import { runCheck } from '../index.js';
import { DEFAULT_KUBE_VERSION, isProfileName, KUBE_VERSION_RANGE, type FailThreshold } from '../engine/profiles.js';

const KUBE_VERSION_RANGE_TEXT = `1.${KUBE_VERSION_RANGE.min}–1.${KUBE_VERSION_RANGE.max}`;
import { checkKubeVersion, loadRestrictorOption, progressLine, writeOutputFile } from './options.js';
import { configSource } from './config-source.js';

interface ValidateFlags {
  format: ReportFormat;
  output?: string;
  config?: string;
  profile?: string;
  kubeVersion?: string;
  crdSchemas?: string[];
  unknownKinds?: 'error' | 'warn' | 'ignore';
  failOn?: FailThreshold;
  loadRestrictor: string;
  progress?: boolean;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description(
      'Validate every rendered object against the Kubernetes API schema of a target version (strict: unknown fields ' +
        'are errors), custom resources against their CRDs, and report deprecated or removed API versions.',
    )
    .argument('[paths...]', 'kustomization directories, manifest files or directories, or - for standard input', ['.'])
    .addOption(new Option('-f, --format <format>', 'report format').choices([...reportFormats]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option(
      '--kube-version <x.y>',
      `Kubernetes minor version to validate for, ${KUBE_VERSION_RANGE_TEXT} (default: from the config, else ${DEFAULT_KUBE_VERSION}, the newest released)`,
    )
    .option('--crd-schemas <path>', 'CustomResourceDefinition file or directory to take custom resource schemas from (repeatable)', collect)
    .addOption(
      new Option('--unknown-kinds <action>', 'what an object without a schema yields (default: warn)').choices(['error', 'warn', 'ignore']),
    )
    .option('-c, --config <file>', "config file for every path (default: each path's nearest .prodgate.yaml)")
    .addOption(new Option('--profile <profile>', 'profile (default: from the config, else prod)').choices(['dev', 'staging', 'prod']))
    .addOption(
      new Option('--fail-on <severity>', 'lowest severity that fails (default: by profile; prod: warning)').choices([
        'error',
        'warning',
        'info',
        'none',
      ]),
    )
    .addOption(loadRestrictorOption())
    .option('--no-progress', 'never print the progress line on stderr')
    .addHelpText(
      'after',
      `
Runs only the rules of the schema and deprecations concerns (see \`prodgate rules\`).
Bundled schemas: ${schemaPackages.map((p) => `${p.name}@${p.version}`).join(', ')}.

Exit codes: 0 valid, 1 findings at or above the fail threshold, 2 usage or input error.

Examples:
  $ prodgate validate overlays/production
  $ prodgate validate overlays/production --kube-version 1.29 --crd-schemas crds/
  $ helm template my-release ./chart | prodgate validate - --kube-version 1.30 --format json
  $ prodgate validate deploy/ --unknown-kinds error --format sarif -o schema.sarif`,
    )
    .action((paths: string[], flags: ValidateFlags) => {
      process.exitCode = runValidateCommand(paths, flags);
    });
}

/** `--config FILE` for every path; otherwise each path's nearest `.prodgate.yaml`, as `check` does. */
function validateConfigSource(flags: ValidateFlags) {
  const action = flags.unknownKinds;
  return configSource(flags.config, (found) =>
    found ? withUnknownKinds(found, action) : action ? withUnknownKinds(emptyConfig(process.cwd()), action) : undefined,
  );
}

/** The command line's `--unknown-kinds` wins over the config file and its environments. */
function withUnknownKinds(config: ProdgateConfig, action: string | undefined): ProdgateConfig {
  if (!action) return config;
  const set = (rules: ProdgateConfig['rules']) => ({
    ...rules,
    'schema-unknown-kind': { ...rules['schema-unknown-kind'], params: { ...rules['schema-unknown-kind']?.params, unknownKinds: action } },
  });
  return {
    ...config,
    rules: set(config.rules),
    environments: config.environments.map((e) => (e.rules ? { ...e, rules: set(e.rules) } : e)),
  };
}

export function runValidateCommand(paths: string[], flags: ValidateFlags): number {
  if (flags.profile !== undefined && !isProfileName(flags.profile)) throw new UserError(`unknown profile "${flags.profile}"`);
  const kubeVersion = checkKubeVersion(flags.kubeVersion);
  const wanted = kubeVersion ? parseKubeVersion(kubeVersion) : undefined;
  if (wanted && compareVersions(wanted, parseKubeVersion(BUNDLED_KUBE_VERSION)!) > 0) {
    process.stderr.write(
      `note: the bundled schemas carry Kubernetes ${BUNDLED_KUBE_VERSION}; objects are validated against them, API versions against ${flags.kubeVersion}\n`,
    );
  }
  const externalCrds = loadCrdSchemaFiles(flags.crdSchemas ?? []);
  const progress = progressLine(flags.progress !== false);
  let run;
  try {
    run = runCheck({
      inputs: paths,
      ...validateConfigSource(flags),
      cli: {
        profile: flags.profile as 'dev' | 'staging' | 'prod' | undefined,
        failOn: flags.failOn,
        kubeVersion,
      },
      concerns: ['schema', 'deprecations'],
      load: { externalCrds, loadRestrictor: flags.loadRestrictor === 'LoadRestrictionsNone' ? 'none' : 'rootOnly' },
      onProgress: progress.onProgress,
    });
  } finally {
    progress.clear();
  }
  for (const t of run.targets) for (const w of t.warnings) process.stderr.write(`${escapeControl(w)}\n`);
  const toFile = flags.output !== undefined;
  const text = renderReport(flags.format, run, { color: !toFile && colorWanted(process.stdout) });
  if (toFile) writeOutputFile(flags.output!, text, '--output');
  else process.stdout.write(text);
  return run.passed ? 0 : 1;
}
