/** Where a command's config comes from: `--config FILE`, or each target's nearest `.prodgate.yaml`. */
import path from 'node:path';
import type { Target } from '../input/load.js';
import { checkRuleReferences, loadConfig, nearestConfig, type ProdgateConfig } from '../engine/config.js';
import { allRules } from '../index.js';
import { configSearchStart } from './options.js';

/**
 * `--config FILE` for every path; otherwise each path's nearest `.prodgate.yaml` (see
 * docs/configuration.md). `adjust` lets a command impose its own settings on whichever config applies.
 */
export function configSource(
  configFlag: string | undefined,
  adjust: (config: ProdgateConfig | undefined) => ProdgateConfig | undefined = (c) => c,
): { config?: ProdgateConfig; configFor?: (t: Target) => ProdgateConfig | undefined } {
  const cwd = process.cwd();
  if (configFlag) {
    const config = loadConfig(path.resolve(cwd, configFlag), configFlag);
    checkRuleReferences(config, allRules());
    return { config: adjust(config) };
  }
  const cache = new Map<string, ProdgateConfig | undefined>();
  return { configFor: (t) => adjust(nearestConfig(configSearchStart(t, cwd), cache, cwd)) };
}
