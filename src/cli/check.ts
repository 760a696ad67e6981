import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadCrdSchemaFiles } from '../analysis/schema/crd-files.js';
import { UserError } from '../core/errors.js';
import { colorWanted, renderGithubStepSummary, renderReport, reportFormats, type ReportFormat } from '../report/index.js';
import { readBaseline, writeBaseline } from '../engine/baseline.js';
import { allRules, runCheck } from '../index.js';
import { unknownRuleError } from '../engine/config.js';
import { globToRegExp, pathGlobMatch } from '../core/glob.js';
import { DEFAULT_KUBE_VERSION, isProfileName, KUBE_VERSION_RANGE, type FailThreshold } from '../engine/profiles.js';
import { concerns, type Concern } from '../engine/types.js';
import { isValidDate } from '../engine/waivers.js';
import { checkKubeVersion, checkOutputPath, loadRestrictorOption, progressLine, writeOutputFile } from './options.js';
import { configSource } from './config-source.js';

interface CheckFlags {
  format: ReportFormat;
  output?: string;
  profile?: string;
  config?: string;
  kubeVersion?: string;
  rule: string[];
  disableRule: string[];
  concern: string[];
  ignore: string[];
  report: string[];
  failOn?: FailThreshold;
  baseline?: string;
  writeBaseline?: string;
  loadRestrictor: string;
  today?: string;
  progress?: boolean;
  strictConfig?: boolean;
  crdSchemas: string[];
}

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').filter(Boolean)];

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Render kustomizations or read manifests, judge them against the production contract, and report findings.')
    .argument('[paths...]', 'kustomization directories, manifest files or directories, or - for standard input', ['.'])
    .addOption(new Option('-f, --format <format>', 'report format').choices([...reportFormats]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--report <format=file>', 'also write a report in another format to a file (repeatable), e.g. sarif=prodgate.sarif', collect, [])
    .addOption(new Option('--profile <profile>', 'profile for every path (default: from the config, else prod)').choices(['dev', 'staging', 'prod']))
    .option('-c, --config <file>', 'config file (default: .prodgate.yaml in the current directory)')
    .option('--kube-version <x.y>', `Kubernetes minor version to judge against, 1.${KUBE_VERSION_RANGE.min}–1.${KUBE_VERSION_RANGE.max} (default: from the config, else ${DEFAULT_KUBE_VERSION}, the newest released)`)
    .option('--rule <id>', 'run only this rule (repeatable, or comma-separated)', collect, [])
    .option('--disable-rule <id>', 'do not run this rule (repeatable, or comma-separated)', collect, [])
    .option('--concern <concern>', `run only rules of this concern (repeatable, or comma-separated): ${concerns.join(', ')}`, collect, [])
    .addOption(
      new Option('--fail-on <severity>', 'lowest severity that fails the gate (default: by profile; prod: warning)').choices([
        'error',
        'warning',
        'info',
        'none',
      ]),
    )
    .option('--strict-config', "refuse a repository's .prodgate.yaml that loosens the gate (looser failOn, rules off, severities lowered): exit 2 naming the line")
    .option('--ignore <glob>', 'skip matching paths when searching directories (repeatable; relative to the current directory)', collect, [])
    .option('--baseline <file>', 'fail only on findings that are not in this baseline file')
    .option('--write-baseline <file>', 'write every active finding to a baseline file (and exit 0)')
    .option('--crd-schemas <path>', 'CustomResourceDefinition file or directory to validate custom resources against (repeatable)', collect, [])
    .addOption(loadRestrictorOption())
    .option('--no-progress', 'never print the progress line on stderr')
    .addOption(new Option('--today <date>', 'judge waiver expiry as of this date (YYYY-MM-DD)').hideHelp())
    .addHelpText(
      'after',
      `
Exit codes: 0 the gate passed, 1 findings at or above the fail threshold, 2 usage or input error.

Examples:
  $ prodgate check examples/lomash-wood/infra/kubernetes/overlays/production
  $ prodgate check .                                  # every overlay and manifest under the repository
  $ prodgate check deploy/pod.yaml --format json
  $ helm template my-release ./chart | prodgate check - --profile staging
  $ prodgate check clusters/prod --format sarif -o prodgate.sarif
  $ prodgate check clusters/prod --format github      # annotations in GitHub Actions
  $ prodgate check . --report sarif=prodgate.sarif --report junit=prodgate.xml   # one run, several reports
  $ prodgate check . --write-baseline .prodgate-baseline.json
  $ prodgate check . --baseline .prodgate-baseline.json --fail-on error
  $ prodgate check . --fail-on warning --strict-config   # CI: the repository cannot relax the gate
  $ prodgate check overlays/dev --profile dev --disable-rule image-digest-pinning
  $ prodgate check . --concern pod-security,secrets
  $ prodgate check . --ignore 'test/fixtures/**'`,
    )
    .action((paths: string[], flags: CheckFlags) => {
      process.exitCode = runCheckCommand(paths, flags);
    });
}

export function runCheckCommand(paths: string[], flags: CheckFlags): number {
  if (flags.profile !== undefined && !isProfileName(flags.profile)) throw new UserError(`unknown profile "${flags.profile}"`);
  const kubeVersion = checkKubeVersion(flags.kubeVersion);
  if (flags.today !== undefined && !isValidDate(flags.today)) throw new UserError(`--today must be a date (YYYY-MM-DD)`);
  if (flags.baseline && flags.writeBaseline) throw new UserError('use either --baseline or --write-baseline, not both');
  const extraReports = flags.report.map((spec) => {
    const m = /^([a-z]+)=(.+)$/.exec(spec);
    if (!m || !(reportFormats as readonly string[]).includes(m[1]!)) {
      throw new UserError(`--report expects FORMAT=FILE with FORMAT one of ${reportFormats.join(', ')}, not "${spec}"`);
    }
    return { format: m[1] as ReportFormat, file: m[2]! };
  });
  const known = new Set(allRules().map((r) => r.meta.id));
  for (const id of [...flags.rule, ...flags.disableRule]) {
    if (!known.has(id)) throw unknownRuleError(id);
  }
  for (const c of flags.concern) {
    if (!(concerns as readonly string[]).includes(c)) throw new UserError(`unknown concern "${c}"`, { hint: `concerns: ${concerns.join(', ')}` });
  }
  for (const g of flags.ignore) {
    try {
      globToRegExp(g);
    } catch (e) {
      throw new UserError(`--ignore ${JSON.stringify(g)} is not a valid glob${e instanceof UserError ? `: ${e.message}` : ''}`);
    }
  }
  const configs = configSource(flags.config);
  const baseline = flags.baseline ? readBaseline(flags.baseline) : undefined;
  const progress = progressLine(flags.progress !== false);
  let run;
  try {
    const externalCrds = loadCrdSchemaFiles(flags.crdSchemas ?? []);
    run = runCheck({
      inputs: paths,
      ...configs,
      cli: {
        profile: flags.profile as 'dev' | 'staging' | 'prod' | undefined,
        failOn: flags.failOn,
        kubeVersion,
      },
      only: flags.rule,
      disable: flags.disableRule,
      concerns: flags.concern.length ? (flags.concern as Concern[]) : undefined,
      baseline,
      today: flags.today,
      strictConfig: flags.strictConfig === true,
      load: {
        externalCrds,
        loadRestrictor: flags.loadRestrictor === 'LoadRestrictionsNone' ? 'none' : 'rootOnly',
        ignore: flags.ignore.length
          ? (abs) => {
              const rel = path.relative(process.cwd(), abs).split(path.sep).join('/');
              return flags.ignore.some((g) => pathGlobMatch(g, rel));
            }
          : undefined,
      },
      onProgress: progress.onProgress,
    });
  } finally {
    progress.clear();
  }
  // Kustomize's deprecation warnings are findings of the kustomize-deprecated-field rule here, not stderr noise.
  // Every destination is checked before anything is written: a refused run leaves no partial output.
  if (flags.writeBaseline) checkOutputPath(flags.writeBaseline, '--write-baseline');
  for (const r of extraReports) checkOutputPath(r.file, '--report');
  if (flags.output !== undefined) checkOutputPath(flags.output, '--output');
  if (flags.writeBaseline) {
    writeBaseline(flags.writeBaseline, run.findings, (file, text) => writeOutputFile(file, text, '--write-baseline'));
    process.stderr.write(`wrote ${run.findings.filter((f) => !f.waived).length} findings to ${flags.writeBaseline}\n`);
    return 0;
  }
  for (const r of extraReports) writeOutputFile(r.file, renderReport(r.format, run), '--report');
  const toFile = flags.output !== undefined;
  const text = renderReport(flags.format, run, { color: !toFile && colorWanted(process.stdout) });
  if (toFile) writeOutputFile(flags.output!, text, '--output');
  else process.stdout.write(text);
  // GitHub shows ten annotations per type; the rest go to the job's step summary when there is one.
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile && (flags.format === 'github' || extraReports.some((r) => r.format === 'github'))) {
    appendFileSync(summaryFile, renderGithubStepSummary(run));
  }
  return run.passed ? 0 : 1;
}
