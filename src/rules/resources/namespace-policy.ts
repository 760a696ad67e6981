/**
 * LimitRange and ResourceQuota presence: one finding per namespace that runs workloads but has
 * no such object in the rendered estate. The finding sits on the Namespace object when the
 * estate defines it, otherwise on the first workload of the namespace.
 */
import type { Resource } from '../../core/resource.js';
import type { RuleContext } from '../../engine/types.js';
import { judgedTemplates } from '../shared/pod.js';

/** Everything of a namespace-policy rule but its id and examples, which each rule file states. */
export function namespacePolicyParts(options: { kind: 'LimitRange' | 'ResourceQuota'; title: string; rationale: string; remediation: string }) {
  return {
    title: options.title,
    concern: 'resources' as const,
    severity: 'warning' as const,
    rationale: options.rationale,
    remediation: options.remediation,
    params: {
      exemptNamespaces: {
        type: 'array',
        items: { type: 'string' },
        description: 'Namespaces that need no ' + options.kind + ' (for example ones managed by the platform team).',
        default: [],
      },
    } as const,
    disabledIn: ['dev' as const],
    check(ctx: RuleContext<{ exemptNamespaces: readonly string[] }>) {
      const exempt = new Set(ctx.params.exemptNamespaces);
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
