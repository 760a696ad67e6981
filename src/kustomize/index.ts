/**
 * Kustomize rendering: `build(dir)` runs kustomize v5.5's pipeline over a kustomization tree
 * and returns the resources in output order, with provenance.
 */
import type { KustomizationInfo } from './types.js';
import type { Resource } from '../core/resource.js';

export type LoadRestrictor = 'rootOnly' | 'none';

export interface BuildOptions {
  /** kustomize's --load-restrictor: files must lie under each kustomization root unless 'none'. */
  loadRestrictor?: LoadRestrictor;
  /** Directory that reported file paths are relative to (default: the current directory). */
  root?: string;
  /** kubectl kustomize's --reorder: 'legacy' (default) or 'none' (keep accumulation order). */
  reorder?: 'legacy' | 'none';
}

export interface BuildResult {
  resources: Resource[];
  /** Every kustomization file loaded, outermost first. */
  kustomizations: KustomizationInfo[];
  /** Warnings kustomize prints on stderr (deprecated fields…). */
  warnings: string[];
}

export { build } from './build.js';
