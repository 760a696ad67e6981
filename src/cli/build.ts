import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { explain, formatExplanation } from '../kustomize/explain.js';
import { build } from '../kustomize/index.js';
import { emitStream } from '../yaml/emit.js';

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
    .option('--load-restrictor <mode>', 'LoadRestrictionsRootOnly (default) or LoadRestrictionsNone', 'LoadRestrictionsRootOnly')
    .option('--explain <KIND/NAME[.field.path]>', 'print each field of one rendered object with the file:line that set it')
    .option('--reorder <order>', "'legacy' (default) sorts by kind; 'none' keeps the order resources were accumulated in")
    .addHelpText(
      'after',
      `
Nothing from the repository is ever executed or fetched: remote bases, Helm charts, exec and
Go plugins, and KRM functions are refused with an error naming the kustomization line.
Deprecation warnings go to stderr, as kustomize prints them.

Examples:
  $ prodgate build examples/lomash-wood/overlays/production
  $ prodgate build clusters/prod -o /tmp/prod.rendered.yaml
  $ prodgate build overlays/dev --load-restrictor LoadRestrictionsNone
  $ prodgate build overlays/prod --explain Deployment/web.spec.template.spec.containers[0].image`,
    )
    .action((dir: string, opts: BuildCliOptions) => {
      if (opts.loadRestrictor !== 'LoadRestrictionsRootOnly' && opts.loadRestrictor !== 'LoadRestrictionsNone') {
        throw new UserError(`--load-restrictor must be LoadRestrictionsRootOnly or LoadRestrictionsNone, not '${opts.loadRestrictor}'`);
      }
      if (opts.reorder !== undefined && opts.reorder !== 'legacy' && opts.reorder !== 'none') {
        throw new UserError(`--reorder must be 'legacy' or 'none', not '${opts.reorder}'`);
      }
      const result = build(dir, {
        loadRestrictor: opts.loadRestrictor === 'LoadRestrictionsNone' ? 'none' : 'rootOnly',
        reorder: opts.reorder === 'none' ? 'none' : 'legacy',
      });
      for (const w of result.warnings) process.stderr.write(`${w}\n`);
      if (opts.explain !== undefined) {
        process.stdout.write(formatExplanation(explain(result.resources, opts.explain)));
        return;
      }
      const text = emitStream(result.resources.map((r) => r.body));
      if (opts.output) writeFileSync(opts.output, text);
      else process.stdout.write(text);
    });
}
