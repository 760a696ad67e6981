import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { deprecatedObjects } from './shared.js';
import { manifests } from '../shared/examples.js';

const pdb = (apiVersion: string) => manifests({ apiVersion, kind: 'PodDisruptionBudget', metadata: { name: 'api' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'api' } } } });

/** No object uses an apiVersion that the target Kubernetes version no longer serves. */
export const rule = defineRule({
  id: 'api-removed',
  title: 'No API versions the target Kubernetes version no longer serves',
  concern: 'deprecations',
  severity: 'error',
  rationale:
    'An object whose apiVersion the cluster no longer serves cannot be applied at all: the rollout fails with ' +
    '"no matches for kind", typically right after a cluster upgrade.',
  remediation:
    'Move the object to the replacement apiVersion named in the finding and adapt the fields that changed. ' +
    'For an Ingress:\n\n' +
    yamlBlock(['apiVersion: networking.k8s.io/v1   # was extensions/v1beta1', 'kind: Ingress', 'spec:', '  rules:', '    - http:', '        paths:', '          - path: /', '            pathType: Prefix', '            backend:', '              service:', '                name: web', '                port:', '                  number: 80']),
  examples: {
    bad: [
      { description: '`policy/v1beta1` PodDisruptionBudget, no longer served since Kubernetes 1.25.', yaml: pdb('policy/v1beta1'), message: 'policy/v1' },
      {
        description: '`autoscaling/v2beta2` HorizontalPodAutoscaler on a 1.26 cluster.',
        kubeVersion: '1.26',
        yaml: manifests({ apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, maxReplicas: 5 } }),
      },
    ],
    good: [
      { description: 'The served `policy/v1`.', yaml: pdb('policy/v1') },
      { description: '`policy/v1beta1` is still served by a 1.24 cluster (deprecated there).', yaml: pdb('policy/v1beta1'), kubeVersion: '1.24' },
    ],
  },
  check(ctx) {
    for (const { resource, status } of deprecatedObjects(ctx)) {
      if (status.state === 'removed') ctx.report({ resource, path: ['apiVersion'], message: status.message });
    }
  },
});
