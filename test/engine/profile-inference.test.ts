/**
 * A root whose profile nobody set gets the profile its path names (`overlays/dev` → dev), and
 * every report says so; `--profile`, the config and `--strict-config` take precedence.
 */
import { describe, expect, it } from 'vitest';
import { profileFromPath } from '../../src/engine/config.js';
import { runCheck } from '../../src/index.js';
import { writeTree } from './helpers.js';
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
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api\n';
  const files: Record<string, string> = { 'base/kustomization.yaml': 'resources: [d.yaml]\n', 'base/d.yaml': deployment };
  for (const env of ['overlays/dev', 'overlays/staging', 'overlays/production']) files[`${env}/kustomization.yaml`] = 'resources: [../../base]\n';
  return writeTree(files);
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
