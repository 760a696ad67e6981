import { defineRule, yamlBlock } from '../rule.js';
import { snippetAnnotation } from './snippet.js';
import { waivedDeployment } from './examples.js';

/** Reported by the engine while it applies waivers (engine.ts); the rule carries the metadata. */
export const waiverInvalid = defineRule({
  id: 'waiver-invalid',
  title: 'Waivers carry a reason, an expiry date and a known rule',
  concern: 'config-hygiene',
  severity: 'error',
  rationale:
    'A waiver accepts a risk on purpose. Without a reason and an expiry date nobody can tell why the risk was accepted or when to look again, so such a waiver waives nothing and is reported.',
  remediation: `Give the waiver a reason and an expiry date (YYYY-MM-DD), and name an existing rule:\n\n${yamlBlock(snippetAnnotation.split('\n'))}`,
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
      { description: 'A waiver without a reason.', yaml: waivedDeployment('registry.example.com/api', 'expires=2026-12-31 owner=platform-team'), message: 'reason' },
      {
        description: 'With `maxDays: 90`, a waiver for more than a year.',
        yaml: waivedDeployment('registry.example.com/api', 'reason="vendor image" expires=2027-12-31'),
        params: { maxDays: 90 },
      },
    ],
    good: [{ description: 'Reason, expiry and owner given.', yaml: waivedDeployment('registry.example.com/api', 'reason="vendor image, OPS-123" expires=2026-12-31 owner=platform-team') }],
  },
  check() {
    // The engine judges waivers itself while applying them.
  },
});
