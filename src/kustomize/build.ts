import { UserError } from '../errors.js';
import type { BuildOptions, BuildResult } from './index.js';

export function build(dir: string, _options: BuildOptions = {}): BuildResult {
  throw new UserError(`kustomize rendering is not available yet for ${dir}`);
}
