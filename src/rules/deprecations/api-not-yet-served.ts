import { yamlBlock } from '../shared/snippet.js';
import { BUNDLED_KUBE_VERSION } from '../../analysis/schema/catalog.js';
import { notYetServed, parseKubeVersion } from '../../analysis/deprecations.js';
import { apiVersionOf, kindOf } from '../../core/resource.js';
import { defineRule } from '../../engine/rule.js';
import { manifests } from '../shared/examples.js';

const cronJob = manifests({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'backup' },
  spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'backup', image: 'registry.example.com/backup:1.0' }] } } } } },
});
const deviceClass = manifests({ apiVersion: 'resource.k8s.io/v1', kind: 'DeviceClass', metadata: { name: 'gpu' }, spec: { selectors: [{ cel: { expression: 'device.driver == "gpu.example.com"' } }] } });

/**
 * No object uses an apiVersion that the target Kubernetes version does not serve yet, such as
 * `batch/v1` CronJob on a 1.20 cluster or `autoscaling/v2` on 1.22.
 */
export const rule = defineRule({
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
    yamlBlock(['# .prodgate.yaml', 'environments:', '  - paths: ["overlays/legacy"]', '    kubeVersion: "1.20"']),
  examples: {
    bad: [
      { description: '`batch/v1` CronJob for a cluster that still runs 1.20.', yaml: cronJob, kubeVersion: '1.20', message: 'served from Kubernetes 1.21' },
      { description: 'A `resource.k8s.io/v1` DeviceClass (stable in 1.34) for a 1.33 cluster.', yaml: deviceClass, kubeVersion: '1.33' },
    ],
    good: [
      { description: 'The same CronJob on a 1.21 cluster.', yaml: cronJob, kubeVersion: '1.21' },
      { description: 'The DeviceClass on the default (newest) version.', yaml: deviceClass },
    ],
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
});
