import { yamlBlock } from '../shared/snippet.js';
import { schemaIssuesOf } from '../../analysis/schema/validator.js';
import { defineRule } from '../../engine/rule.js';
import { deployment } from '../shared/examples.js';

/**
 * No object carries a field its schema does not declare (strict validation, as
 * `kubectl apply --validate=strict` does). Catches misspellings and fields at the wrong level.
 */
export const rule = defineRule({
  id: 'schema-unknown-field',
  title: 'Objects carry no fields unknown to their schema',
  concern: 'schema',
  severity: 'error',
  rationale:
    'Without strict validation the API server silently drops unknown fields: a misspelled `replica:` or a ' +
    '`containers:` list one level too high is accepted and then ignored, so the setting the author meant never ' +
    'takes effect. Strict validation rejects such objects; prodgate finds them before they reach a cluster.',
  remediation:
    'Fix the spelling or move the field to the level its schema declares it at. For a Deployment, containers ' +
    'belong to the pod template:\n\n' +
    yamlBlock(['spec:', '  replicas: 3            # not replica', '  template:', '    spec:', '      containers:        # not spec.containers', '        - name: api', '          image: registry.example/api:1.4.2']),
  examples: {
    bad: [
      { description: 'A misspelled container field (`imagePullPolicyy`).', yaml: deployment(undefined, { imagePullPolicyy: 'Always' }), message: 'imagePullPolicyy' },
      { description: 'A field at the wrong level: `replicas` inside the pod template.', yaml: deployment(undefined, {}, { podSpec: { replicas: 2 } }) },
    ],
    good: [
      { description: 'Every field is one the schema declares.', yaml: deployment(undefined, { imagePullPolicy: 'Always' }) },
      { description: '`replicas` where it belongs, in the Deployment spec.', yaml: deployment(undefined, {}, { replicas: 2 }) },
    ],
  },
  check(ctx) {
    for (const [resource, issues] of schemaIssuesOf(ctx.estate)) {
      for (const issue of issues) {
        if (issue.kind !== 'unknown-field') continue;
        ctx.report({ resource, path: issue.path, message: issue.message, ...(issue.severity ? { severity: issue.severity } : {}) });
      }
    }
  },
});
