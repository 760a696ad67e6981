/**
 * `replicas:` (kustomize's ReplicaCountTransformer): sets spec/replicas on the workloads whose
 * current or any previous name matches.
 */
import { UserError } from '../core/errors.js';
import type { Location } from '../core/location.js';
import { setEntryOrigin } from '../core/provenance.js';
import { defaultReplicas } from './config.js';
import { type FieldSpec, visitFieldSpec } from './fieldspec.js';
import { allIds, gvkSelected } from './ids.js';
import type { KResource } from './types.js';

export interface ReplicaRule {
  name: string;
  count: number | bigint;
}

function gvkString(fs: FieldSpec): string {
  return `${fs.kind || '[noKind]'}.${fs.version || '[noVer]'}.${fs.group || '[noGrp]'}`;
}

export function applyReplicas(resources: KResource[], rule: ReplicaRule, specs: FieldSpec[] = defaultReplicas, origin?: Location): KResource[] {
  let found = false;
  for (const fs of specs) {
    const matching = resources.filter((r) => allIds(r).some((id) => id.name === rule.name && gvkSelected(id, fs)));
    if (matching.length === 0) continue;
    found = true;
    for (const r of matching) {
      visitFieldSpec(
        r.body,
        fs,
        (parent, key) => {
          parent[key] = typeof rule.count === 'bigint' ? rule.count : rule.count;
          setEntryOrigin(parent, key, origin);
        },
        { createKind: 'scalar', origin },
      );
    }
  }
  if (!found) {
    throw new UserError(
      `resource with name ${rule.name} does not match a config with the following GVK [${specs.map(gvkString).join(' ')}]`,
      { location: origin },
    );
  }
  return resources;
}
