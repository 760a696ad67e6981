import { describe, expect, it } from 'vitest';
import { runRule } from '../../helpers/rules.js';
import { formatPath } from '../../../src/core/resource.js';
import { rules } from '../../../src/rules/images/index.js';
import { parseImage } from '../../../src/rules/shared/pod.js';
import type { Rule } from '../../../src/engine/types.js';

const byId = (id: string): Rule => {
  const r = rules.find((x) => x.meta.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

const DIGEST = 'sha256:' + 'a'.repeat(64);

const pod = (image: string, pullPolicy?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
    - name: init
      image: registry.example.com/init@${DIGEST}
  containers:
    - name: app
      image: ${image}
${pullPolicy ? `      imagePullPolicy: ${pullPolicy}\n` : ''}`;

describe('parseImage', () => {
  it.each([
    ['nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['nginx:1.27', 'docker.io', 'library/nginx', '1.27', undefined],
    ['acme/api:2', 'docker.io', 'acme/api', '2', undefined],
    ['localhost:5000/api', 'localhost:5000', 'api', undefined, undefined],
    ['ghcr.io/acme/api:1.0@' + DIGEST, 'ghcr.io', 'acme/api', '1.0', DIGEST],
    ['registry.example.com:443/team/api', 'registry.example.com:443', 'team/api', undefined, undefined],
  ])('%s', (image, registry, repository, tag, digest) => {
    expect(parseImage(image)).toMatchObject({ registry, repository, tag, digest });
  });
});

describe('image-no-latest-tag', () => {
  const rule = byId('image-no-latest-tag');
  it('passes for a versioned tag and for a digest', () => {
    expect(runRule(rule, pod('registry.example.com/api:1.4.2'))).toEqual([]);
    expect(runRule(rule, pod(`registry.example.com/api:latest@${DIGEST}`))).toEqual([]);
  });
  it.each([
    ['registry.example.com/api', 'has no tag'],
    ['registry.example.com/api:latest', 'mutable "latest" tag'],
    ['localhost:5000/api', 'has no tag'],
  ])('reports %s', (image, text) => {
    const reports = runRule(rule, pod(image));
    expect(reports).toHaveLength(1);
    expect(formatPath(reports[0]!.path, reports[0]!.resource.body)).toBe('spec.containers[name=app].image');
    expect(reports[0]!.message).toContain(text);
    expect(reports[0]!.message).toContain('Container "app"');
    expect(reports[0]!.container).toBe('app');
  });
});

describe('image-digest-pinning', () => {
  const rule = byId('image-digest-pinning');
  it('passes for digest-pinned images', () => {
    expect(runRule(rule, pod(`registry.example.com/api@${DIGEST}`), { params: { level: 'require' } })).toEqual([]);
  });
  it('is off by default, warns with level warn, errors with level require', () => {
    const yaml = pod('registry.example.com/api:1.4.2');
    expect(runRule(rule, yaml)).toEqual([]);
    expect(runRule(rule, yaml, { profile: 'dev' })).toEqual([]);
    const warn = runRule(rule, yaml, { params: { level: 'warn' } });
    expect(warn).toHaveLength(1);
    expect(warn[0]!.severity).toBe('warning');
    expect(warn[0]!.message).toContain('not pinned by digest');
    expect(formatPath(warn[0]!.path, warn[0]!.resource.body)).toBe('spec.containers[name=app].image');
    expect(runRule(rule, yaml, { params: { level: 'require' } })[0]!.severity).toBe('error');
  });
  it('treats a malformed digest as unpinned', () => {
    expect(runRule(rule, pod('registry.example.com/api@sha256:abc'), { params: { level: 'warn' } })).toHaveLength(1);
  });
});

describe('image-pull-policy-always', () => {
  const rule = byId('image-pull-policy-always');
  it('passes for Always, for digests, and for latest (defaults to Always)', () => {
    expect(runRule(rule, pod('registry.example.com/api:1.4.2', 'Always'))).toEqual([]);
    expect(runRule(rule, pod(`registry.example.com/api:1.4.2@${DIGEST}`, 'IfNotPresent'))).toEqual([]);
    expect(runRule(rule, pod('registry.example.com/api:latest'))).toEqual([]);
  });
  it('reports a tag pulled with the default IfNotPresent', () => {
    const reports = runRule(rule, pod('registry.example.com/api:1.4.2'));
    expect(reports).toHaveLength(1);
    expect(formatPath(reports[0]!.path, reports[0]!.resource.body)).toBe('spec.containers[name=app].imagePullPolicy');
    expect(reports[0]!.message).toContain('default imagePullPolicy IfNotPresent');
  });
  it('does not judge init containers, but judges native sidecars', () => {
    const yaml = pod('registry.example.com/api:1.4.2', 'Always').replace(`registry.example.com/init@${DIGEST}`, 'busybox:1.36.1');
    expect(runRule(rule, yaml)).toEqual([]);
    const sidecar = yaml.replace('      image: busybox:1.36.1\n', '      image: busybox:1.36.1\n      restartPolicy: Always\n');
    expect(runRule(rule, sidecar).map((r) => r.container)).toEqual(['init']);
  });
  it('reports an explicit IfNotPresent or Never', () => {
    expect(runRule(rule, pod('registry.example.com/api:1.4.2', 'Never'))[0]!.message).toContain('imagePullPolicy Never');
  });
});

describe('image-allowed-registries', () => {
  const rule = byId('image-allowed-registries');
  it('allows anything when the list is empty', () => {
    expect(runRule(rule, pod('evil.example.net/x:1'))).toEqual([]);
  });
  it('accepts hosts and path prefixes', () => {
    const params = { registries: ['registry.example.com', 'ghcr.io/acme/'] };
    expect(runRule(rule, pod('ghcr.io/acme/api:1'), { params })).toEqual([]);
    expect(runRule(rule, pod('ghcr.io/acmeevil/api:1'), { params })).toHaveLength(1);
  });
  it('reports images from other registries, Docker Hub short names as docker.io', () => {
    const params = { registries: ['registry.example.com'] };
    const reports = runRule(rule, pod('nginx:1.27'), { params });
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain('docker.io');
    expect(formatPath(reports[0]!.path, reports[0]!.resource.body)).toBe('spec.containers[name=app].image');
    expect(runRule(rule, pod('nginx:1.27'), { params: { registries: ['docker.io', 'registry.example.com'] } })).toEqual([]);
  });
});
