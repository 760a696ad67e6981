/** PodDisruptionBudgets resolved to the replicated workloads they cover, once per estate. */
import type { Estate } from '../../engine/estate.js';
import { getPath, type Resource } from '../../core/resource.js';
import { estateIndex, type ReplicatedWorkload } from '../shared/estate-index.js';

export interface PdbCoverage {
  pdb: Resource;
  workloads: ReplicatedWorkload[];
  /** Pod templates selected that are not replicated workloads (bare pods, jobs). */
  otherPods: number;
}

export interface PdbIndex {
  pdbs: PdbCoverage[];
  /** PDBs covering each workload. */
  byWorkload: Map<ReplicatedWorkload, PdbCoverage[]>;
}

const cache = new WeakMap<Estate, PdbIndex>();

export function pdbIndex(estate: Estate): PdbIndex {
  const hit = cache.get(estate);
  if (hit) return hit;
  const idx = estateIndex(estate);
  const pdbs: PdbCoverage[] = [];
  const byWorkload = new Map<ReplicatedWorkload, PdbCoverage[]>();
  for (const pdb of estate.byKind('PodDisruptionBudget')) {
    const selector = getPath(pdb.body, ['spec', 'selector']);
    const cov: PdbCoverage = { pdb, workloads: [], otherPods: 0 };
    for (const t of idx.selectPods(selector, estate.namespaceOf(pdb))) {
      const w = idx.workloadOf(t);
      if (!w) {
        cov.otherPods++;
        continue;
      }
      cov.workloads.push(w);
      const l = byWorkload.get(w);
      if (l) l.push(cov);
      else byWorkload.set(w, [cov]);
    }
    pdbs.push(cov);
  }
  const out = { pdbs, byWorkload };
  cache.set(estate, out);
  return out;
}
