import { defineRule, yamlBlock } from '../rule.js';
import { waivedDeployment } from './examples.js';

/** Reported by the engine while it applies waivers (engine.ts); the rule carries the metadata. */
export const waiverUnused = defineRule({
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
        yaml: waivedDeployment('registry.example.com/api:1.4.2', 'reason="vendor image, OPS-123" expires=2026-12-31 owner=platform-team'),
        alsoRun: ['image-no-latest-tag'],
      },
    ],
    good: [
      {
        description: 'The waiver still covers a finding.',
        yaml: waivedDeployment('registry.example.com/api', 'reason="vendor image, OPS-123" expires=2026-12-31 owner=platform-team'),
        alsoRun: ['image-no-latest-tag'],
      },
    ],
  },
  check() {
    // The engine judges waivers itself while applying them.
  },
});
