import { yamlBlock } from '../shared/snippet.js';
import { selectorMatches } from '../../engine/estate.js';
import { isMap, type Value, type ValuePath } from '../../core/provenance.js';
import { getList, str } from '../../core/resource.js';
import { estateIndex } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { deploymentObject, manifests } from '../shared/examples.js';
import { antiAffinity } from './examples.js';

interface SpreadTerm {
  path: ValuePath;
  selector: Value | undefined;
}

/**
 * Multi-replica workloads spread their pods over nodes or zones with a hard scheduling rule:
 * required pod anti-affinity, or a topology spread constraint on one of `topologyKeys` with
 * `whenUnsatisfiable: DoNotSchedule`. Soft rules (preferred anti-affinity, ScheduleAnyway) count
 * only where `acceptPreferred` is on. A term only counts when its selector matches the pod's own
 * labels, since a selector that misses them spreads nothing.
 */
export const rule = defineRule({
  id: 'replica-spread',
  title: 'Replicas are spread across nodes or zones',
  concern: 'availability',
  severity: 'warning',
  rationale:
    'Replicas scheduled onto the same node or zone fail together. Required pod anti-affinity or a zone topology spread ' +
    'constraint makes the scheduler keep them apart, so one node or zone outage leaves the service running.\n\n' +
    '*How it decides:* workloads that may run two or more pods (replicas or autoscaler maximum) need required pod anti-affinity or a topology spread constraint with `whenUnsatisfiable: DoNotSchedule` on one of `topologyKeys`; preferred anti-affinity and `ScheduleAnyway` count only where `acceptPreferred` is on (staging, dev). A term whose selector does not match the pod\'s own labels does not count and is reported.',
  remediation:
    'Add a topology spread constraint (or required pod anti-affinity) whose selector matches the pod labels:\n\n' +
    yamlBlock([
      'spec:',
      '  template:',
      '    spec:',
      '      topologySpreadConstraints:',
      '        - maxSkew: 1',
      '          topologyKey: topology.kubernetes.io/zone',
      '          whenUnsatisfiable: DoNotSchedule',
      '          labelSelector:',
      '            matchLabels:',
      '              app: api',
    ]),
  params: {
    acceptPreferred: {
      type: 'boolean',
      description: 'Accept preferred (soft) anti-affinity and ScheduleAnyway spread constraints.',
      default: false,
      byProfile: { prod: false, staging: true, dev: true },
    },
    topologyKeys: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Topology keys a spread constraint may use to count.',
      default: ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'],
    },
  },
  examples: {
    bad: [
      { description: 'Three replicas that the scheduler may put on one node.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 3 })), message: 'can land on one node' },
      {
        description: 'A spread selector that does not match the pods\' own labels.',
        yaml: manifests(
          deploymentObject(undefined, {}, {
            replicas: 3,
            podSpec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] },
          }),
        ),
      },
    ],
    good: [
      { description: 'Required anti-affinity per node.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 3, podSpec: antiAffinity })) },
      {
        description: 'A zone spread constraint.',
        yaml: manifests(
          deploymentObject(undefined, {}, {
            replicas: 3,
            podSpec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'api' } } }] },
          }),
        ),
      },
    ],
  },
  check(ctx) {
    const acceptPreferred = ctx.params.acceptPreferred;
    const keys = new Set(ctx.params.topologyKeys);
    for (const w of estateIndex(ctx.estate).workloads) {
      const mayRun = Math.max(w.declaredReplicas ?? 1, w.autoscaler?.min ?? 0, w.autoscaler?.max ?? 0);
      if (mayRun < 2) continue;
      const spec = w.template.spec;
      const sp = w.template.specPath;
      const terms: SpreadTerm[] = [];
      getList(spec, ['affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution']).forEach((t, i) => {
        if (isMap(t)) terms.push({ path: [...sp, 'affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', i, 'labelSelector'], selector: t.labelSelector });
      });
      if (acceptPreferred) {
        getList(spec, ['affinity', 'podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution']).forEach((t, i) => {
          if (isMap(t) && isMap(t.podAffinityTerm))
            terms.push({ path: [...sp, 'affinity', 'podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', i, 'podAffinityTerm', 'labelSelector'], selector: t.podAffinityTerm.labelSelector });
        });
      }
      getList(spec, ['topologySpreadConstraints']).forEach((c, i) => {
        if (!isMap(c) || !keys.has(str(c.topologyKey))) return;
        const hard = str(c.whenUnsatisfiable || 'DoNotSchedule') === 'DoNotSchedule';
        if (hard || acceptPreferred) terms.push({ path: [...sp, 'topologySpreadConstraints', i, 'labelSelector'], selector: c.labelSelector });
      });
      if (terms.some((t) => selectorMatches(t.selector, w.template.labels))) continue;
      if (terms.length > 0) {
        ctx.report({
          resource: w.resource,
          path: terms[0]!.path,
          message: `the anti-affinity / spread selector of ${w.kind} ${w.name} does not match its own pod labels, so replicas are not kept apart`,
        });
      } else {
        ctx.report({
          resource: w.resource,
          path: [...sp, acceptPreferred ? 'affinity' : 'topologySpreadConstraints'],
          message: `${w.kind} ${w.name} may run ${mayRun} replicas but has no ${acceptPreferred ? '' : 'required '}pod anti-affinity or topology spread constraint; replicas can land on one node`,
        });
      }
    }
  },
});
