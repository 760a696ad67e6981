import { escapeControl } from '../report/escape.js';
import { Option, type Command } from 'commander';
import { UserError } from '../core/errors.js';
import { explain, formatExplanation } from '../analysis/explain.js';
import { build } from '../kustomize/index.js';
import { emitStream } from '../yaml/emit.js';
import { loadRestrictorOption, writeOutputFile } from './options.js';

interface BuildCliOptions {
  output?: string;
  loadRestrictor: string;
  reorder?: string;
  explain?: string;
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('Render a kustomization directory exactly as `kubectl kustomize` does.')
    .argument('<dir>', 'kustomization directory')
    .option('-o, --output <file>', 'write the YAML stream to a file instead of stdout')
    .addOption(loadRestrictorOption())
    .option('--explain <KIND/NAME[.field.path]>', 'print each field of one rendered object with the file:line that set it')
    .addOption(
      new Option('--reorder <order>', "'legacy' (default) sorts by kind; 'none' keeps the order resources were accumulated in").choices([
        'legacy',
        'none',
      ]),
    )
    .addHelpText(
      'after',
      `
Nothing from the repository is ever executed or fetched: remote bases, Helm charts, exec and
Go plugins, and KRM functions are refused with an error naming the kustomization line.
Deprecation warnings go to stderr, as kustomize prints them.

Exit codes: 0 rendered, 2 usage or input error (the message names the file and line).

Examples:
  $ prodgate build examples/lomash-wood/overlays/production
  $ prodgate build clusters/prod -o /tmp/prod.rendered.yaml
  $ prodgate build overlays/dev --load-restrictor LoadRestrictionsNone
  $ prodgate build overlays/prod --explain Deployment/web.spec.template.spec.containers[0].image`,
    )
    .action((dir: string, opts: BuildCliOptions) => {
      if (dir === '-') {
        throw new UserError('build renders a kustomization directory; it cannot read standard input', {
          hint: 'a kustomization names files relative to its directory: pass the directory',
        });
      }
      const result = build(dir, {
        loadRestrictor: opts.loadRestrictor === 'LoadRestrictionsNone' ? 'none' : 'rootOnly',
        reorder: opts.reorder === 'none' ? 'none' : 'legacy',
      });
      for (const w of result.warnings) process.stderr.write(`${escapeControl(w)}\n`);
      if (opts.explain !== undefined) {
        process.stdout.write(formatExplanation(explain(result.resources, opts.explain)));
        return;
      }
      const text = emitStream(result.resources.map((r) => r.body));
      if (opts.output) writeOutputFile(opts.output, text, '--output');
      else process.stdout.write(text);
    });
}
