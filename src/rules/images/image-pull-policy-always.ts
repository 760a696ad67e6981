import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { deployment, EXAMPLE_DIGEST, manifests } from '../shared/examples.js';
import { capitalize, describeContainer, hasDigest, isSidecar, judgedTemplates, parseImage, podContainers, runsToCompletion } from '../shared/pod.js';

export const rule = defineRule({
  id: 'image-pull-policy-always',
  title: 'Mutable image tags are pulled with imagePullPolicy Always',
  concern: 'images',
  severity: 'warning',
  rationale:
    'With `IfNotPresent` a node keeps whatever image it first pulled for a tag; if the tag is pushed again, nodes run different builds under the same name. `Always` makes the kubelet resolve the tag on every start (digest-pinned images do not need it).',
  remediation: [
    'Set `imagePullPolicy: Always` on application containers (and native sidecars) of long-running workloads whose image is referenced by tag, or pin the image by digest. Init and ephemeral containers, Jobs and CronJobs run once per start and are not judged.',
    '',
    yamlBlock([
      'containers:',
      '  - name: api',
      '    image: registry.example.com/api:1.4.2',
      '    imagePullPolicy: Always',
    ]),
  ].join('\n'),
  disabledIn: ['dev'],
  examples: {
    bad: [
      { description: 'A tag pulled with the default policy (IfNotPresent).', yaml: deployment('registry.example.com/api:1.4.2'), message: 'IfNotPresent' },
      {
        description: 'An explicit IfNotPresent on a tag.',
        yaml: deployment('registry.example.com/api:1.4.2', { imagePullPolicy: 'IfNotPresent' }),
      },
    ],
    good: [
      { description: 'Always on a tagged image.', yaml: deployment('registry.example.com/api:1.4.2', { imagePullPolicy: 'Always' }) },
      { description: 'A digest-pinned image needs no pull policy.', yaml: deployment(`registry.example.com/api@${EXAMPLE_DIGEST}`) },
      {
        description: 'A CronJob runs to completion; each run is a new pod.',
        yaml: manifests({
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'report' },
          spec: { schedule: '0 6 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'report', image: 'registry.example.com/report:2.1' }] } } } } },
        }),
      },
    ],
  },
  check(ctx) {
    for (const t of judgedTemplates(ctx.estate)) {
      // Jobs and CronJobs start, finish and are replaced by the next run; the rule is about
      // long-running replicas that drift apart under one tag.
      if (runsToCompletion(t)) continue;
      for (const c of podContainers(ctx.estate, t)) {
        if (c.list === 'initContainers' && !isSidecar(c)) continue;
        const image = c.container.image;
        if (typeof image !== 'string' || image.trim() === '') continue;
        const ref = parseImage(image);
        if (hasDigest(ref)) continue;
        const explicit = c.container.imagePullPolicy;
        // Kubernetes defaults to Always only for `latest` or untagged images.
        const effective =
          typeof explicit === 'string' ? explicit : ref.tag === undefined || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
        if (effective === 'Always') continue;
        const how = typeof explicit === 'string' ? `imagePullPolicy ${explicit}` : 'the default imagePullPolicy IfNotPresent';
        ctx.report({
          resource: t.workload,
          path: [...c.path, 'imagePullPolicy'],
          container: c.name,
          message: `${capitalize(describeContainer(c))} pulls the mutable tag "${image}" with ${how}; nodes may run a stale build. Use Always or pin a digest.`,
        });
      }
    }
  },
});
