/**
 * Unit checks of the renderer's building blocks against values the oracle printed (the hash
 * table of the fact sheet was recomputed by kustomize itself) or kustomize's documented rules.
 */
import { describe, expect, it } from 'vitest';
import { newMap, type ValueMap } from '../../src/core/provenance.js';
import { contentHash, goJson } from '../../src/kustomize/hash.js';
import { encodeBase64 } from '../../src/kustomize/generators.js';
import { rewriteImage, splitImage } from '../../src/kustomize/images.js';
import { legacyCompare, defaultOrderFirst, defaultOrderLast } from '../../src/kustomize/sort.js';
import { splitPath } from '../../src/kustomize/fieldspec.js';
import { defaultConfig } from '../../src/kustomize/config.js';
import { looksRemote } from '../../src/kustomize/loader.js';

function map(o: Record<string, unknown>): ValueMap {
  const m = newMap();
  for (const [k, v] of Object.entries(o)) m[k] = (v && typeof v === 'object' && !Array.isArray(v) ? map(v as Record<string, unknown>) : v) as never;
  return m;
}

describe('name hash', () => {
  it.each([
    [{ kind: 'ConfigMap', data: { a: 'b' } }, '4h2mbtbbt6'],
    [{ kind: 'ConfigMap' }, '6ct58987ht'],
    [{ kind: 'ConfigMap', data: { k: 'v' }, immutable: true, metadata: { annotations: { x: 'y' } } }, 'bdg947hgcc'],
    [{ kind: 'Secret', type: 'Opaque', data: { pw: 'aHVudGVyMg==' } }, '9b766bfc5b'],
    [{ kind: 'Secret', type: 'Opaque', data: { k: 'dg==' } }, 'ftgtgc4t9f'],
  ])('%j hashes to %s', (body, hash) => {
    expect(contentHash(map(body))).toBe(hash);
  });

  it('ignores the name and namespace', () => {
    expect(contentHash(map({ kind: 'ConfigMap', metadata: { name: 'x', namespace: 'y' }, data: { a: 'b' } }))).toBe('4h2mbtbbt6');
  });

  it('encodes JSON as Go does (HTML-safe escapes, sorted keys)', () => {
    expect(goJson(map({ b: '<a>&', a: '\u2028', c: [1, true, null] }))).toBe('{"a":"\\u2028","b":"\\u003ca\\u003e\\u0026","c":[1,true,null]}');
  });
});

describe('generated base64', () => {
  it('stays on one line below 70 characters and wraps every line from 70 on', () => {
    expect(encodeBase64(Buffer.alloc(51, 'x'))).not.toContain('\n');
    const wrapped = encodeBase64(Buffer.alloc(52, 'y'));
    expect(wrapped.endsWith('\n')).toBe(true);
    expect(wrapped.split('\n')[0]).toHaveLength(70);
  });
});

describe('images', () => {
  it('splits name, tag and digest, looking for the tag after the registry', () => {
    expect(splitImage('localhost:5000/app:v1@sha256:aa')).toEqual({ name: 'localhost:5000/app', tag: 'v1', digest: 'sha256:aa' });
    expect(splitImage('nginx')).toEqual({ name: 'nginx', tag: '', digest: '' });
    expect(splitImage('nginx@sha256:bb')).toEqual({ name: 'nginx', tag: '', digest: 'sha256:bb' });
  });

  it('applies newTag, digest and tagSuffix as kustomize does', () => {
    expect(rewriteImage('nginx:1.0@sha256:x', { name: 'nginx', newTag: '2' })).toBe('nginx:2');
    expect(rewriteImage('nginx:1.0', { name: 'nginx', digest: 'sha256:y' })).toBe('nginx@sha256:y');
    expect(rewriteImage('busybox:1.0', { name: 'busybox', tagSuffix: '-alpine' })).toBe('busybox:1.0-alpine');
    expect(rewriteImage('nginxx:1', { name: 'nginx', newTag: '2' })).toBeUndefined();
  });
});

describe('legacy order', () => {
  const cmp = legacyCompare(defaultOrderFirst, defaultOrderLast);
  const id = (apiVersion: string, kind: string, name = 'n', namespace = '') => {
    const i = apiVersion.indexOf('/');
    return { group: i < 0 ? '' : apiVersion.slice(0, i), version: i < 0 ? apiVersion : apiVersion.slice(i + 1), kind, name, namespace };
  };
  it('ranks kinds, then puts named groups before the core group', () => {
    expect(cmp(id('v1', 'Namespace'), id('v1', 'ConfigMap'))).toBeLessThan(0);
    expect(cmp(id('apps/v1', 'DaemonSet'), id('v1', 'Pod'))).toBeLessThan(0);
    expect(cmp(id('v1', 'Pod'), id('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration'))).toBeLessThan(0);
  });
  it('orders core Namespaces before grouped ones and named namespaces before none', () => {
    expect(cmp(id('v1', 'Namespace'), id('example.com/v1', 'Namespace'))).toBeLessThan(0);
    expect(cmp(id('v1', 'ConfigMap', 'a', 'x'), id('v1', 'ConfigMap', 'a'))).toBeLessThan(0);
  });
});

describe('field specs and tables', () => {
  it('keeps escaped slashes inside a segment', () => {
    expect(splitPath('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret')).toEqual([
      'metadata',
      'annotations',
      'nginx.ingress.kubernetes.io/auth-secret',
    ]);
  });
  it("has kustomize's table sizes", () => {
    const tc = defaultConfig();
    expect(tc.commonLabels).toHaveLength(32);
    expect(tc.commonAnnotations).toHaveLength(9);
    expect(tc.nameReference).toHaveLength(16);
    expect(tc.nameReference.reduce((n, b) => n + b.referrers.length, 0)).toBe(167);
  });
});

describe('remote locations', () => {
  it.each(['https://x/y.yaml', 'github.com/a/b', 'git@github.com:a/b.git', 'git::https://h/r', 'ssh://h/r', 'example.com/a/b?ref=v1'])('%s is remote', (p) => {
    expect(looksRemote(p)).toBe(true);
  });
  it.each(['../base', 'overlays/prod', 'deploy.yaml', 'dir.with.dots/x'])('%s is local', (p) => {
    expect(looksRemote(p)).toBe(false);
  });
});

describe('hash suffix on other kinds', () => {
  it('is refused rather than computed differently from kustomize', () => {
    expect(() => contentHash(map({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }))).toThrow(/only ConfigMap and Secret/);
  });
});
