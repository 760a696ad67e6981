import { yamlBlock } from '../shared/snippet.js';
import { isMap } from '../../core/provenance.js';
import { getList, getMap, getPath, kindOf, nameOf, str } from '../../core/resource.js';
import { estateIndex } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { deploymentObject, manifests } from '../shared/examples.js';

const service = (targetPort: string | number) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ port: 80, targetPort }] } });
const api = deploymentObject(undefined, { ports: [{ name: 'http', containerPort: 8080 }] });
/** A canary of the API, selected by the same Service (`app: api`), whose port has no name. */
const canary = deploymentObject('registry.example.com/api:1.5.0-rc.1', { ports: [{ containerPort: 8080 }] }, { name: 'api-canary', labels: { app: 'api', track: 'canary' } });

/**
 * A Service port whose `targetPort` is a name must find a container port of that name in every
 * pod template the Service selects (kube-proxy resolves the name per pod; a pod without it gets
 * no endpoint for that port). Numeric target ports are not judged: a container may listen on a
 * port it does not declare.
 */
export const rule = defineRule({
  id: 'service-target-port',
  title: 'Named Service target ports exist in the selected pods',
  concern: 'references',
  severity: 'error',
  rationale:
    'A Service whose `targetPort` names a port the pods do not declare has no endpoints for it: the Service resolves, ' +
    'but connections are refused. Renaming a container port in one overlay is the usual cause.',
  remediation:
    'Name the container port the Service targets (or target the port number):\n\n' +
    yamlBlock(['# Service', 'ports:', '  - port: 80', '    targetPort: http', '---', '# pod template', 'ports:', '  - name: http', '    containerPort: 8080']),
  examples: {
    bad: [
      { description: 'The Service targets port `web`; the container names its port `http`.', yaml: manifests(api, service('web')), message: '"web"' },
      {
        description: 'The Service also selects the canary, whose container port has no name: canary pods get no endpoint.',
        yaml: manifests(api, canary, service('http')),
        message: 'Deployment api-canary',
      },
    ],
    good: [
      { description: 'The named target port exists in the pods.', yaml: manifests(api, service('http')) },
      { description: 'A numeric target port needs no name in the pods.', yaml: manifests(api, canary, service(8080)) },
    ],
  },
  check(ctx) {
    const idx = estateIndex(ctx.estate);
    for (const svc of ctx.estate.byKind('Service')) {
      if (str(svc.body.apiVersion) !== 'v1') continue;
      const selector = getMap(svc.body, ['spec', 'selector']);
      if (!selector || Object.keys(selector).length === 0) continue;
      const pods = idx.selectPods(selector, ctx.estate.namespaceOf(svc));
      if (pods.length === 0) continue; // service-selects-nothing reports it
      getList(svc.body, ['spec', 'ports']).forEach((p, i) => {
        const target = getPath(p, ['targetPort']);
        if (typeof target !== 'string' || /^\d+$/.test(target)) return;
        const missing = pods.filter(
          (t) =>
            !ctx.estate
              .containers(t, ['containers'])
              .some((c) => getList(c.container, ['ports']).some((cp) => isMap(cp) && str(cp.name) === target)),
        );
        if (missing.length === 0) return;
        const names = missing.map((t) => `${kindOf(t.workload)} ${nameOf(t.workload)}`).join(', ');
        ctx.report({
          resource: svc,
          path: ['spec', 'ports', i, 'targetPort'],
          message: `targetPort "${target}" of Service ${nameOf(svc)} is not a container port name of ${names}`,
        });
      });
    }
  },
});
