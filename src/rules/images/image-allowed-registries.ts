import { yamlBlock } from '../shared/snippet.js';
import { defineRule } from '../../engine/rule.js';
import { deployment, EXAMPLE_DIGEST } from '../shared/examples.js';
import { allContainers, capitalize, describeContainer, judgedTemplates, parseImage, type ImageRef } from '../shared/pod.js';

/** An entry is a registry host (`ghcr.io`) or a registry path prefix (`ghcr.io/acme`). */
function allowedBy(ref: ImageRef, entry: string): boolean {
  const e = entry.trim().replace(/\/+$/, '');
  if (e === '') return false;
  if (!e.includes('/')) return ref.registry === e;
  return ref.name === e || ref.name.startsWith(`${e}/`);
}

export const rule = defineRule({
  id: 'image-allowed-registries',
  title: 'Images come from approved registries',
  concern: 'images',
  severity: 'error',
  rationale:
    'Images from arbitrary registries bypass the organisation\'s scanning, signing and retention, and a public registry outage or takeover becomes a production incident.',
  remediation: [
    'Mirror the image into an approved registry and reference it there, or add the registry to `registries` in `.prodgate.yaml`.',
    '',
    yamlBlock([
      '# .prodgate.yaml',
      'rules:',
      '  image-allowed-registries:',
      '    params:',
      '      registries: [registry.example.com, ghcr.io/acme]',
    ]),
  ].join('\n'),
  params: {
    registries: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Approved registries: hosts (`registry.example.com`) or path prefixes (`ghcr.io/acme`). Docker Hub short names count as `docker.io`. Empty allows any registry.',
      default: [],
    },
  },
  examples: {
    bad: [
      {
        description: 'A Docker Hub image when only the company registry is approved.',
        yaml: deployment('nginx:1.27'),
        params: { registries: ['registry.example.com'] },
        message: 'comes from docker.io',
      },
      {
        description: 'A path prefix approves that path only, not its siblings.',
        yaml: deployment('ghcr.io/someone-else/api:1.0'),
        params: { registries: ['ghcr.io/acme'] },
      },
    ],
    good: [
      { description: 'An image from an approved host.', yaml: deployment('registry.example.com/api:1.4.2'), params: { registries: ['registry.example.com'] } },
      { description: 'An image under an approved path prefix.', yaml: deployment('ghcr.io/acme/api:1.0'), params: { registries: ['ghcr.io/acme'] } },
    ],
  },
  check(ctx) {
    const allowed = ctx.params.registries;
    if (allowed.length === 0) return;
    for (const t of judgedTemplates(ctx.estate)) {
      for (const c of allContainers(ctx.estate, t)) {
        const image = c.container.image;
        if (typeof image !== 'string' || image.trim() === '') continue;
        const ref = parseImage(image);
        if (allowed.some((e) => allowedBy(ref, e))) continue;
        ctx.report({
          resource: t.workload,
          path: [...c.path, 'image'],
          container: c.name,
          message: `${capitalize(describeContainer(c))} image "${image}" comes from ${ref.registry}, which is not an approved registry (${allowed.join(', ')}).`,
        });
      }
    }
  },
});
