import { describe, expect, it } from 'vitest';
import { globMatch, pathGlobMatch } from '../../src/core/glob.js';

describe('globs', () => {
  it.each([
    ['*', 'prometheus', true],
    ['prometheus-*', 'prometheus-server', true],
    ['prometheus-*', 'grafana', false],
    ['*.yaml', 'a/b.yaml', false],
    ['**/*.yaml', 'a/b.yaml', true],
    ['**/*.yaml', 'b.yaml', true],
    ['vendor/**', 'vendor/chart/x.yaml', true],
    ['vendor/**', 'vendors/x.yaml', false],
    ['clusters/*-dev', 'clusters/eu-dev', true],
    ['clusters/*-dev', 'clusters/eu/dev', false],
    ['{web,api}', 'api', true],
    ['{web,api}', 'db', false],
    ['ns-?', 'ns-1', true],
    ['ns-[0-9]', 'ns-a', false],
    ['ns-[!0-9]', 'ns-a', true],
    ['a.b', 'axb', false],
    ['(x)', '(x)', true],
  ])('%s matches %s: %s', (pattern, subject, expected) => {
    expect(globMatch(pattern, subject)).toBe(expected);
  });

  it('path globs also match everything below a matching directory', () => {
    expect(pathGlobMatch('overlays/dev', 'overlays/dev')).toBe(true);
    expect(pathGlobMatch('overlays/dev', 'overlays/dev/patches/x.yaml')).toBe(true);
    expect(pathGlobMatch('./overlays/dev/', 'overlays/dev')).toBe(true);
    expect(pathGlobMatch('**/overlays/dev', 'apps/api/overlays/dev')).toBe(true);
    expect(pathGlobMatch('overlays/dev', 'overlays/development')).toBe(false);
  });
});

describe('hostile globs', () => {
  it('*a*a*a*a*a*a*a*a*a*a*b against a long path matches in linear time', () => {
    const started = performance.now();
    expect(globMatch('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
