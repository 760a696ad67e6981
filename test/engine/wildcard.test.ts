/** The `*` wildcard of image and object-name matchers: any text, `/` included; never super-linear. */
import { describe, expect, it } from 'vitest';
import { wildcardMatch } from '../../src/core/glob.js';

describe('wildcardMatch', () => {
  it.each([
    ['postgres', 'postgres', true],
    ['*postgres*', 'docker.io/library/postgres:16', true],
    ['bitnami/*', 'bitnami/redis', true],
    ['bitnami/*', 'other/redis', false],
    ['*', '', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbY', false],
    ['istio-ca-*', 'istio-ca-root-cert', true],
    ['a.b', 'aXb', false],
  ])('%s against %s is %s', (pattern, subject, expected) => {
    expect(wildcardMatch(pattern, subject)).toBe(expected);
  });

  it('stays fast on a pathological pattern', () => {
    const started = Date.now();
    expect(wildcardMatch('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(20_000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
