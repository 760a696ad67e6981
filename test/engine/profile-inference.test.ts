/**
 * A root whose profile nobody set gets the profile its path names (`overlays/dev` → dev), and
 * every report says so; `--profile`, the config and `--strict-config` take precedence.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileFromPath } from '../../src/engine/config.js';
import { runCheck } from '../../src/index.js';
import { imageTagRule } from './test-rules.js';

describe('profileFromPath', () => {
  it.each([
    ['overlays/dev', 'dev'],
    ['overlays/development', 'dev'],
    ['clusters/eu-prod', 'prod'],
    ['envs/staging_us', 'staging'],
    ['overlays/qa', 'staging'],
    ['deploy/production/apps', 'prod'],
    ['overlays/prd', 'prod'],
    ['apps/devices', undefined],
    ['apps/api', undefined],
    // The deepest directory that names an environment wins.
    ['prod/overlays/dev', 'dev'],
  ] as const)('%s → %s', (p, profile) => {
    expect(profileFromPath(p)).toBe(profile);
  });
});

function repo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'prodgate-profiles-'));
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api\n';
  for (const env of ['base', 'overlays/dev', 'overlays/staging', 'overlays/production']) {
    mkdirSync(path.join(root, env), { recursive: true });
    writeFileSync(path.join(root, env, 'kustomization.yaml'), env === 'base' ? 'resources: [d.yaml]\n' : 'resources: [../../base]\n');
  }
  writeFileSync(path.join(root, 'base', 'd.yaml'), deployment);
  return root;
}

describe('profile inference in a run', () => {
  it('gives each root the profile its path names and says so', () => {
    const root = repo();
    const run = runCheck({ inputs: ['.'], rules: [imageTagRule], load: { root } });
    expect(run.targets.map((t) => [t.path, t.profile, t.profileSource])).toEqual([
      ['overlays/dev', 'dev', 'inferred from the path'],
      ['overlays/production', 'prod', 'inferred from the path'],
      ['overlays/staging', 'staging', 'inferred from the path'],
    ]);
  });

  it('yields to --profile and is off under --strict-config', () => {
    const root = repo();
    const cli = runCheck({ inputs: ['.'], rules: [imageTagRule], load: { root }, cli: { profile: 'prod' } });
    expect(cli.targets.map((t) => [t.profile, t.profileSource])).toEqual(Array(3).fill(['prod', '--profile']));
    const strict = runCheck({ inputs: ['.'], rules: [imageTagRule], load: { root }, strictConfig: true });
    expect(strict.targets.map((t) => [t.profile, t.profileSource])).toEqual(Array(3).fill(['prod', 'default']));
  });
});
