import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { parseLabelQuery, reachQuery } from '../analysis/network/query.js';
import { reachJson, reachMarkdown, reachText } from '../analysis/network/render.js';
import { discoverTargets } from '../input/load.js';
import { loadTarget } from '../engine/load.js';
import { loadConfig, nearestConfig } from '../engine/config.js';
import { configSearchStart } from './options.js';

interface ReachOptions {
  to: string;
  namespace?: string;
  format: string;
  config?: string;
}

export function registerReach(program: Command): void {
  program
    .command('reach')
    .description('Show who can reach a workload, on which ports, and which NetworkPolicy rule or exposure opens each path.')
    .argument('<paths...>', 'kustomization directories, manifest files or directories, or - for stdin')
    .requiredOption('--to <labels>', 'pod labels of the target workload(s), e.g. app=qdrant (name=<workload> also works)')
    .option('-n, --namespace <namespace>', 'only targets in this namespace')
    .option('-f, --format <format>', 'text, json or markdown', 'text')
    .option('-c, --config <file>', 'configuration file (default: the nearest .prodgate.yaml above the first path)')
    .addHelpText(
      'after',
      `
Exit codes: 0 the query was answered, 2 usage or input error (also when no workload has the --to labels).

Examples:
  $ prodgate reach examples/kfm/infra/clusters/prod --to app=vector
  $ prodgate reach clusters/prod --to app=qdrant --format json
  $ kubectl kustomize overlays/prod | prodgate reach - --to app=postgres --format markdown`,
    )
    .action((paths: string[], opts: ReachOptions) => {
      if (!['text', 'json', 'markdown'].includes(opts.format)) {
        throw new UserError(`unknown format "${opts.format}"`, { hint: 'use text, json or markdown' });
      }
      const selector = parseLabelQuery(opts.to);
      const targetsToLoad = discoverTargets(paths);
      // As `check` does: --config for every path, else the nearest .prodgate.yaml above the first path.
      const start = configSearchStart(targetsToLoad[0], process.cwd());
      const config = opts.config ? loadConfig(path.resolve(opts.config), opts.config) : nearestConfig(start);
      const estates = targetsToLoad.map((t) => loadTarget(t).estate);
      const targets = reachQuery(estates, selector, {
        namespace: opts.namespace,
        namespaceLabels: config?.settings.network.namespaceLabels ?? {},
      });
      if (targets.length === 0) {
        throw new UserError(`no workload has pod labels ${opts.to}${opts.namespace ? ` in namespace ${opts.namespace}` : ''}`);
      }
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(reachJson(targets), null, 2)}\n`);
      else if (opts.format === 'markdown') process.stdout.write(reachMarkdown(targets));
      else process.stdout.write(reachText(targets));
    });
}
