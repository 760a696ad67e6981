/**
 * LimitRange and ResourceQuota presence: one finding per namespace that runs workloads but has
 * no such object in the rendered estate. The finding sits on the Namespace object when the
 * estate defines it, otherwise on the first workload of the namespace.
 */
import type { Resource } from '../../core/resource.js';
import type { Rule } from '../../engine/types.js';
import { judgedTemplates } from '../shared/pod.js';

export function namespacePolicyRule(options: {
  id: string;
  kind: 'LimitRange' | 'ResourceQuota';
  title: string;
  rationale: string;
  remediation: string;
}): Rule {
  return {
    meta: {
      id: options.id,
      title: options.title,
      concern: 'resources',
      severity: 'warning',
      rationale: options.rationale,
      remediation: options.remediation,
      params: {
        exemptNamespaces: {
          description: 'Namespaces that need no ' + options.kind + ' (for example ones managed by the platform team).',
          default: [] as string[],
        },
      },
      disabledIn: ['dev'],
    },
    check(ctx) {
      const exempt = new Set(Array.isArray(ctx.params.exemptNamespaces) ? ctx.params.exemptNamespaces.map(String) : []);
      const covered = new Set(ctx.estate.byKind(options.kind).map((r) => ctx.estate.namespaceOf(r)));
      const firstWorkload = new Map<string, Resource>();
      for (const t of judgedTemplates(ctx.estate)) {
        if (!firstWorkload.has(t.namespace)) firstWorkload.set(t.namespace, t.workload);
      }
      for (const [ns, workload] of firstWorkload) {
        if (covered.has(ns) || exempt.has(ns)) continue;
        const namespaceObject = ctx.estate.get('Namespace', '', ns);
        const message = `Namespace "${ns}" runs workloads but has no ${options.kind}.`;
        if (namespaceObject) {
          ctx.report({ resource: namespaceObject, path: ['metadata', 'name'], message });
        } else {
          ctx.report({ resource: workload, path: ['metadata', 'namespace'], message });
        }
      }
    },
  };
}
