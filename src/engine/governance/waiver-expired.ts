import { defineRule, yamlBlock } from '../rule.js';
import { waivedDeployment } from './examples.js';

/**
 * A waiver past its expiry date waives nothing; the finding it covered is active again.
 * The engine reports this rule's findings itself while it applies waivers (engine.ts), so the
 * rule's `check` does nothing; the definition carries the metadata, parameters and examples.
 * The examples waive `image-no-latest-tag` findings of a Deployment running an untagged image.
 */
export const rule = defineRule({
  id: 'waiver-expired',
  title: 'Waivers are renewed or removed when they expire',
  concern: 'config-hygiene',
  severity: 'error',
  rationale:
    'An expired waiver no longer waives anything: the finding it covered is active again until the risk is fixed or the waiver is renewed with a new reason and date.',
  remediation: `Fix the finding and delete the waiver, or renew it with a new expiry date after review:\n\n${yamlBlock([
    'metadata:',
    '  annotations:',
    '    prodgate.dev/waive.image-digest-pinning: reason="still blocked on OPS-123" expires=2027-03-31 owner=platform-team',
  ])}`,
  examples: {
    bad: [
      {
        description: 'An annotation waiver whose date has passed (the examples are judged on 2026-06-01).',
        yaml: waivedDeployment({ annotation: ['image-no-latest-tag', 'reason="vendor image, OPS-123" expires=2026-01-31 owner=platform-team'] }),
        message: 'expired on 2026-01-31',
      },
      {
        description: 'An inline waiver comment whose date has passed.',
        yaml: waivedDeployment({ inline: 'image-no-latest-tag reason="vendor image, OPS-123" expires=2026-03-31 owner=platform-team' }),
        message: 'inline waiver for image-no-latest-tag expired',
      },
    ],
    good: [
      {
        description: 'An annotation waiver still in force.',
        yaml: waivedDeployment({ annotation: ['image-no-latest-tag', 'reason="vendor image, OPS-123" expires=2026-12-31 owner=platform-team'] }),
      },
      {
        description: 'An inline waiver comment still in force.',
        yaml: waivedDeployment({ inline: 'image-no-latest-tag reason="vendor image, OPS-123" expires=2026-12-31 owner=platform-team' }),
      },
    ],
  },
  check() {
    // Nothing to do: the engine judges every waiver while applying it and reports this rule's findings.
  },
});
