import { yamlBlock } from '../shared/snippet.js';
import type { Estate, PodTemplate } from '../../engine/estate.js';
import { selectorMatches } from '../../engine/estate.js';
import { annotationsOf, apiVersionOf, getList, getMap, getPath, groupOf, kindOf, labelsOf, nameOf, str } from '../../core/resource.js';
import type { Resource } from '../../core/resource.js';
import { estateIndex } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { datastores, matchersParam } from './datastores.js';
import { manifests } from '../shared/examples.js';
import { postgres, postgresMetricsService, postgresStatefulSet, serviceMonitor } from './examples.js';

const cache = new WeakMap<Estate, Set<PodTemplate>>();

/** Namespaces a monitor looks in: its `namespaceSelector` (`any`, `matchNames`) or its own. */
function monitorNamespaces(estate: Estate, m: Resource): string[] | 'any' {
  const sel = getMap(m.body, ['spec', 'namespaceSelector']);
  if (sel?.any === true || sel?.any === 'true') return 'any';
  const names = getList(sel, ['matchNames']).map((v) => str(v));
  return names.length ? names : [estate.namespaceOf(m)];
}

/** Pod templates some Prometheus scrape reaches: annotations, PodMonitors, ServiceMonitors via Services. */
function scrapedTemplates(estate: Estate): Set<PodTemplate> {
  const hit = cache.get(estate);
  if (hit) return hit;
  const idx = estateIndex(estate);
  const out = new Set<PodTemplate>();
  const allNamespaces = () => [...idx.namespaces];
  for (const t of estate.podTemplates()) if (t.annotations['prometheus.io/scrape'] === 'true') out.add(t);
  const monitoring = (r: Resource) => groupOf(apiVersionOf(r)) === 'monitoring.coreos.com';
  for (const pm of estate.byKind('PodMonitor').filter(monitoring)) {
    const nss = monitorNamespaces(estate, pm);
    for (const ns of nss === 'any' ? allNamespaces() : nss) {
      for (const t of idx.selectPods(getPath(pm.body, ['spec', 'selector']), ns)) out.add(t);
    }
  }
  const services = estate.byKind('Service').filter((s) => str(s.body.apiVersion) === 'v1');
  const scrapedServices = new Set<Resource>(services.filter((s) => annotationsOf(s)['prometheus.io/scrape'] === 'true'));
  const monitors = estate.byKind('ServiceMonitor').filter(monitoring);
  if (monitors.length) {
    // Services by label, so each monitor looks only at the Services carrying one of its labels.
    const byLabel = new Map<string, Resource[]>();
    for (const svc of services) {
      for (const [k, v] of Object.entries(labelsOf(svc))) {
        const key = `${k}\u0000${v}`;
        const l = byLabel.get(key);
        if (l) l.push(svc);
        else byLabel.set(key, [svc]);
      }
    }
    for (const sm of monitors) {
      const selector = getPath(sm.body, ['spec', 'selector']);
      const nss = monitorNamespaces(estate, sm);
      const matchLabels = getMap(selector, ['matchLabels']);
      const first = matchLabels ? Object.keys(matchLabels)[0] : undefined;
      const candidates = first !== undefined ? (byLabel.get(`${first}\u0000${str(matchLabels![first])}`) ?? []) : services;
      for (const svc of candidates) {
        if ((nss === 'any' || nss.includes(estate.namespaceOf(svc))) && selectorMatches(selector, labelsOf(svc))) scrapedServices.add(svc);
      }
    }
  }
  for (const svc of scrapedServices) {
    const selector = getMap(svc.body, ['spec', 'selector']);
    if (selector && Object.keys(selector).length) for (const t of idx.selectPods(selector, estate.namespaceOf(svc))) out.add(t);
  }
  cache.set(estate, out);
  return out;
}

/**
 * A datastore's metrics are scraped: its pod template carries `prometheus.io/scrape: "true"`, a
 * PodMonitor selects its pods, or a Service that selects its pods is scraped (a ServiceMonitor
 * selecting the Service, or the annotation on the Service).
 */
export const rule = defineRule({
  id: 'datastore-metrics',
  title: 'Datastores expose scraped metrics',
  concern: 'persistence',
  severity: 'warning',
  rationale:
    'Disk filling up, replication lag and connection exhaustion are the usual datastore outages, and they are visible in ' +
    'metrics long before they happen — if someone scrapes them.\n\n' +
    '*How it decides:* a datastore is scraped when its pod template carries `prometheus.io/scrape: "true"`, a PodMonitor selects its pods, or a Service selecting its pods is scraped (a ServiceMonitor selects that Service within its namespaceSelector, or the Service carries the scrape annotation).',
  remediation:
    'Run an exporter next to the datastore and select it with a ServiceMonitor (or PodMonitor):\n\n' +
    yamlBlock([
      'apiVersion: monitoring.coreos.com/v1',
      'kind: ServiceMonitor',
      'metadata:',
      '  name: postgres',
      'spec:',
      '  selector:',
      '    matchLabels:',
      '      app: postgres',
      '  endpoints:',
      '    - port: metrics',
    ]),
  params: { matchers: matchersParam },
  disabledIn: ['dev'],
  examples: {
    bad: [
      { description: 'Nothing scrapes Postgres.', yaml: manifests(postgres, postgresMetricsService), message: 'no ServiceMonitor, PodMonitor or scrape annotation' },
      {
        description: 'A ServiceMonitor in another namespace looks only in its own namespace unless its `namespaceSelector` says otherwise.',
        yaml: manifests(postgres, postgresMetricsService, serviceMonitor('monitoring')),
      },
    ],
    good: [
      { description: 'A ServiceMonitor selects the Service in front of Postgres (and its exporter).', yaml: manifests(postgres, postgresMetricsService, serviceMonitor('data')) },
      { description: 'The pod template carries the Prometheus scrape annotation.', yaml: manifests(postgresStatefulSet({ claim: { storageClassName: 'ssd-retain' }, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9187' } })) },
    ],
  },
  check(ctx) {
    const list = datastores(ctx.estate, ctx.params.matchers, ctx.settings?.network?.datastores);
    if (list.length === 0) return;
    const scraped = scrapedTemplates(ctx.estate);
    for (const ds of list) {
      if (scraped.has(ds.template)) continue;
      const t = ds.template;
      ctx.report({
        resource: t.workload,
        path: [...t.specPath.slice(0, -1), 'metadata', 'annotations'],
        message: `no ServiceMonitor, PodMonitor or scrape annotation covers ${ds.matcher.name} datastore ${kindOf(t.workload)} ${nameOf(t.workload)}`,
      });
    }
  },
});
