import { yamlBlock } from '../shared/snippet.js';
import { getList, kindOf, nameOf } from '../../core/resource.js';

import { defineRule } from '../../engine/rule.js';
import { envConfigValues } from './config-values.js';
import { compileRE2 } from '../../core/regex.js';
import { deployment, manifests } from '../shared/examples.js';

export interface DevSetting {
  /** Regular expression (case-insensitive, whole name) for the variable name. */
  name: string;
  /** Regular expression (case-insensitive, whole value) for the development value. */
  value: string;
  label: string;
}

export const defaultDevSettings: DevSetting[] = [
  { name: '(NODE|APP|RAILS|RACK|FLASK|ASPNETCORE|DOTNET|GO)_ENV(IRONMENT)?|ENV(IRONMENT)?', value: 'dev(elopment)?|local', label: 'development environment' },
  { name: '([A-Z0-9]+_)?LOG_?LEVEL|LOG_LVL', value: 'debug|trace|verbose|all', label: 'debug logging' },
  { name: '([A-Z0-9]+_)?DEBUG', value: 'true|1|yes|on|\\*', label: 'debug mode' },
  {
    name: '([A-Z0-9]+_)?(CORS(_ALLOW(ED)?)?_ORIGINS?|ALLOWED_ORIGINS?|ACCESS_CONTROL_ALLOW_ORIGIN)',
    value: '(.*[,\\s])?\\*([,\\s].*)?',
    label: 'CORS open to every origin',
  },
];

const reloadArg = /(^|\s)--reload(=\S*)?(\s|$)/;

/**
 * Development settings left in a production render: environment variables (literal values and
 * ConfigMap keys read as environment) matching `settings`, and `--reload` in a container's
 * command or args (hot reload, one worker).
 */
export const rule = defineRule({
  id: 'dev-settings-in-production',
  title: 'No development settings in production',
  concern: 'config-hygiene',
  severity: 'error',
  rationale:
    'Development settings (`NODE_ENV=development`, debug logging, `DEBUG=true`, CORS `*`, `--reload`) leak stack traces and ' +
    'secrets into logs and responses, open the API to every origin, and run single-process hot-reload servers.',
  remediation:
    'Override the development values in the production overlay (a ConfigMap generator with `behavior: merge`, or an env patch):\n\n' +
    yamlBlock([
      'configMapGenerator:',
      '  - name: api-config',
      '    behavior: merge',
      '    literals:',
      '      - NODE_ENV=production',
      '      - LOG_LEVEL=info',
      '      - CORS_ORIGIN=https://example.com',
    ]),
  params: {
    settings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'value', 'label'],
        properties: { name: { type: 'string', minLength: 1 }, value: { type: 'string', minLength: 1 }, label: { type: 'string' } },
      },
      description: 'Development settings: `{name, value, label}` with case-insensitive regular expressions for the variable name and value.',
      default: defaultDevSettings,
    },
  },
  disabledIn: ['dev'],
  examples: {
    bad: [
      {
        description: 'Debug logging and a development environment in the production ConfigMap read as environment.',
        yaml: manifests(
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api-config' }, data: { NODE_ENV: 'development', LOG_LEVEL: 'debug' } },
          { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'registry.example.com/api:1.4.2', envFrom: [{ configMapRef: { name: 'api-config' } }] }] } } } },
        ),
        message: 'NODE_ENV=development',
      },
      { description: 'CORS open to every origin.', yaml: deployment(undefined, { env: [{ name: 'CORS_ORIGIN', value: '*' }] }) },
      { description: 'A hot-reload server.', yaml: deployment(undefined, { args: ['uvicorn', 'app:main', '--reload'] }) },
    ],
    good: [
      {
        description: 'Production values.',
        yaml: deployment(undefined, { env: [{ name: 'NODE_ENV', value: 'production' }, { name: 'LOG_LEVEL', value: 'info' }, { name: 'CORS_ORIGIN', value: 'https://shop.example.com' }] }),
      },
      {
        description: 'Debug mode explicitly off, and the server started with workers instead of `--reload`.',
        yaml: deployment(undefined, { args: ['uvicorn', 'app:main', '--workers', '4'], env: [{ name: 'DEBUG', value: 'false' }] }),
      },
    ],
  },
  check(ctx) {
    const settings = ctx.params.settings.map((s) => ({
      // Patterns from the config run on RE2: linear time whatever a repository writes.
      name: compileRE2(`^(?:${s.name})$`, undefined, 'dev-settings name pattern', 'i'),
      value: compileRE2(`^(?:${s.value})$`, undefined, 'dev-settings value pattern', 'i'),
      label: s.label,
    }));
    for (const v of envConfigValues(ctx.estate)) {
      const hit = settings.find((s) => s.name.test(v.name) && s.value.test(v.value.trim()));
      if (!hit) continue;
      const where = kindOf(v.resource) === 'ConfigMap' ? `ConfigMap ${nameOf(v.resource)}` : `container ${v.container}`;
      ctx.report({
        resource: v.resource,
        path: v.path,
        container: v.container,
        message: `${v.name}=${v.value} in ${where}: ${hit.label} in the ${ctx.profile} profile`,
      });
    }
    for (const t of ctx.estate.podTemplates()) {
      for (const c of ctx.estate.containers(t, ['containers'])) {
        for (const field of ['command', 'args']) {
          getList(c.container, [field]).forEach((a, i) => {
            if (typeof a !== 'string' || !reloadArg.test(a)) return;
            ctx.report({
              resource: t.workload,
              path: [...c.path, field, i],
              container: c.name,
              message: `container ${c.name} runs with --reload (development hot reload)`,
            });
          });
        }
      }
    }
  },
});
