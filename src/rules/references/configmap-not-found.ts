
import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { assumeDefinedParam, checkMissing } from './missing-object.js';
import { deployment, deploymentObject, manifests } from '../shared/examples.js';

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
    bad: [{ description: 'The pods read ConfigMap `api-config`, which nothing defines.', yaml: manifests(withConfig('api-config')), message: '"api-config"' }],
    good: [
      { description: 'The ConfigMap is part of the estate.', yaml: manifests({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api-config' }, data: { LOG_LEVEL: 'info' } }, withConfig('api-config')) },
      { description: 'The control plane publishes `kube-root-ca.crt` in every namespace.', yaml: deployment(undefined, { volumeMounts: [{ name: 'ca', mountPath: '/ca' }] }, { podSpec: { volumes: [{ name: 'ca', configMap: { name: 'kube-root-ca.crt' } }] } }) },
      { description: 'A ConfigMap an operator creates, named in `assumeDefined`.', yaml: manifests(withConfig('operator-settings')), params: { assumeDefined: ['operator-*'] } },
    ],
  },
  check(ctx) {
    // kube-root-ca.crt is published into every namespace by the control plane.
    checkMissing(ctx, 'ConfigMap', (n) => n === 'kube-root-ca.crt');
  },
});
