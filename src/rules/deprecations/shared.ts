import { BUNDLED_KUBE_VERSION } from '../../analysis/schema/catalog.js';
import { deprecationStatus, parseKubeVersion, type DeprecationStatus } from '../../analysis/deprecations.js';
import { apiVersionOf, kindOf, type Resource } from '../../core/resource.js';
import type { RuleContext } from '../../engine/types.js';

/** Objects of the estate whose apiVersion is deprecated or removed at the context's target version. */
export function deprecatedObjects(ctx: RuleContext): { resource: Resource; status: DeprecationStatus }[] {
  const target = parseKubeVersion(ctx.kubeVersion) ?? parseKubeVersion(BUNDLED_KUBE_VERSION)!;
  const out: { resource: Resource; status: DeprecationStatus }[] = [];
  for (const resource of ctx.estate.resources) {
    const status = deprecationStatus(apiVersionOf(resource), kindOf(resource), target);
    if (status) out.push({ resource, status });
  }
  return out;
}
