/** `prodgate init` proposes a config from the repository itself, and the result is one prodgate accepts. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, resolveSettings } from '../../src/engine/config.js';
import { inProcessCli } from '../helpers/in-process-cli.js';
import { writeTree } from '../engine/helpers.js';

const cli = inProcessCli();

function repo(): string {
  const files: Record<string, string> = {
    'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
    'base/deployment.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - name: api\n          image: registry.example.com/api\n',
    'overlays/dev/kustomization.yaml': 'resources: [../../base]\n',
    'overlays/staging/kustomization.yaml': 'resources: [../../base]\n',
    'overlays/production/kustomization.yaml': 'resources: [../../base]\n',
  };
  return writeTree(files);
}

describe('prodgate init', () => {
  it('writes the environments it found, the top rules and a waiver example, as a valid config', async () => {
    const root = repo();
    const r = await cli.run(root, 'init');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote \.prodgate\.yaml: 3 environments/);
    const text = readFileSync(path.join(root, '.prodgate.yaml'), 'utf8');
    const config = parseConfig(text, '.prodgate.yaml', root);
    expect(config.environments.map((e) => [e.paths, e.profile])).toEqual([
      [['overlays/dev'], 'dev'],
      [['overlays/production'], 'prod'],
      [['overlays/staging'], 'staging'],
    ]);
    expect(resolveSettings(config, path.join(root, 'overlays/dev')).profileSource).toMatch(/\.prodgate\.yaml:\d+/);
    expect(text).toMatch(/^#   ([a-z-]+): \d+ findings? \(prodgate rules \1\)$/m);
    expect(text).toMatch(/#   - rule: \S+\n#     kind: Deployment\n#     name: "api"/);
    cli.clear();
    // The written config is the one the next check uses.
    const check = await cli.run(root, 'check', '.', '-f', 'json');
    const targets = JSON.parse(check.stdout).summary.targets as { path: string; profile: string; profileSource: string }[];
    expect(targets.map((t) => [t.path, t.profile])).toEqual([
      ['overlays/dev', 'dev'],
      ['overlays/production', 'prod'],
      ['overlays/staging', 'staging'],
    ]);
    expect(targets.every((t) => /\.prodgate\.yaml:\d+/.test(t.profileSource))).toBe(true);
  });

  it('never replaces an existing config without --force, and --stdout writes nothing', async () => {
    const root = repo();
    writeFileSync(path.join(root, '.prodgate.yaml'), 'profile: prod\n');
    const refused = await cli.run(root, 'init');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists[\s\S]*--force/);
    cli.clear();
    const shown = await cli.run(root, 'init', '--stdout');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^environments:/m);
    expect(readFileSync(path.join(root, '.prodgate.yaml'), 'utf8')).toBe('profile: prod\n');
    cli.clear();
    expect((await cli.run(root, 'init', '--force')).code).toBe(0);
    expect(readFileSync(path.join(root, '.prodgate.yaml'), 'utf8')).toMatch(/^environments:/m);
  });
});
