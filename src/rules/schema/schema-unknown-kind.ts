import { yamlBlock } from '../shared/snippet.js';
import { schemaIssuesOf } from '../../analysis/schema/validator.js';
import type { Severity } from '../../engine/types.js';
import { defineRule } from '../../engine/rule.js';
import { manifests } from '../shared/examples.js';

const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3 } };
const widgetCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets', singular: 'widget' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } },
      },
    ],
  },
};

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
export const rule = defineRule({
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
    yamlBlock(['# .prodgate.yaml', 'rules:', '  schema-unknown-kind:', '    params:', '      unknownKinds: error   # error | warn | ignore']) +
      '\n\n' +
    'or `prodgate validate overlays/prod --crd-schemas crds/`.',
  params: {
    unknownKinds: {
      type: 'string',
      enum: ['error', 'warn', 'warning', 'info', 'ignore'],
      description: 'What an object without a schema yields: `error`, `warn` (or `warning`), `info` or `ignore` (no finding).',
      default: 'warn',
    },
  },
  examples: {
    bad: [
      { description: 'A custom resource whose CustomResourceDefinition is nowhere to be found.', yaml: manifests(widget) },
      { description: 'A typo in a built-in apiVersion (`apps/v2`).', yaml: manifests({ apiVersion: 'apps/v2', kind: 'Deployment', metadata: { name: 'api' } }), message: 'apps/v1' },
    ],
    good: [
      { description: 'The CustomResourceDefinition is rendered with the estate.', yaml: manifests(widgetCrd, widget) },
      { description: 'With `unknownKinds: ignore`, unvalidated kinds are accepted.', yaml: manifests(widget), params: { unknownKinds: 'ignore' } },
    ],
  },
  check(ctx) {
    const action = actions[ctx.params.unknownKinds] ?? 'warning';
    if (action === 'ignore') return;
    for (const [resource, issues] of schemaIssuesOf(ctx.estate)) {
      for (const issue of issues) {
        if (issue.kind === 'no-schema') ctx.report({ resource, path: issue.path, message: issue.message, severity: action });
      }
    }
  },
});
