import { yamlBlock } from '../shared/snippet.js';
import { isMap } from '../../core/provenance.js';
import { annotationsOf, getList, getPath, nameOf, str } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { manifests } from '../shared/examples.js';

const ingress = (spec: Record<string, unknown>) =>
  manifests({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'api' },
    spec: { rules: [{ host: 'api.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }] } }], ...spec },
  });

/** Annotations that terminate TLS at a cloud load balancer in front of the Ingress. */
const lbTlsAnnotations = ['alb.ingress.kubernetes.io/certificate-arn', 'networking.gke.io/pre-shared-cert'];

function covered(host: string, tlsHosts: string[]): boolean {
  return tlsHosts.some((h) => h === host || (h.startsWith('*.') && host.endsWith(h.slice(1)) && !host.slice(0, -h.length + 1).includes('.')));
}

/**
 * Every Ingress serves TLS: it has a `spec.tls` section, and each rule host is listed in one of
 * its `tls[].hosts` (wildcards match one label). Ingresses whose TLS terminates at a cloud load
 * balancer (certificate annotations) are exempt.
 */
export const rule = defineRule({
  id: 'ingress-tls',
  title: 'Ingresses terminate TLS for every host',
  concern: 'config-hygiene',
  severity: 'error',
  rationale: 'Without TLS, credentials, tokens and personal data cross the network in clear text.',
  remediation:
    'Add a TLS section covering every host (cert-manager can issue the certificate):\n\n' +
    yamlBlock(['spec:', '  tls:', '    - hosts: [api.example.com]', '      secretName: api-tls']),
  disabledIn: ['dev'],
  examples: {
    bad: [
      { description: 'No TLS section at all.', yaml: ingress({}), message: 'no TLS section' },
      { description: 'The TLS section covers another host.', yaml: ingress({ tls: [{ hosts: ['www.example.com'], secretName: 'www-tls' }] }) },
    ],
    good: [
      { description: 'TLS for the host the Ingress serves.', yaml: ingress({ tls: [{ hosts: ['api.example.com'], secretName: 'api-tls' }] }) },
      { description: 'A wildcard certificate covers one label of subdomain.', yaml: ingress({ tls: [{ hosts: ['*.example.com'], secretName: 'wildcard-tls' }] }) },
    ],
  },
  check(ctx) {
    for (const ing of ctx.estate.byKind('Ingress')) {
      const annotations = annotationsOf(ing);
      if (lbTlsAnnotations.some((a) => annotations[a])) continue;
      const tls = getList(ing.body, ['spec', 'tls']);
      if (tls.length === 0) {
        ctx.report({ resource: ing, path: ['spec', 'tls'], message: `Ingress ${nameOf(ing)} has no TLS section` });
        continue;
      }
      const tlsHosts = tls.flatMap((t) => getList(t, ['hosts']).map((h) => str(h)));
      getList(ing.body, ['spec', 'rules']).forEach((rule, i) => {
        if (!isMap(rule)) return;
        const host = str(getPath(rule, ['host']));
        if (!host || covered(host, tlsHosts)) return;
        ctx.report({
          resource: ing,
          path: ['spec', 'rules', i, 'host'],
          message: `Ingress ${nameOf(ing)} serves ${host} without TLS (not in spec.tls[].hosts)`,
        });
      });
    }
  },
});
