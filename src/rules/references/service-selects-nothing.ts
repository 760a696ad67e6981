import { isMap } from '../../core/provenance.js';
import { getPath, str } from '../../core/resource.js';
import { estateIndex, yaml } from '../shared/estate-index.js';
import type { Rule } from '../../engine/types.js';

/** Services without a selector (ExternalName, hand-managed Endpoints) are not judged. */
export const serviceSelectsNothing: Rule = {
  meta: {
    id: 'service-selects-nothing',
    title: 'Service selectors match a pod template',
    concern: 'references',
    severity: 'error',
    rationale:
      'A Service whose selector matches no pod has no endpoints: clients get connection refused. A label changed in one ' +
      'overlay but not in the Service is the usual cause.',
    remediation:
      'Make `spec.selector` match the labels of the pod template it fronts:\n\n' +
      yaml(['spec:', '  selector:', '    app: api   # = spec.template.metadata.labels.app of the Deployment']),
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
};
