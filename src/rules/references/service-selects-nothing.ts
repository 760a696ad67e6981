import { yamlBlock } from '../shared/snippet.js';
import { isMap } from '../../core/provenance.js';
import { getPath, str } from '../../core/resource.js';
import { estateIndex } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { deploymentObject, manifests } from '../shared/examples.js';

const service = (selector: Record<string, string>, name = 'api') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector, ports: [{ port: 80, targetPort: 8080 }] } });

/** Services without a selector (ExternalName, hand-managed Endpoints) are not judged. */
export const rule = defineRule({
  id: 'service-selects-nothing',
  title: 'Service selectors match a pod template',
  concern: 'references',
  severity: 'error',
  rationale:
    'A Service whose selector matches no pod has no endpoints: clients get connection refused. A label changed in one ' +
    'overlay but not in the Service is the usual cause.',
  remediation:
    'Make `spec.selector` match the labels of the pod template it fronts:\n\n' +
    yamlBlock(['spec:', '  selector:', '    app: api   # = spec.template.metadata.labels.app of the Deployment']),
  examples: {
    bad: [
      { description: 'The Service selects `app: api-server`; the pods are labelled `app: api`. It has no endpoints.', yaml: manifests(deploymentObject(), service({ app: 'api-server' })), message: 'app=api-server' },
      {
        description: 'Every label of the selector must be on the pods: they carry `app: api` but not `tier: backend`.',
        yaml: manifests(deploymentObject(), service({ app: 'api', tier: 'backend' })),
        message: 'tier=backend',
      },
    ],
    good: [
      { description: 'The selector matches the pods.', yaml: manifests(deploymentObject(), service({ app: 'api' })) },
      {
        description: 'A StatefulSet pod selected by the label the controller adds (`statefulset.kubernetes.io/pod-name`).',
        yaml: manifests(
          { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'kafka' }, spec: { serviceName: 'kafka', selector: { matchLabels: { app: 'kafka' } }, template: { metadata: { labels: { app: 'kafka' } }, spec: { containers: [{ name: 'kafka', image: 'apache/kafka:3.7.0' }] } } } },
          service({ app: 'kafka', 'statefulset.kubernetes.io/pod-name': 'kafka-0' }, 'kafka-0'),
        ),
      },
      {
        description: 'A Service without a selector (ExternalName) has no pods to match.',
        yaml: manifests({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'payments-db' }, spec: { type: 'ExternalName', externalName: 'payments.db.example.com' } }),
      },
    ],
  },
  check(ctx) {
    const idx = estateIndex(ctx.estate);
    for (const svc of ctx.estate.byKind('Service')) {
      if (str(getPath(svc.body, ['apiVersion'])) !== 'v1') continue;
      if (str(getPath(svc.body, ['spec', 'type'])) === 'ExternalName') continue;
      const selector = getPath(svc.body, ['spec', 'selector']);
      if (!isMap(selector) || Object.keys(selector).length === 0) continue;
      const ns = ctx.estate.namespaceOf(svc);
      if (idx.selectPods(selector, ns).length > 0) continue;
      const shown = Object.keys(selector).map((k) => `${k}=${str(selector[k])}`).join(',');
      ctx.report({
        resource: svc,
        path: ['spec', 'selector'],
        message: `selector ${shown} matches no pod template in namespace ${ns}`,
      });
    }
  },
});
