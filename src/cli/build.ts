import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { build } from '../kustomize/index.js';
import { emitStream } from '../yaml/emit.js';

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('Render a kustomization directory exactly as `kubectl kustomize` does.')
    .argument('<dir>', 'kustomization directory')
    .option('-o, --output <file>', 'write the YAML stream to a file instead of stdout')
    .option('--load-restrictor <mode>', 'LoadRestrictionsRootOnly (default) or LoadRestrictionsNone', 'LoadRestrictionsRootOnly')
    .addHelpText(
      'after',
      `
Examples:
  $ prodgate build examples/lomash-wood/overlays/production
  $ prodgate build clusters/prod -o /tmp/prod.rendered.yaml`,
    )
    .action((dir: string, opts: { output?: string; loadRestrictor: string }) => {
      const result = build(dir, { loadRestrictor: opts.loadRestrictor === 'LoadRestrictionsNone' ? 'none' : 'rootOnly' });
      for (const w of result.warnings) process.stderr.write(`${w}\n`);
      const text = emitStream(result.resources.map((r) => r.body));
      if (opts.output) writeFileSync(opts.output, text);
      else process.stdout.write(text);
    });
}
