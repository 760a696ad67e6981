/**
 * Unit tests of the patch engines. Every expected value below was observed from
 * `kubectl kustomize` (kustomize v5.5.0) on the equivalent tree; the differential fixtures
 * (smp-*, json6902-*, patches-*, target-*) cover the same ground end to end.
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { entryOrigin, type Value, type ValueMap } from '../../src/core/provenance.js';
import { builtinSchema, MergeSchema, schemaFromDocument } from '../../src/kustomize/openapi.js';
import { applyJsonPatch, decodeJsonPatch } from '../../src/kustomize/patches/json6902.js';
import { parseSelector, selectorMatchesLabels, TargetMatcher } from '../../src/kustomize/patches/select.js';
import { applyStrategicMerge } from '../../src/kustomize/patches/smp.js';
import { splitFieldPath } from '../../src/kustomize/replacements.js';
import { expandVars } from '../../src/kustomize/vars.js';
import type { KResource } from '../../src/kustomize/types.js';
import { parseYaml } from '../../src/yaml/parse.js';

/** Resources keep annotation values as text; patches are read typed here (nulls delete). */
function doc(text: string, file = 'x.yaml'): ValueMap {
  return parseYaml(text, file, { annotationsAsText: file !== 'patch.yaml' }).docs[0]!.value as ValueMap;
}

/** Plain JSON view (key order normalised) for comparisons. */
function plain(v: Value): unknown {
  return JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)));
}

function smp(base: string, patch: string, schema: MergeSchema = builtinSchema): unknown {
  const target = doc(base, 'base.yaml');
  const r = applyStrategicMerge(target, doc(patch, 'patch.yaml'), schema);
  return r.deleted ? null : plain(target);
}

const deployment = (containers: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
${containers}`;

function containerNames(v: unknown): string[] {
  return ((v as { spec: { template: { spec: { containers: { name: string }[] } } } }).spec.template.spec.containers).map((c) => c.name);
}

describe('strategic merge', () => {
  it('puts patch elements first, in patch order, then untouched ones', () => {
    const out = smp(
      deployment('      - {name: app, image: a}\n      - {name: sidecar, image: s}\n'),
      deployment('      - {name: sidecar, image: s2}\n      - {name: extra, image: e}\n      - {name: app, imagePullPolicy: Always}\n'),
    );
    expect(containerNames(out)).toEqual(['sidecar', 'extra', 'app']);
  });

  it('keeps the resource order for lists merged on two keys, new elements first', () => {
    const base = `apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  ports:
  - {name: tcp, port: 53, protocol: TCP}
  - {name: udp, port: 53, protocol: UDP}
  - {name: http, port: 80}
`;
    const out = smp(base, `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - {port: 53, protocol: UDP, targetPort: 5353}\n  - {port: 443, name: https}\n`) as {
      spec: { ports: { name: string; targetPort?: number }[] };
    };
    expect(out.spec.ports.map((p) => p.name)).toEqual(['https', 'tcp', 'udp', 'http']);
    expect(out.spec.ports[2]!.targetPort).toBe(5353);
  });

  it('replaces lists the schema does not know (tolerations, CRD lists)', () => {
    const out = smp(
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  items: [{name: a}, {name: b, v: 1}]\n',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  items: [{name: b, v: 2}]\n',
    );
    expect(out).toMatchObject({ spec: { items: [{ name: 'b', v: 2 }] } });
  });

  it('merges finalizers as a set, patch values first', () => {
    const out = smp(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  finalizers: [a, b]\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  finalizers: [c, a]\n',
    );
    expect(out).toMatchObject({ metadata: { finalizers: ['c', 'a', 'b'] } });
  });

  it('deletes with null, drops nulls inside added subtrees, keeps the resource own nulls', () => {
    const out = smp(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {a: "1", b: "2"}\nspec:\n  paused: null\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {a: null}\n  annotations: {x: "1", y: null}\n',
    ) as ValueMap;
    expect(out).toMatchObject({ metadata: { labels: { b: '2' }, annotations: { x: '1' } }, spec: { paused: null } });
    expect((out.metadata as ValueMap).annotations).not.toHaveProperty('y');
  });

  it('drops a bare `key:` of the patched object but keeps `key: null`', () => {
    const out = smp('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nbare:\nexplicit: null\n', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n') as ValueMap;
    expect(out).not.toHaveProperty('bare');
    expect(out.explicit).toBeNull();
  });

  it('honours $patch: delete on elements and maps, and on the whole object', () => {
    const out = smp(
      deployment('      - {name: app, image: a}\n      - {name: sidecar, image: s}\n'),
      deployment('      - {name: sidecar, $patch: delete}\n'),
    );
    expect(containerNames(out)).toEqual(['app']);
    expect(smp('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n', '$patch: delete\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n')).toBeNull();
  });

  it('undoes $patch: replace on a list element, as kustomize does', () => {
    const out = smp(deployment('      - {name: side, image: busybox}\n'), deployment('      - {name: side, $patch: replace, image: bb2}\n'));
    expect(out).toMatchObject({ spec: { template: { spec: { containers: [{ name: 'side', image: 'busybox' }] } } } });
  });

  it('replaces a whole list with a lone {$patch: replace} element', () => {
    const out = smp(deployment('      - {name: a}\n      - {name: b}\n'), deployment('      - $patch: replace\n      - {name: only}\n'));
    expect(containerNames(out)).toEqual(['only']);
  });

  it('keeps $setElementOrder and $retainKeys as ordinary fields', () => {
    const out = smp('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  $retainKeys: [x]\n');
    expect(out).toMatchObject({ metadata: { $retainKeys: ['x'] } });
  });

  it('fails on a node kind mismatch and on an unknown directive', () => {
    expect(() => smp('apiVersion: v1\nkind: X\nmetadata: {name: a}\nspec: {replicas: 1}\n', 'apiVersion: v1\nkind: X\nmetadata: {name: a}\nspec: {replicas: {value: 3}}\n')).toThrow(UserError);
    expect(() => smp('apiVersion: v1\nkind: X\nmetadata: {name: a}\nspec: {a: {b: 1}}\n', 'apiVersion: v1\nkind: X\nmetadata: {name: a}\nspec: {a: {$patch: explode}}\n')).toThrow(/unknown patch strategy/);
  });

  it('attributes patched fields to the patch and keeps the rest', () => {
    const target = doc(deployment('      - name: app\n        image: a\n'), 'base.yaml');
    applyStrategicMerge(target, doc(deployment('      - name: app\n        image: b\n'), 'patch.yaml'), builtinSchema);
    const c = ((target.spec as ValueMap).template as ValueMap).spec as ValueMap;
    const app = (c.containers as ValueMap[])[0]!;
    expect(entryOrigin(app, 'image')?.file).toBe('patch.yaml');
    expect(entryOrigin(app, 'name')?.file).toBe('base.yaml');
  });

  it('uses a custom OpenAPI document instead of the built-in data', () => {
    const schema = schemaFromDocument(
      doc(`definitions:
  w:
    x-kubernetes-group-version-kind: [{group: example.com, version: v1, kind: Widget}]
    properties:
      spec:
        properties:
          items:
            x-kubernetes-patch-strategy: merge
            x-kubernetes-patch-merge-key: name
`),
    );
    const out = smp(
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  items: [{name: a}, {name: b, v: 1}]\n',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  items: [{name: b, v: 2}]\n',
      schema,
    );
    expect(out).toMatchObject({ spec: { items: [{ name: 'b', v: 2 }, { name: 'a' }] } });
  });
});

function ops(text: string) {
  const d = parseYaml(text, 'ops.yaml', { dialect: 'yaml11' }).docs[0]!;
  return decodeJsonPatch(d.value, d.location);
}

describe('JSON 6902', () => {
  const base = () => doc('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  list: [a, b, c]\n');

  it('adds, appends with -, inserts at an index and counts negative indexes from the end', () => {
    const out = applyJsonPatch(base(), ops('- {op: add, path: /spec/list/-, value: d}\n- {op: add, path: /spec/list/0, value: z}\n- {op: replace, path: /spec/list/-1, value: last}\n'));
    expect(plain(out)).toMatchObject({ spec: { list: ['z', 'a', 'b', 'c', 'last'] } });
  });

  it('replace on a missing key adds it; remove of a missing key fails', () => {
    expect(plain(applyJsonPatch(base(), ops('- {op: replace, path: /spec/paused, value: true}\n')))).toMatchObject({ spec: { paused: true } });
    expect(() => applyJsonPatch(base(), ops('- {op: remove, path: /spec/nothing}\n'))).toThrow(UserError);
  });

  it('always finds metadata.annotations, as kustomize keeps internal annotations there', () => {
    expect(plain(applyJsonPatch(base(), ops('- {op: add, path: /metadata/annotations/a~1b, value: x}\n')))).toMatchObject({
      metadata: { annotations: { 'a/b': 'x' } },
    });
    expect(plain(applyJsonPatch(base(), ops('- {op: remove, path: /metadata/annotations}\n')))).not.toHaveProperty('metadata.annotations');
  });

  it('runs test, move and copy', () => {
    const out = applyJsonPatch(
      base(),
      ops('- {op: test, path: /spec/replicas, value: 2}\n- {op: move, from: /spec/list/0, path: /spec/first}\n- {op: copy, from: /spec/first, path: /spec/again}\n'),
    );
    expect(plain(out)).toMatchObject({ spec: { first: 'a', again: 'a', list: ['b', 'c'] } });
    expect(() => applyJsonPatch(base(), ops('- {op: test, path: /spec/replicas, value: 9}\n'))).toThrow(/testing value/);
  });

  it('reads YAML operations with YAML 1.1 scalars', () => {
    const out = applyJsonPatch(base(), ops('- {op: add, path: /spec/paused, value: yes}\n- {op: add, path: /spec/mode, value: 0777}\n'));
    expect(plain(out)).toMatchObject({ spec: { paused: true, mode: 511 } });
  });

  it('refuses copy chains that would duplicate the document exponentially', () => {
    const chain = Array.from({ length: 40 }, (_, i) => `- {op: copy, from: /spec/c${i}, path: /spec/c${i + 1}}\n`).join('');
    const start = doc('apiVersion: v1\nkind: X\nmetadata: {name: a}\nspec:\n  c0: {a: [1, 2, 3, 4]}\n');
    const doubling = Array.from({ length: 40 }, (_, i) => `- {op: add, path: /spec/c${i + 1}, value: {}}\n- {op: copy, from: /spec/c${i}, path: /spec/c${i + 1}/l}\n- {op: copy, from: /spec/c${i}, path: /spec/c${i + 1}/r}\n`).join('');
    expect(() => applyJsonPatch(start, ops(chain + doubling))).toThrow(/copy operations duplicate/);
  });

  it('fails on a missing parent, an index past the end and an unknown op', () => {
    expect(() => applyJsonPatch(base(), ops('- {op: add, path: /spec/a/b, value: 1}\n'))).toThrow(/missing path/);
    expect(() => applyJsonPatch(base(), ops('- {op: add, path: /spec/list/9, value: 1}\n'))).toThrow(/out of range/);
    expect(() => applyJsonPatch(base(), ops('- {op: frobnicate, path: /spec}\n'))).toThrow(/Unexpected kind/);
  });
});

function res(body: string, previous: { name: string }[] = []): KResource {
  const b = doc(body);
  return {
    body: b,
    origin: { file: 'x.yaml', line: 1 },
    meta: {
      previousIds: previous.map((p) => ({ group: 'apps', version: 'v1', kind: 'Deployment', name: p.name, namespace: '' })),
      prefixes: [],
      suffixes: [],
      needsHash: false,
    },
  };
}

describe('patch targets', () => {
  const web = res('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: pre-web\n  labels: {app: web, tier: fe}\n', [{ name: 'web' }]);
  const cm = res('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: prod\n');

  it('anchors regexes and matches original or current names', () => {
    expect(new TargetMatcher({ kind: 'Deploy' }, undefined).matches(web)).toBe(false);
    expect(new TargetMatcher({ kind: 'Deployment|ConfigMap' }, undefined).select([web, cm])).toHaveLength(2);
    expect(new TargetMatcher({ name: 'web' }, undefined).matches(web)).toBe(true);
    expect(new TargetMatcher({ name: 'pre-web' }, undefined).matches(web)).toBe(true);
  });

  it('treats an empty namespace as default', () => {
    expect(new TargetMatcher({ namespace: 'default' }, undefined).select([web, cm])).toEqual([web]);
  });

  it('accepts nested repetition as RE2 in kustomize does, and matches it in linear time', () => {
    const started = Date.now();
    expect(new TargetMatcher({ name: '(a+)+$' }, undefined).matches(web)).toBe(false);
    expect(new TargetMatcher({ name: '(web|api)+' }, undefined).matches(web)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('parses label selectors', () => {
    const labels = { app: 'web', tier: 'fe' };
    expect(selectorMatchesLabels(parseSelector('app=web,tier in (fe,be)', undefined), labels)).toBe(true);
    expect(selectorMatchesLabels(parseSelector('app!=web', undefined), labels)).toBe(false);
    expect(selectorMatchesLabels(parseSelector('!missing,app', undefined), labels)).toBe(true);
    expect(selectorMatchesLabels(parseSelector('tier notin (fe)', undefined), labels)).toBe(false);
    expect(() => parseSelector('app in web', undefined)).toThrow(UserError);
  });
});

describe('replacements and vars helpers', () => {
  it('splits field paths at dots outside brackets', () => {
    expect(splitFieldPath('spec.containers.[name=a.b].image')).toEqual(['spec', 'containers', '[name=a.b]', 'image']);
  });

  it('expands $(VAR) like kustomize', () => {
    const vars: Record<string, Value> = { SVC: 'web', PORT: 80 };
    const lookup = (n: string) => vars[n];
    expect(expandVars('$(SVC).ns:$(PORT)', lookup)).toBe('web.ns:80');
    expect(expandVars('$(PORT)', lookup)).toBe(80);
    expect(expandVars('$$(SVC) $(UNKNOWN) $x $(', lookup)).toBe('$(SVC) $(UNKNOWN) $x $(');
  });
});
