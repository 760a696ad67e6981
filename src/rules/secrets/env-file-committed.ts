import { yamlBlock } from '../shared/snippet.js';
import { isCommittedEnvFile, scanEnvFile } from '../../analysis/secrets/env-files.js';
import { newMap, type ValueMap } from '../../core/provenance.js';
import type { Resource } from '../../core/resource.js';
import type { EnvFile } from '../../engine/estate.js';
import { pathGlobMatch } from '../../core/glob.js';
import { defineRule } from '../../engine/rule.js';
import { EXAMPLE_PASSWORD, exampleGitlabToken } from './examples.js';

const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\ndata:\n  LOG_LEVEL: info\n';

/** A stand-in object for a dotenv file, so its findings carry an object named by its path. */
function envFileResource(f: EnvFile): Resource {
  const body: ValueMap = newMap();
  body.apiVersion = '';
  body.kind = 'EnvFile';
  const metadata: ValueMap = newMap();
  metadata.name = f.file;
  body.metadata = metadata;
  return { body, origin: { file: f.file, line: 1 } };
}

export const rule = defineRule({
  id: 'env-file-committed',
  title: 'No .env files tracked by Git',
  concern: 'secrets',
  severity: 'warning',
  rationale:
    'A `.env` file committed beside deployment manifests is where real credentials end up: it is copied into every clone, fork and CI cache, and its history keeps every value ever written. Only templates (`.env.example`, `.env.sample`, `.env.template`) belong in Git.',
  remediation: [
    'Remove the file from Git, ignore it, and commit a template with placeholders instead; real values come from a secret store:',
    '',
    yamlBlock([
      '# .gitignore',
      '.env',
      '.env.*',
      '!.env.example',
      '',
      '# .env.example',
      'DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DB?sslmode=require',
    ]),
  ].join('\n'),
  params: {
    templates: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description:
        'Globs (relative to the repository root) of tracked `.env*` files that are non-secret templates, such as `deploy/.env.staging` holding only placeholders. They may be tracked; a secret-looking value in them is still reported.',
      default: [],
    },
  },
  examples: {
    bad: [
      {
        description: 'A `.env` file with a password, tracked by Git beside the manifests.',
        files: { 'deploy/.env': `DB_PASSWORD=${EXAMPLE_PASSWORD}\nLOG_LEVEL=info\n`, 'deploy/cm.yaml': configMap },
        entry: 'deploy',
        trackedEnvFiles: ['deploy/.env', 'deploy/cm.yaml'],
        message: 'line 1 assigns DB_PASSWORD a secret-looking value',
      },
      {
        description: 'A tracked `.env.production` is reported even when it holds no secret-looking value (yet).',
        files: { 'deploy/.env.production': 'LOG_LEVEL=warn\nFEATURE_CHECKOUT_V2=true\n', 'deploy/cm.yaml': configMap },
        entry: 'deploy',
        trackedEnvFiles: ['deploy/.env.production', 'deploy/cm.yaml'],
        message: 'keep only a template such as .env.example',
      },
    ],
    good: [
      {
        description: 'Only a template (`.env.example`) is tracked.',
        files: { 'deploy/.env.example': 'DB_PASSWORD=\nLOG_LEVEL=info\n', 'deploy/cm.yaml': configMap },
        entry: 'deploy',
        trackedEnvFiles: ['deploy/.env.example', 'deploy/cm.yaml'],
      },
      {
        description: 'A local `.env` that `.gitignore` keeps out of Git is not reported.',
        files: { '.gitignore': '.env\n', 'deploy/.env': `GITLAB_TOKEN=${exampleGitlabToken()}\n`, 'deploy/cm.yaml': configMap },
        entry: 'deploy',
        trackedEnvFiles: ['.gitignore', 'deploy/cm.yaml'],
      },
      {
        description: 'A per-environment file the repository declares a template, holding only placeholders.',
        files: { 'deploy/.env.staging': 'DB_PASSWORD=${DB_PASSWORD}\nLOG_LEVEL=info\n', 'deploy/cm.yaml': configMap },
        entry: 'deploy',
        trackedEnvFiles: ['deploy/.env.staging', 'deploy/cm.yaml'],
        params: { templates: ['deploy/.env.*'] },
      },
    ],
  },
  check(ctx) {
    for (const f of ctx.estate.envFiles) {
      if (!isCommittedEnvFile(f.file)) continue;
      const secrets = scanEnvFile(f.text);
      const resource = envFileResource(f);
      // A file the repository declares a template (`.env.staging` holding only placeholders) may
      // be tracked; a secret-looking value in it is still reported.
      const template = ctx.params.templates.some((g) => pathGlobMatch(g, f.file));
      if (secrets.length === 0) {
        if (template) continue;
        ctx.report({
          resource,
          path: [],
          message: `${f.file} is tracked by Git; keep only a template such as .env.example in the repository`,
          location: { file: f.file, line: 1 },
        });
        continue;
      }
      for (const s of secrets) {
        ctx.report({
          resource,
          path: [s.name],
          message: `${f.file} is tracked by Git and line ${s.line} assigns ${s.name} a secret-looking value (${s.description}, ${s.length} characters)`,
          location: { file: f.file, line: s.line },
          severity: 'error',
        });
      }
    }
  },
});
