/** Roles, their rules and the bindings that grant them, normalised once per estate. */
import type { Estate } from '../../engine/estate.js';
import { isMap, type ValuePath } from '../../core/provenance.js';
import { apiVersionOf, getList, getPath, groupOf, str, type Resource } from '../../core/resource.js';

export interface PolicyRule {
  role: Resource;
  index: number;
  path: ValuePath;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  /** Names the rule is limited to (empty: every object of the resources). */
  resourceNames: string[];
}

const cache = new WeakMap<Estate, PolicyRule[]>();

const isRbac = (r: Resource) => groupOf(apiVersionOf(r)) === 'rbac.authorization.k8s.io';

/** Objects of the given RBAC kinds, in estate order. */
function ofKinds(estate: Estate, kinds: string[]): Resource[] {
  const found = new Set(kinds.flatMap((k) => estate.byKind(k)).filter(isRbac));
  return found.size === 0 ? [] : estate.resources.filter((r) => found.has(r));
}

export function roles(estate: Estate): Resource[] {
  return ofKinds(estate, ['Role', 'ClusterRole']);
}

export function bindings(estate: Estate): Resource[] {
  return ofKinds(estate, ['RoleBinding', 'ClusterRoleBinding']);
}

export function policyRules(estate: Estate): PolicyRule[] {
  let out = cache.get(estate);
  if (out) return out;
  out = [];
  for (const role of roles(estate)) {
    getList(role.body, ['rules']).forEach((rule, index) => {
      if (!isMap(rule)) return;
      const list = (k: string) => getList(rule, [k]).map((v) => str(v));
      out!.push({
        role,
        index,
        path: ['rules', index],
        apiGroups: list('apiGroups'),
        resources: list('resources'),
        verbs: list('verbs').map((v) => v.toLowerCase()),
        resourceNames: list('resourceNames'),
      });
    });
  }
  cache.set(estate, out);
  return out;
}

/** The role a binding grants: kind and name from `roleRef`. */
export function roleRefOf(binding: Resource): { kind: string; name: string } {
  return { kind: str(getPath(binding.body, ['roleRef', 'kind'])), name: str(getPath(binding.body, ['roleRef', 'name'])) };
}
