import { yamlBlock } from '../shared/snippet.js';
import type { Estate } from '../../engine/estate.js';
import { selectorIsEmpty, selectorMatches } from '../../engine/estate.js';
import { apiVersionOf, getList, getMap, getPath, groupOf, kindOf, labelsOf, nameOf, str, type Resource } from '../../core/resource.js';
import { estateIndex } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { manifests } from '../shared/examples.js';

const service = (labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'api', namespace: 'shop', ...(labels ? { labels } : {}) },
  spec: { selector: { app: 'api' }, ports: [{ name: 'metrics', port: 9090 }] },
});
const monitor = (app: string, namespace = 'shop') => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'api', namespace },
  spec: { ...(namespace !== 'shop' ? { namespaceSelector: { matchNames: ['shop'] } } : {}), selector: { matchLabels: { app } }, endpoints: [{ port: 'metrics' }] },
});

/** Namespaces a monitor looks in, or 'any'. */
function namespacesOf(estate: Estate, m: Resource): string[] | 'any' {
  const sel = getMap(m.body, ['spec', 'namespaceSelector']);
  if (sel?.any === true || sel?.any === 'true') return 'any';
  const names = getList(sel, ['matchNames']).map((v) => str(v));
  return names.length ? names : [estate.namespaceOf(m)];
}

/**
 * Prometheus Operator ServiceMonitors whose selector matches no Service, and PodMonitors whose
 * selector matches no pod template, in the namespaces they watch. Empty selectors (everything)
 * and monitors watching namespaces outside the estate are not judged.
 */
export const rule = defineRule({
  id: 'monitor-selects-nothing',
  title: 'ServiceMonitor and PodMonitor selectors match something',
  concern: 'references',
  severity: 'warning',
  rationale:
    'A ServiceMonitor or PodMonitor that selects nothing scrapes nothing: dashboards and alerts for the service stay ' +
    'silent, which looks exactly like a healthy service.',
  remediation:
    'Make the selector match the labels of the Service (ServiceMonitor) or pods (PodMonitor), in a namespace it watches:\n\n' +
    yamlBlock(['spec:', '  namespaceSelector:', '    matchNames: [shop]', '  selector:', '    matchLabels:', '      app: api']),
  examples: {
    bad: [
      { description: 'The ServiceMonitor selects `app: api-server`; the Service is labelled `app: api`.', yaml: manifests(service({ app: 'api' }), monitor('api-server')), message: 'selects no Service' },
      {
        description: 'A ServiceMonitor matches the labels of the Service itself, not its pod selector: this Service has no labels.',
        yaml: manifests(service(), monitor('api')),
        message: 'ServiceMonitor api selects no Service in namespace shop',
      },
    ],
    good: [
      { description: 'The selector matches the labels of the Service.', yaml: manifests(service({ app: 'api' }), monitor('api')) },
      { description: 'A ServiceMonitor in namespace `monitoring` watching namespace `shop`.', yaml: manifests(service({ app: 'api' }), monitor('api', 'monitoring')) },
    ],
  },
  check(ctx) {
    const estate = ctx.estate;
    const idx = estateIndex(estate);
    const monitoring = (r: Resource) => groupOf(apiVersionOf(r)) === 'monitoring.coreos.com';
    const servicesByNs = new Map<string, Resource[]>();
    for (const s of estate.byKind('Service')) {
      if (str(s.body.apiVersion) !== 'v1') continue;
      const ns = estate.namespaceOf(s);
      const l = servicesByNs.get(ns);
      if (l) l.push(s);
      else servicesByNs.set(ns, [s]);
    }
    const judge = (m: Resource, matches: (ns: string) => boolean) => {
      const selector = getPath(m.body, ['spec', 'selector']);
      if (selector === undefined || selector === null || selectorIsEmpty(selector)) return;
      const nss = namespacesOf(estate, m);
      const watched = nss === 'any' ? [...idx.namespaces] : nss.filter((ns) => idx.namespaces.has(ns));
      if (nss !== 'any' && watched.length === 0) return;
      if (watched.some(matches)) return;
      ctx.report({
        resource: m,
        path: ['spec', 'selector'],
        message: `${kindOf(m)} ${nameOf(m)} selects no ${kindOf(m) === 'PodMonitor' ? 'pod' : 'Service'} in ${nss === 'any' ? 'any namespace' : `namespace ${watched.join(', ')}`}`,
      });
    };
    for (const sm of estate.byKind('ServiceMonitor').filter(monitoring)) {
      const selector = getPath(sm.body, ['spec', 'selector']);
      judge(sm, (ns) => (servicesByNs.get(ns) ?? []).some((s) => selectorMatches(selector, labelsOf(s))));
    }
    for (const pm of estate.byKind('PodMonitor').filter(monitoring)) {
      const selector = getPath(pm.body, ['spec', 'selector']);
      judge(pm, (ns) => idx.selectPods(selector, ns).length > 0);
    }
  },
});
