import { defineRule, yamlBlock } from '../rule.js';
import { waivedDeployment } from './examples.js';

/** Reported by the engine while it applies waivers (engine.ts); the rule carries the metadata. */
export const waiverExpired = defineRule({
  id: 'waiver-expired',
  title: 'Waivers are renewed or removed when they expire',
  concern: 'config-hygiene',
  severity: 'error',
  rationale:
    'An expired waiver no longer waives anything: the finding it covered is active again until the risk is fixed or the waiver is renewed with a new reason and date.',
  remediation:
    `Fix the finding and delete the waiver, or renew it with a new expiry date after review:\n\n${yamlBlock([
      'metadata:',
      '  annotations:',
      '    prodgate.dev/waive.image-digest-pinning: reason="still blocked on OPS-123" expires=2027-03-31 owner=platform-team',
    ])}`,
  examples: {
    bad: [{ description: 'A waiver whose date has passed.', yaml: waivedDeployment('registry.example.com/api', 'reason="vendor image, OPS-123" expires=2026-01-31 owner=platform-team') }],
    good: [{ description: 'A waiver still in force.', yaml: waivedDeployment('registry.example.com/api', 'reason="vendor image, OPS-123" expires=2026-12-31 owner=platform-team') }],
  },
  check() {
    // The engine judges waivers itself while applying them.
  },
});
