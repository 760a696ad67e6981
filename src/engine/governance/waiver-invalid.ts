import { defineRule, yamlBlock } from '../rule.js';
import { waivedDeployment } from './examples.js';

/**
 * A waiver without reason or expiry, with an unknown rule or a malformed value waives nothing.
 * The engine reports this rule's findings itself while it applies waivers (engine.ts), so the
 * rule's `check` does nothing; the definition carries the metadata, parameters and examples.
 * The examples waive `image-no-latest-tag` findings of a Deployment running an untagged image.
 */
export const rule = defineRule({
  id: 'waiver-invalid',
  title: 'Waivers carry a reason, an expiry date and a known rule',
  concern: 'config-hygiene',
  severity: 'error',
  rationale:
    'A waiver accepts a risk on purpose. Without a reason and an expiry date nobody can tell why the risk was accepted or when to look again, so such a waiver waives nothing and is reported.',
  remediation: `Give the waiver a reason and an expiry date (YYYY-MM-DD), and name an existing rule:\n\n${yamlBlock([
    'metadata:',
    '  annotations:',
    '    prodgate.dev/waive.image-digest-pinning: reason="vendor chart pins tags only; tracked in OPS-123" expires=2026-12-31 owner=platform-team',
  ])}`,
  params: {
    maxDays: {
      type: 'integer',
      minimum: 0,
      description:
        'Longest a waiver may run: an expiry date more than this many days after today makes the waiver invalid (0: no limit).',
      default: 0,
    },
  },
  examples: {
    bad: [
      {
        description: 'A waiver without a reason.',
        yaml: waivedDeployment({ annotation: ['image-no-latest-tag', 'expires=2026-12-31 owner=platform-team'] }),
        message: 'no reason given',
      },
      {
        description: 'With `maxDays: 90`, a waiver that runs for a year and a half.',
        yaml: waivedDeployment({ annotation: ['image-no-latest-tag', 'reason="vendor image, OPS-123" expires=2027-12-31 owner=platform-team'] }),
        params: { maxDays: 90 },
        message: 'more than 90 days away',
      },
    ],
    good: [
      {
        description: 'Reason, expiry and owner given.',
        yaml: waivedDeployment({ annotation: ['image-no-latest-tag', 'reason="vendor image, OPS-123" expires=2026-12-31 owner=platform-team'] }),
      },
      {
        description: 'With `maxDays: 90`, a waiver that expires within 90 days (the examples are judged on 2026-06-01).',
        yaml: waivedDeployment({ annotation: ['image-no-latest-tag', 'reason="vendor image, OPS-123" expires=2026-08-15 owner=platform-team'] }),
        params: { maxDays: 90 },
      },
    ],
  },
  check() {
    // Nothing to do: the engine judges every waiver while applying it and reports this rule's findings.
  },
});
