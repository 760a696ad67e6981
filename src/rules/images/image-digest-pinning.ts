import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { deployment, EXAMPLE_DIGEST } from '../shared/examples.js';
import { allContainers, capitalize, describeContainer, hasDigest, judgedTemplates, parseImage } from '../shared/pod.js';

export const rule = defineRule({
  id: 'image-digest-pinning',
  title: 'Images are pinned by digest',
  concern: 'images',
  severity: 'warning',
  rationale:
    'A tag can be pushed again; only a digest names exactly one image. Pinning by digest makes what runs reproducible and protects against a compromised or overwritten tag.',
  remediation: [
    'Pin images by digest, keeping the tag for readers (kustomize `images:` can set both).',
    '',
    yamlBlock([
      'images:',
      '  - name: registry.example.com/api',
      '    newTag: "1.4.2"',
      '    digest: sha256:3f1c…',
    ]),
    '',
    'The `level` parameter sets how strict the rule is: `off` (the default: most teams pin release tags), `warn` (warning) or `require` (error). Turn it on per profile in `.prodgate.yaml`, e.g. `require` for prod.',
  ].join('\n'),
  params: {
    level: {
      type: 'string',
      enum: ['off', 'warn', 'require'],
      description: 'How strictly digests are required: off, warn or require.',
      default: 'off',
    },
  },
  examples: {
    bad: [
      { description: 'With `level: warn`, a tag alone is reported.', yaml: deployment('registry.example.com/api:1.4.2'), params: { level: 'warn' }, message: 'not pinned by digest' },
      { description: 'A malformed digest pins nothing.', yaml: deployment('registry.example.com/api@sha256:abc'), params: { level: 'require' } },
    ],
    good: [
      { description: 'A digest-pinned image.', yaml: deployment(`registry.example.com/api:1.4.2@${EXAMPLE_DIGEST}`), params: { level: 'require' } },
      { description: 'Off by default: release tags pass.', yaml: deployment('registry.example.com/api:1.4.2') },
    ],
  },
  check(ctx) {
    const level = ctx.params.level;
    if (level === 'off') return;
    for (const t of judgedTemplates(ctx.estate)) {
      for (const c of allContainers(ctx.estate, t)) {
        const image = c.container.image;
        if (typeof image !== 'string' || image.trim() === '') continue;
        if (hasDigest(parseImage(image))) continue;
        ctx.report({
          resource: t.workload,
          path: [...c.path, 'image'],
          container: c.name,
          severity: level === 'require' ? 'error' : 'warning',
          message: `${capitalize(describeContainer(c))} image "${image}" is not pinned by digest (@sha256:…).`,
        });
      }
    }
  },
});
