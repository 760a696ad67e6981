import type { Rule } from '../../engine/types.js';
import { allContainers, capitalize, describeContainer, hasDigest, judgedTemplates, parseImage } from '../shared/pod.js';

export const rule: Rule = {
  meta: {
    id: 'image-digest-pinning',
    title: 'Images are pinned by digest',
    concern: 'images',
    severity: 'warning',
    rationale:
      'A tag can be pushed again; only a digest names exactly one image. Pinning by digest makes what runs reproducible and protects against a compromised or overwritten tag.',
    remediation: [
      'Pin images by digest, keeping the tag for readers (kustomize `images:` can set both).',
      '',
      '```yaml',
      'images:',
      '  - name: registry.example.com/api',
      '    newTag: "1.4.2"',
      '    digest: sha256:3f1c…',
      '```',
      '',
      'The `level` parameter sets how strict the rule is: `off` (the default: most teams pin release tags), `warn` (warning) or `require` (error). Turn it on per profile in `.prodgate.yaml`, e.g. `require` for prod.',
    ].join('\n'),
    params: {
      level: {
        description: 'How strictly digests are required: off, warn or require.',
        default: 'off',
      },
    },
  },
  check(ctx) {
    const level = String(ctx.params.level ?? 'off');
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
};
