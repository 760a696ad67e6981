/**
 * The bundled example estate: the gate finds exactly the gaps examples/README.md lists, at the
 * file and line that must change, and nothing else.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nearestConfig } from '../../src/engine/config.js';
import { type RunOptions } from '../../src/engine/engine.js';
import { runCheck } from '../../src/index.js';

const repo = join(import.meta.dirname, '..', '..');
const LW = 'examples/lomash-wood/infra/kubernetes';
const KFM = 'examples/kfm/infra';

/** The gaps left on purpose (examples/README.md), as `gap: rule @ file:line`. */
const expected = [
  `1: kustomize-deprecated-field @ ${LW}/overlays/production/kustomization.yaml:6`,
  `2: dev-settings-in-production @ ${LW}/base/auth-service/deployment.yaml:32`,
  `3: image-no-latest-tag @ ${LW}/base/notification-service/deployment.yaml:23`,
  `4: container-cpu-requests @ ${LW}/overlays/production/patches/analytics-service.yaml:83`,
  `4: container-cpu-limits @ ${LW}/overlays/production/patches/analytics-service.yaml:83`,
  `4: container-memory-requests @ ${LW}/overlays/production/patches/analytics-service.yaml:83`,
  `4: container-memory-limits @ ${LW}/overlays/production/patches/analytics-service.yaml:83`,
  `5: pdb-allows-eviction @ ${LW}/overlays/production/pdb.yaml:36`,
  `6: namespace-default-deny-ingress @ ${KFM}/apps/web/overlays/prod/namespace.yaml:1`,
  `6: workload-without-network-policy @ ${KFM}/apps/web/base/deployment.yaml:14`,
  `7: rbac-cluster-secret-read @ ${KFM}/clusters/prod/policies/rbac.yaml:34`,
];
/** Each target takes its nearest .prodgate.yaml, as the command line does. */
const configFor: RunOptions['configFor'] = (t) => nearestConfig(t.abs ?? repo, new Map(), repo);

const gapOfRule: Record<string, string> = Object.fromEntries(expected.map((e) => [e.split(': ')[1]!.split(' @ ')[0]!, e.split(':')[0]!]));

describe('examples/', () => {
  it('finds exactly the deliberate gaps, at the lines that must change', () => {
    const run = runCheck({ inputs: ['examples'], load: { root: repo }, configFor });
    const got = run.findings.map((f) => `${gapOfRule[f.rule] ?? '?'}: ${f.rule} @ ${f.location?.file}:${f.location?.line}`);
    expect(got.sort()).toEqual([...expected].sort());
    expect(run.targets.map((t) => t.path).sort()).toEqual([`${KFM}/clusters/prod`, `${LW}/overlays/production`]);
    expect(run.passed).toBe(false);
  });

  it('the prod overlays render, validate and pass schema and deprecation checks', () => {
    const run = runCheck({ inputs: ['examples'], load: { root: repo }, configFor, concerns: ['schema', 'deprecations'] });
    expect(run.findings).toEqual([]);
  });

  it('the command line exits 1 and names every gap', () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
    const r = spawnSync(process.execPath, ['--import', tsx, 'src/cli/bin.ts', 'check', 'examples'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 120_000,
    });
    expect(r.status).toBe(1);
    for (const e of expected) expect(r.stdout).toContain(e.split(' @ ')[1]!);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });
});
