/**
 * The four request/limit rules share one check: every container and init container must state a
 * cpu/memory request/limit, directly or through a namespace LimitRange default.
 */
import { containerSnippet } from '../shared/snippet.js';
import type { ContainerRef } from '../../engine/estate.js';
import { isMap, type Value } from '../../core/provenance.js';
import { getMap, getPath } from '../../core/resource.js';
import type { RuleContext, RuleMeta, Severity } from '../../engine/types.js';
import { capitalize, describeContainer, judgedTemplates, podContainers } from '../shared/pod.js';

export type ResourceName = 'cpu' | 'memory';
export type ResourceField = 'requests' | 'limits';

function isSet(v: Value | undefined): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** Namespaces whose LimitRange gives containers a default for the field. */
function limitRangeDefaults(ctx: RuleContext<{ honorLimitRangeDefaults: boolean }>, resource: ResourceName, field: ResourceField): Set<string> {
  const out = new Set<string>();
  for (const lr of ctx.estate.byKind('LimitRange')) {
    const limits = getPath(lr.body, ['spec', 'limits']);
    if (!Array.isArray(limits)) continue;
    for (const item of limits) {
      if (!isMap(item) || (item.type !== 'Container' && item.type !== undefined)) continue;
      // A LimitRange `default` also serves as the default request when `defaultRequest` is absent.
      const keys = field === 'limits' ? ['default'] : ['defaultRequest', 'default'];
      if (keys.some((k) => isSet(getMap(item, [k])?.[resource]))) out.add(ctx.estate.namespaceOf(lr));
    }
  }
  return out;
}

const honorLimitRangeDefaults = {
  type: 'boolean',
  description:
    'Accept a missing value when a LimitRange in the namespace supplies a container default. Off by default: a namespace default is a safety net sized for no workload in particular, not a sizing decision.',
  default: false,
} as const;

/** Everything of a request/limit rule but its id and examples, which each rule file states. */
export function containerResourceParts(options: {
  resource: ResourceName;
  field: ResourceField;
  severity: Severity;
  rationale: string;
  disabledIn?: RuleMeta['disabledIn'];
}) {
  const { resource, field } = options;
  const noun = field === 'requests' ? 'request' : 'limit';
  const example =
    resource === 'cpu'
      ? { requests: '250m', limits: '1' }
      : { requests: '256Mi', limits: '512Mi' };
  return {
    title: `Containers set a ${resource} ${noun}`,
    concern: 'resources' as const,
    severity: options.severity,
    rationale: options.rationale,
    remediation: [
      `Set \`resources.${field}.${resource}\` on every container and init container. (A namespace LimitRange default is accepted only with the \`honorLimitRangeDefaults\` parameter.)`,
      '',
      ...containerSnippet(['resources:', '  requests:', `    ${resource}: ${example.requests}`, '  limits:', `    ${resource}: ${example.limits}`]),
    ].join('\n'),
    params: { honorLimitRangeDefaults },
    ...(options.disabledIn ? { disabledIn: options.disabledIn } : {}),
    check(ctx: RuleContext<{ honorLimitRangeDefaults: boolean }>) {
      const defaulted = ctx.params.honorLimitRangeDefaults === true ? limitRangeDefaults(ctx, resource, field) : new Set<string>();
      for (const t of judgedTemplates(ctx.estate)) {
        if (defaulted.has(t.namespace)) continue;
        for (const c of podContainers(ctx.estate, t)) {
          if (hasValue(c, resource, field)) continue;
          const none = !isSet(getPath(c.container, ['resources', 'requests'])) && !isSet(getPath(c.container, ['resources', 'limits']));
          const consequence =
            field === 'requests'
              ? none
                ? '; with no requests or limits at all the pod is BestEffort and is evicted first under node pressure'
                : '; the scheduler cannot reserve capacity for it'
              : resource === 'memory'
                ? '; it can use all memory of the node and trigger OOM kills of other pods'
                : '; it can starve other pods of CPU on the node';
          ctx.report({
            resource: t.workload,
            path: [...c.path, 'resources', field, resource],
            container: c.name,
            message: `${capitalize(describeContainer(c))} has no ${resource} ${noun} (resources.${field}.${resource})${consequence}.`,
          });
        }
      }
    },
  };
}

function hasValue(c: ContainerRef, resource: ResourceName, field: ResourceField): boolean {
  if (isSet(getPath(c.container, ['resources', field, resource]))) return true;
  // Kubernetes defaults a missing request to the limit.
  return field === 'requests' && isSet(getPath(c.container, ['resources', 'limits', resource]));
}
