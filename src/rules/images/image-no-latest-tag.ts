import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { deployment, EXAMPLE_DIGEST } from '../shared/examples.js';
import { allContainers, capitalize, describeContainer, hasDigest, judgedTemplates, parseImage } from '../shared/pod.js';

export const rule = defineRule({
  id: 'image-no-latest-tag',
  title: 'Images name a tag other than latest',
  concern: 'images',
  severity: 'error',
  rationale:
    'An image without a tag means `latest`, and `latest` moves: two pods of the same ReplicaSet can run different code, a rollback restores nothing, and nobody can tell from the manifest what runs in production.',
  remediation: [
    'Pin every image to a released version (or a digest), ideally through the kustomization `images:` field.',
    '',
    yamlBlock([
      'images:',
      '  - name: registry.example.com/api',
      '    newTag: "1.4.2"',
    ]),
  ].join('\n'),
  examples: {
    bad: [
      { description: 'An image without a tag resolves to `latest`.', yaml: deployment('registry.example.com/api'), message: 'has no tag' },
      { description: 'The `latest` tag moves with every push.', yaml: deployment('registry.example.com/api:latest'), message: '"latest" tag' },
    ],
    good: [
      { description: 'A released version.', yaml: deployment('registry.example.com/api:1.4.2') },
      { description: 'A digest pins the image even under the `latest` tag.', yaml: deployment(`registry.example.com/api:latest@${EXAMPLE_DIGEST}`) },
    ],
  },
  check(ctx) {
    for (const t of judgedTemplates(ctx.estate)) {
      for (const c of allContainers(ctx.estate, t)) {
        const image = c.container.image;
        if (typeof image !== 'string' || image.trim() === '') continue;
        const ref = parseImage(image);
        if (hasDigest(ref)) continue;
        if (ref.tag !== undefined && ref.tag !== 'latest') continue;
        const what = ref.tag === undefined ? 'has no tag, so it resolves to "latest"' : 'uses the mutable "latest" tag';
        ctx.report({
          resource: t.workload,
          path: [...c.path, 'image'],
          container: c.name,
          message: `${capitalize(describeContainer(c))} image "${image}" ${what}; pin a version or digest.`,
        });
      }
    }
  },
});
