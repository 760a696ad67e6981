import { yamlBlock } from '../shared/snippet.js';
import { isMap, type ValuePath } from '../../core/provenance.js';
import { getList, getMap, getPath, nameOf, str } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { manifests } from '../shared/examples.js';

const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };
const ingress = (name: string, port: Record<string, unknown>) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'api' },
  spec: { tls: [{ hosts: ['api.example.com'], secretName: 'api-tls' }], rules: [{ host: 'api.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port } } }] } }] },
});

/**
 * Every backend Service an Ingress routes to (`spec.defaultBackend` and each path of
 * `spec.rules`, networking.k8s.io/v1 shape) is a Service of the Ingress's namespace, and a port
 * given by name or number is one of the Service's ports.
 */
export const rule = defineRule({
  id: 'ingress-backend-missing',
  title: 'Ingress backends are defined Services and ports',
  concern: 'references',
  severity: 'error',
  rationale: 'An Ingress path whose backend Service (or port) does not exist answers 503 for every request on it.',
  remediation:
    'Point the backend at a Service and port of the same namespace:\n\n' +
    yamlBlock(['backend:', '  service:', '    name: api', '    port:', '      name: http']),
  examples: {
    bad: [
      { description: 'The Ingress routes to a Service that does not exist.', yaml: manifests(service, ingress('api-svc', { number: 80 })), message: 'not defined' },
      { description: 'The Ingress routes to a port the Service does not have.', yaml: manifests(service, ingress('api', { name: 'https' })), message: 'no such port' },
    ],
    good: [
      { description: 'The backend names a Service and a port name it has.', yaml: manifests(service, ingress('api', { name: 'http' })) },
      { description: 'The backend names the Service port by number.', yaml: manifests(service, ingress('api', { number: 80 })) },
    ],
  },
  check(ctx) {
    for (const ing of ctx.estate.byKind('Ingress')) {
      const ns = ctx.estate.namespaceOf(ing);
      const judge = (backendPath: ValuePath) => {
        const service = getMap(ing.body, [...backendPath, 'service']);
        if (!service) return;
        const name = str(service.name);
        if (!name) return;
        const svc = ctx.estate.get('Service', ns, name);
        if (!svc) {
          ctx.report({
            resource: ing,
            path: [...backendPath, 'service', 'name'],
            message: `Ingress ${nameOf(ing)} routes to Service ${name}, which is not defined in namespace ${ns}`,
          });
          return;
        }
        const portName = getPath(service, ['port', 'name']);
        const portNumber = getPath(service, ['port', 'number']);
        const ports = getList(svc.body, ['spec', 'ports']).filter(isMap);
        if (ports.length === 0) return;
        const ok =
          portName !== undefined
            ? ports.some((p) => str(p.name) === str(portName))
            : portNumber !== undefined
              ? ports.some((p) => str(p.port) === str(portNumber))
              : true;
        if (ok) return;
        ctx.report({
          resource: ing,
          path: [...backendPath, 'service', 'port', portName !== undefined ? 'name' : 'number'],
          message: `Ingress ${nameOf(ing)} routes to port ${str(portName ?? portNumber)} of Service ${name}, which has no such port`,
        });
      };
      judge(['spec', 'defaultBackend']);
      getList(ing.body, ['spec', 'rules']).forEach((rule, i) => {
        getList(rule, ['http', 'paths']).forEach((p, j) => {
          if (isMap(p)) judge(['spec', 'rules', i, 'http', 'paths', j, 'backend']);
        });
      });
    }
  },
});
