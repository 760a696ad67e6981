import { schemaIssuesOf } from '../../analysis/schema/validator.js';
import type { Rule, Severity } from '../../engine/types.js';

const actions: Record<string, Severity | 'ignore'> = {
  error: 'error',
  warn: 'warning',
  warning: 'warning',
  info: 'info',
  ignore: 'ignore',
};

/**
 * An object whose apiVersion/kind no schema describes (neither the bundled ones nor a
 * CustomResourceDefinition in the estate or `--crd-schemas`) cannot be validated. That is a
 * finding of its own, never a silent pass; the `unknownKinds` parameter sets how loud it is.
 */
export const schemaUnknownKind: Rule = {
  meta: {
    id: 'schema-unknown-kind',
    title: 'Every object has a schema to validate against',
    concern: 'schema',
    severity: 'warning',
    rationale:
      'An object of a kind without a known schema is not validated at all; a typo in its apiVersion or kind, or a ' +
      'custom resource whose CustomResourceDefinition is missing, only shows up when the API server refuses it.',
    remediation:
      'Check the apiVersion and kind, and make the CustomResourceDefinition known: render it with the estate or ' +
      'pass it with `--crd-schemas`. Where unvalidated kinds are acceptable, set how loud the finding is:\n\n' +
      '```yaml\n# .prodgate.yaml\nrules:\n  schema-unknown-kind:\n    params:\n      unknownKinds: error   # error | warn | ignore\n```\n\n' +
      'or `prodgate validate overlays/prod --crd-schemas crds/`.',
    params: {
      unknownKinds: {
        description: 'What an object without a schema yields: `error`, `warn` or `ignore`.',
        default: 'warn',
      },
    },
  },
  check(ctx) {
    const action = actions[String(ctx.params.unknownKinds ?? 'warn')] ?? 'warning';
    if (action === 'ignore') return;
    for (const [resource, issues] of schemaIssuesOf(ctx.estate)) {
      for (const issue of issues) {
        if (issue.kind === 'no-schema') ctx.report({ resource, path: issue.path, message: issue.message, severity: action });
      }
    }
  },
};
