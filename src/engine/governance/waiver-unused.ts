import { defineRule, yamlBlock } from '../rule.js';
import { waivedDeployment } from './examples.js';

/**
 * A valid waiver that matched no finding of a rule that ran is stale.
 * The engine reports this rule's findings itself while it applies waivers (engine.ts), so the
 * rule's `check` does nothing; the definition carries the metadata, parameters and examples.
 * The examples waive `image-no-latest-tag` findings of a Deployment running an untagged image.
 */
export const rule = defineRule({
  id: 'waiver-unused',
  title: 'Waivers that waive nothing are removed',
  concern: 'config-hygiene',
  severity: 'warning',
  rationale:
    'A waiver that matches no finding is stale: the problem was fixed or the waiver names the wrong rule, object or container. Left in place it would silently accept the problem if it came back.',
  remediation: `Delete the waiver, or correct its rule id or container name:\n\n${yamlBlock(['metadata:', '  annotations: {}   # waiver removed: the finding is fixed'])}`,
  examples: {
    bad: [
      {
        description: 'The image was pinned, but the waiver for the untagged image stayed.',
        yaml: waivedDeployment({ image: 'registry.example.com/api:1.4.2', annotation: ['image-no-latest-tag', 'reason="vendor image, OPS-123" expires=2026-12-31 owner=platform-team'] }),
        alsoRun: ['image-no-latest-tag'],
        message: 'matches no finding',
      },
      {
        description: 'The waiver names container `proxy`, but the untagged image runs in container `api`.',
        yaml: waivedDeployment({ annotation: ['image-no-latest-tag.proxy', 'reason="vendor image, OPS-123" expires=2026-12-31 owner=platform-team'] }),
        alsoRun: ['image-no-latest-tag'],
        message: '(container proxy) matches no finding',
      },
    ],
    good: [
      {
        description: 'The waiver still covers a finding.',
        yaml: waivedDeployment({ annotation: ['image-no-latest-tag', 'reason="vendor image, OPS-123" expires=2026-12-31 owner=platform-team'] }),
        alsoRun: ['image-no-latest-tag'],
      },
      {
        description: 'A waiver for one container covers that container\'s finding.',
        yaml: waivedDeployment({ annotation: ['image-no-latest-tag.api', 'reason="vendor image, OPS-123" expires=2026-12-31 owner=platform-team'] }),
        alsoRun: ['image-no-latest-tag'],
      },
    ],
  },
  check() {
    // Nothing to do: the engine judges every waiver while applying it and reports this rule's findings.
  },
});
