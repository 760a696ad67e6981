import { describe, expect, it } from 'vitest';
import { isCommittedEnvFile, scanEnvFile } from '../../src/analysis/secrets/env-files.js';
import { rand } from './fake.js';

describe('.env files', () => {
  it('tells committed env files from examples', () => {
    const committed = ['.env', 'app/.env', '.env.production', '.env.local', 'deploy/prod.env', 'config/.env.prod'];
    const examples = ['.env.example', '.env.sample', 'app/.env.template', '.env.dist', 'prod.env.example', '.envrc', 'environment.yaml', 'README.env.md.txt'];
    expect(committed.filter(isCommittedEnvFile)).toEqual(committed);
    expect(examples.filter(isCommittedEnvFile)).toEqual([]);
  });
  it('finds secret-looking assignments by line, without values', () => {
    const token = `ghp_${rand(36)}`;
    const text = [
      '# local settings',
      'NODE_ENV=production',
      `export DB_PASSWORD="Zq8-${rand(10)}"`,
      'API_KEY=${API_KEY}',
      `GITHUB_TOKEN=${token} # for releases`,
      'SESSION_SECRET=changeme',
      `DATABASE_URL=postgres://app:${rand(12)}@db:5432/app`,
    ].join('\n');
    const found = scanEnvFile(text);
    expect(found.map((f) => `${f.line} ${f.name} ${f.detector}`)).toEqual([
      '3 DB_PASSWORD password-assignment',
      '5 GITHUB_TOKEN github-token',
      '7 DATABASE_URL dsn-credentials',
    ]);
    expect(JSON.stringify(found)).not.toContain(token);
  });
});
