/** Globs in `.prodgate.yaml` and `--ignore` are checked when read: a broken one is an error at its line, a pathological one stays fast. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { parseConfig } from '../../src/engine/config.js';
import { runCli, STACK_TRACE } from '../helpers/hostile.js';

function located(text: string): string {
  try {
    parseConfig(text, '.prodgate.yaml', '/tmp');
  } catch (e) {
    if (e instanceof UserError) return e.render();
    throw e;
  }
  return 'accepted';
}

describe('config globs', () => {
  it.each([
    ['ignore:\n  - "[z-a]"\n', 2],
    ['ignore:\n  - ok/**\n  - "{a,{b,"\n', 3],
    ['environments:\n  - paths: ["overlays/[z-a]"]\n    profile: dev\n', 2],
    ['waivers:\n  - rule: image-no-latest-tag\n    name: "[z-a]"\n    reason: r\n    expires: 2099-01-01\n', 3],
  ])('refuses %j at its line', (text, line) => {
    expect(located(text)).toMatch(new RegExp(`^\\.prodgate\\.yaml:${line}:\\d+: invalid config: glob .* is not valid`));
  });

  it('accepts a pathological glob and matches it in linear time', async () => {
    expect(located('ignore:\n  - "*a*a*a*a*a*a*a*a*a*a*b"\n')).toBe('accepted');
    const { globMatch } = await import('../../src/core/glob.js');
    const started = Date.now();
    expect(globMatch('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses an invalid --ignore glob with exit 2', () => {
    const r = runCli(['check', 'examples', '--ignore', '[z-a]'], { timeoutMs: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: --ignore "\[z-a\]" is not a valid glob/m);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('Kubernetes versions', () => {
  it.each(['1.3', '1.40', '1.15'])('refuses --kube-version %s with the supported range', (v) => {
    const r = runCli(['validate', 'examples', '--kube-version', v], { timeoutMs: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/outside the supported range 1\.16–1\.37/);
  });

  it('refuses an out-of-range kubeVersion in the config at its line', () => {
    expect(located('profile: prod\nkubeVersion: "1.40"\n')).toMatch(/^\.prodgate\.yaml:2:\d+: invalid config: Kubernetes 1\.40 is outside/);
    expect(located('environments:\n  - paths: ["**"]\n    kubeVersion: "1.9"\n')).toMatch(/^\.prodgate\.yaml:3:\d+: invalid config: Kubernetes 1\.9 is outside/);
    expect(located('kubeVersion: "1.29"\n')).toBe('accepted');
  });
});
