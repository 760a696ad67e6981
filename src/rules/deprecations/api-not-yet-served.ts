import { BUNDLED_KUBE_VERSION } from '../../analysis/schema/catalog.js';
import { notYetServed, parseKubeVersion } from '../../analysis/deprecations.js';
import { apiVersionOf, kindOf } from '../../core/resource.js';
import type { Rule } from '../../engine/types.js';

/**
 * No object uses an apiVersion that the target Kubernetes version does not serve yet, such as
 * `batch/v1` CronJob on a 1.20 cluster or `autoscaling/v2` on 1.22.
 */
export const apiNotYetServed: Rule = {
  meta: {
    id: 'api-not-yet-served',
    title: 'No API versions newer than the target Kubernetes version',
    concern: 'deprecations',
    severity: 'error',
    rationale:
      'A manifest migrated to a new apiVersion ahead of the cluster upgrade fails to apply on the older cluster ' +
      '("no matches for kind"), so the target version of each environment has to serve every apiVersion it uses.',
    remediation:
      'Keep the older apiVersion for environments that still run the older release (an overlay per environment), ' +
      'or raise the environment\'s `kubeVersion` once its clusters are upgraded:\n\n' +
      '```yaml\n# .prodgate.yaml\nenvironments:\n  - paths: ["overlays/legacy"]\n    kubeVersion: "1.20"\n```',
  },
  check(ctx) {
    const target = parseKubeVersion(ctx.kubeVersion) ?? parseKubeVersion(BUNDLED_KUBE_VERSION)!;
    for (const resource of ctx.estate.resources) {
      const apiVersion = apiVersionOf(resource);
      const kind = kindOf(resource);
      const since = notYetServed(apiVersion, kind, target);
      if (!since) continue;
      ctx.report({
        resource,
        path: ['apiVersion'],
        message: `${apiVersion} ${kind} is served from Kubernetes ${since}; the target version ${target[0]}.${target[1]} does not serve it yet`,
      });
    }
  },
};
