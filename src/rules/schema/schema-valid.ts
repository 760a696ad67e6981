import { yamlBlock } from '../shared/snippet.js';
import { schemaIssuesOf } from '../../analysis/schema/validator.js';
import { defineRule } from '../../engine/rule.js';
import { deployment, manifests } from '../shared/examples.js';

/**
 * Every object conforms to the OpenAPI schema of its apiVersion/kind: field types, required
 * fields, enums, formats, int-or-string and quantities. Reported at the offending field.
 */
export const rule = defineRule({
  id: 'schema-valid',
  title: 'Objects conform to the API schema of their kind',
  concern: 'schema',
  severity: 'error',
  rationale:
    'The API server rejects an object whose fields have the wrong type, miss a required field or hold a value its ' +
    'schema forbids, so the deployment fails at apply time, often halfway through a rollout. Checking offline ' +
    'moves that failure to review time and points at the line to fix.',
  remediation:
    'Give the field the type and form its schema requires; for example, integers unquoted and quantities in ' +
    'Kubernetes notation:\n\n' +
    yamlBlock(['spec:', '  replicas: 3          # not "3"', '  template:', '    spec:', '      containers:', '        - name: api', '          resources:', '            limits:', '              cpu: 500m     # not 0.5cores', '              memory: 256Mi']),
  examples: {
    bad: [
      { description: 'Replicas quoted as a string: the API server refuses the object.', yaml: deployment(undefined, {}, { spec: { replicas: '3' } }) },
      {
        description: 'A memory limit not in Kubernetes quantity notation.',
        yaml: deployment(undefined, { resources: { limits: { memory: '256 megabytes' } } }),
      },
    ],
    good: [
      { description: 'Integers unquoted, quantities in Kubernetes notation.', yaml: deployment(undefined, { resources: { limits: { cpu: '500m', memory: '256Mi' } } }, { replicas: 3 }) },
      {
        description: 'An int-or-string field holding a port name: `targetPort` accepts both forms.',
        yaml: manifests({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } }),
      },
    ],
  },
  check(ctx) {
    for (const [resource, issues] of schemaIssuesOf(ctx.estate)) {
      for (const issue of issues) {
        if (issue.kind !== 'invalid') continue;
        ctx.report({ resource, path: issue.path, message: issue.message, ...(issue.severity ? { severity: issue.severity } : {}) });
      }
    }
  },
});
