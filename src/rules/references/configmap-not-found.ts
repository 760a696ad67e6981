import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { assumeDefinedParam, checkMissing } from './missing-object.js';
import { deployment, deploymentObject, manifests } from '../shared/examples.js';
import { configMap } from './examples.js';

const withConfig = (name: string) => deploymentObject(undefined, { envFrom: [{ configMapRef: { name } }] });

export const rule = defineRule({
  id: 'configmap-not-found',
  title: 'Referenced ConfigMaps are defined',
  concern: 'references',
  severity: 'error',
  rationale:
    'A pod that mounts or reads a ConfigMap that does not exist stays in `ContainerCreating` or `CreateContainerConfigError`; ' +
    'a rename in one overlay without the other is the usual cause.',
  remediation:
    'Define the ConfigMap (for example with a generator in the kustomization), fix the name, or mark the reference optional:\n\n' +
    yamlBlock(['configMapGenerator:', '  - name: api-config', '    literals:', '      - LOG_LEVEL=info']),
  params: { assumeDefined: assumeDefinedParam },
  examples: {
    bad: [
      {
        description: 'The pods read ConfigMap `api-config`; the estate defines `api-settings` (renamed on one side only).',
        yaml: manifests(configMap('api-settings'), withConfig('api-config')),
        message: '"api-config"',
      },
      {
        description: 'The ConfigMap is in namespace `shop`, the Deployment in `checkout`: a pod only sees ConfigMaps of its own namespace.',
        yaml: manifests(configMap('api-config', 'shop'), deploymentObject(undefined, { envFrom: [{ configMapRef: { name: 'api-config' } }] }, { namespace: 'checkout' })),
        message: 'not defined in namespace checkout',
      },
    ],
    good: [
      { description: 'The ConfigMap is part of the estate.', yaml: manifests(configMap('api-config'), withConfig('api-config')) },
      {
        description: 'A `configMapGenerator`: kustomize appends the content hash to the ConfigMap and to every reference to it.',
        files: {
          'kustomization.yaml': 'resources:\n  - deployment.yaml\nconfigMapGenerator:\n  - name: api-config\n    literals:\n      - LOG_LEVEL=info\n',
          'deployment.yaml': manifests(withConfig('api-config')),
        },
      },
      { description: 'The control plane publishes `kube-root-ca.crt` in every namespace.', yaml: deployment(undefined, { volumeMounts: [{ name: 'ca', mountPath: '/ca' }] }, { podSpec: { volumes: [{ name: 'ca', configMap: { name: 'kube-root-ca.crt' } }] } }) },
      { description: 'A ConfigMap an operator creates, named in `assumeDefined`.', yaml: manifests(withConfig('operator-settings')), params: { assumeDefined: ['operator-*'] } },
    ],
  },
  check(ctx) {
    // kube-root-ca.crt is published into every namespace by the control plane.
    checkMissing(ctx, 'ConfigMap', (n) => n === 'kube-root-ca.crt');
  },
});
