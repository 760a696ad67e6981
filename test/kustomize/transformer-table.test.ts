/**
 * The transformer table (src/kustomize/transformers.ts): every builtin transformer is configured
 * both ways kustomize allows — by the kustomization's fields and by a `transformers:` object of
 * its kind — and renders as the oracle did. The inputs are the `tt-*` fixture trees; their
 * expected output was recorded from `kubectl kustomize` (Kustomize v5.5.0) and is re-checked by
 * `npm run conformance:live`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSFORMERS } from '../../src/kustomize/transformers.js';
import { fixtureRoot, runOurs } from '../helpers/oracle.js';

const cases = readdirSync(fixtureRoot)
  .filter((n) => n.startsWith('tt-'))
  .sort()
  .map((name) => ({
    name,
    kustomization: readFileSync(join(fixtureRoot, name, 'kustomization.yaml'), 'utf8'),
    expected: readFileSync(join(fixtureRoot, name, 'expected.yaml'), 'utf8'),
  }));

describe('transformer table', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s renders as the oracle did', (_name, c) => {
    const ours = runOurs(join(fixtureRoot, c.name));
    expect(ours).toMatchObject({ ok: true });
    expect((ours as { stdout: string }).stdout).toBe(c.expected);
  });

  // The small transformers, each exercised through its fields and through an object of its kind.
  const small: Record<string, { field: RegExp; kind: string }> = {
    replicas: { field: /^replicas:/m, kind: 'ReplicaCountTransformer' },
    namespace: { field: /^namespace:/m, kind: 'NamespaceTransformer' },
    'prefix/suffix': { field: /^name(Prefix|Suffix):/m, kind: 'PrefixSuffixTransformer' },
    labels: { field: /^(labels|commonLabels):/m, kind: 'LabelTransformer' },
    annotations: { field: /^commonAnnotations:/m, kind: 'AnnotationsTransformer' },
    images: { field: /^images:/m, kind: 'ImageTagTransformer' },
  };
  it.each(Object.entries(small))('%s has a case through its fields and one through an object', (_name, s) => {
    expect(cases.some((c) => s.field.test(c.kustomization) && !/^transformers:/m.test(c.kustomization))).toBe(true);
    expect(cases.some((c) => c.kustomization.includes(`kind: ${s.kind}`))).toBe(true);
    expect(TRANSFORMERS.some((t) => t.kinds.includes(s.kind) && t.fromFields && t.fromObject)).toBe(true);
  });

  it('knows each object kind once', () => {
    const kinds = TRANSFORMERS.flatMap((t) => t.kinds);
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});
