import { yamlBlock } from '../shared/snippet.js';
import { kindOf, nameOf } from '../../core/resource.js';
import { estateIndex } from '../shared/estate-index.js';
import { defineRule } from '../../engine/rule.js';
import { deploymentObject, manifests } from '../shared/examples.js';
import { hpa } from './examples.js';

/**
 * A workload owned by an autoscaler should not pin `spec.replicas`: every apply resets the
 * count, and the autoscaler then moves it again. Kustomize overlays commonly set `replicas`
 * to the autoscaler's floor (the seeds' "replicas: 3, HPA min 3" pattern); an apply then at
 * worst resets to a size the autoscaler itself accepts, so by default that one value is
 * tolerated. Set `allowEqualToMin: false` to require `replicas` to be absent.
 */
export const rule = defineRule({
  id: 'hpa-fixed-replicas',
  title: 'Autoscaled workloads do not fight their autoscaler',
  concern: 'availability',
  severity: 'warning',
  rationale:
    'When both a workload and a HorizontalPodAutoscaler set the replica count, each `kubectl apply` or GitOps sync resets the ' +
    'count to the manifest value and the autoscaler scales it back: capacity drops under load and the object never stays in sync.\n\n' +
    '*How it decides:* kustomize overlays commonly set `replicas` to the autoscaler minimum (`replicas: 3` with an HPA `minReplicas: 3`); an apply then at worst resets the count to a size the autoscaler itself accepts, so that one value passes by default. Any other value is reported on the workload\'s `spec.replicas`; with `allowEqualToMin: false` every `replicas` on an autoscaled workload is. HorizontalPodAutoscalers and KEDA ScaledObjects count as autoscalers.',
  remediation:
    'Remove `spec.replicas` from the workload (or set it to the autoscaler minimum) and let the autoscaler own the count:\n\n' +
    yamlBlock(['# patch in the overlay', 'spec:', '  replicas: null   # or the HPA minReplicas']),
  params: {
    allowEqualToMin: {
      type: 'boolean',
      description: 'Tolerate `spec.replicas` equal to the autoscaler minimum.',
      default: true,
    },
  },
  examples: {
    bad: [
      { description: 'The Deployment pins 6 replicas although its HPA owns the count: every apply resets the autoscaler.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 6 }), hpa(3, 10)), message: 'owns its replica count' },
      {
        description: 'With `allowEqualToMin: false`, even `replicas` equal to the HPA minimum is reported.',
        yaml: manifests(deploymentObject(undefined, {}, { replicas: 3 }), hpa(3, 10)),
        params: { allowEqualToMin: false },
        message: 'sets replicas: 3',
      },
    ],
    good: [
      { description: 'The Deployment leaves `replicas` to the HPA.', yaml: manifests(deploymentObject(), hpa(3, 10)) },
      { description: 'Equal to the HPA minimum, tolerated by default.', yaml: manifests(deploymentObject(undefined, {}, { replicas: 3 }), hpa(3, 10)) },
    ],
  },
  check(ctx) {
    const allowEqual = ctx.params.allowEqualToMin;
    for (const w of estateIndex(ctx.estate).workloads) {
      const a = w.autoscaler;
      if (!a || w.declaredReplicas === undefined) continue;
      if (allowEqual && w.declaredReplicas === a.min) continue;
      const bounds = a.max === undefined ? `minimum ${a.min}` : `range ${a.min}..${a.max}`;
      ctx.report({
        resource: w.resource,
        path: ['spec', 'replicas'],
        message: `${w.kind} ${w.name} sets replicas: ${w.declaredReplicas} but ${kindOf(a.resource)} ${nameOf(a.resource)} (${bounds}) owns its replica count`,
      });
    }
  },
});
