/**
 * Provenance through the patch steps: in a base + component + overlay tree, every field a
 * patch set is attributed to the patch file and line, every other field to the base file and
 * line that wrote it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain, explainFields } from '../../src/analysis/explain.js';
import { build } from '../../src/kustomize/index.js';
import type { Location } from '../../src/core/location.js';
import { cloneValue, restatedBy, type Value, type ValueMap } from '../../src/core/provenance.js';
import { getPath, type Resource } from '../../src/core/resource.js';
import { parseYaml } from '../../src/yaml/parse.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'kustomize');

function render(caseName: string, dir = 'overlay'): Resource[] {
  const root = join(fixtures, caseName);
  return build(join(root, dir), { root }).resources;
}

function find(resources: Resource[], kind: string, name: string): Resource {
  const r = resources.find((x) => x.body.kind === kind && (x.body.metadata as { name?: string }).name === name);
  if (!r) throw new Error(`${kind}/${name} not rendered`);
  return r;
}

function where(loc: Location | undefined): string {
  return loc ? `${loc.file}:${loc.line}` : '<none>';
}

/** Line of the first line of `file` (under the case root) that contains `text`, after line `after`. */
function lineOf(caseName: string, file: string, text: string, after = 0): number {
  const lines = readFileSync(join(fixtures, caseName, file), 'utf8').split('\n');
  const i = lines.findIndex((l, n) => n >= after && l.includes(text));
  if (i < 0) throw new Error(`${text} not in ${file}`);
  return i + 1;
}

/** Field path → location, for a parsed base file (what an untouched field must point at). */
function baseLocations(caseName: string, file: string): Map<string, string> {
  const parsed = parseYaml(readFileSync(join(fixtures, caseName, file), 'utf8'), file, { annotationsAsText: true });
  const out = new Map<string, string>();
  for (const f of explainFields(parsed.docs[0]!.value, undefined)) out.set(f.path, where(f.location));
  return out;
}

describe('provenance of patched fields (base + component + overlay)', () => {
  const c = 'patches-in-component';
  const resources = render(c);
  const deploy = find(resources, 'Deployment', 'prod-web');
  const fields = new Map(explainFields(deploy.body, deploy.origin).map((f) => [f.path, where(f.location)]));

  const patched: Record<string, string> = {
    'spec.replicas': `comp/scale.yaml:${lineOf(c, 'comp/scale.yaml', 'replicas: 5')}`,
    'spec.template.spec.containers[name=app].image': `comp/scale.yaml:${lineOf(c, 'comp/scale.yaml', 'image: nginx:1.27')}`,
    'spec.template.spec.containers[name=app].env[name=MODE].value': `overlay/env.yaml:${lineOf(c, 'overlay/env.yaml', 'value: overlay')}`,
  };

  it('attributes each patched field to the patch file and line', () => {
    for (const [path, loc] of Object.entries(patched)) expect(fields.get(path), path).toBe(loc);
  });

  it('attributes the prefixed name to the overlay kustomization', () => {
    expect(fields.get('metadata.name')).toBe(`overlay/kustomization.yaml:${lineOf(c, 'overlay/kustomization.yaml', 'namePrefix')}`);
  });

  it('keeps the base file and line for every other field', () => {
    const base = baseLocations(c, 'base/deploy.yaml');
    let checked = 0;
    for (const [path, loc] of fields) {
      if (path in patched || path === 'metadata.name') continue;
      const expected = base.get(path);
      expect(expected, `${path} is not in the base`).toBeDefined();
      expect(loc, path).toBe(expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('attributes a JSON 6902 value from a component to the operation line', () => {
    const svc = find(resources, 'Service', 'prod-web');
    const type = explainFields(svc.body, svc.origin).find((f) => f.path === 'spec.type');
    expect(where(type?.location)).toBe(`comp/kustomization.yaml:${lineOf(c, 'comp/kustomization.yaml', 'value: NodePort')}`);
    const base = baseLocations(c, 'base/svc.yaml');
    for (const f of explainFields(svc.body, svc.origin)) {
      if (f.path === 'spec.type' || f.path === 'metadata.name') continue;
      expect(where(f.location), f.path).toBe(base.get(f.path));
    }
  });
});

describe('provenance of fields a strategic merge patch restates with the same value', () => {
  const c = 'smp-same-value-provenance';
  const deploy = find(render(c), 'Deployment', 'web');
  const fields = new Map(explainFields(deploy.body, deploy.origin).map((f) => [f.path, where(f.location)]));
  const patch = (text: string) => `overlay/same.yaml:${lineOf(c, 'overlay/same.yaml', text)}`;
  const base = baseLocations(c, 'base/deploy.yaml');
  const app = 'spec.template.spec.containers[name=app]';

  it('attributes an unchanged scalar the patch writes to the patch line', () => {
    expect(fields.get('spec.replicas')).toBe(patch('replicas: 2'));
    expect(fields.get(`${app}.image`)).toBe(patch('image: nginx:1.25'));
  });

  it('attributes an unchanged replaced list to the patch', () => {
    expect(fields.get(`${app}.args[0]`)).toBe(patch('args:'));
    expect(fields.get(`${app}.args[1]`)).toBe(patch('args:'));
  });

  it('attributes the fields of a list item merged by key to the patch, changed or not', () => {
    expect(fields.get(`${app}.env[name=MODE].value`)).toBe(patch('value: base'));
    expect(fields.get(`${app}.env[name=LEVEL].value`)).toBe(patch('value: debug'));
  });

  it('keeps the base location for merge keys, identity and fields the patch does not write', () => {
    for (const path of [
      'apiVersion',
      'kind',
      'metadata.name',
      'metadata.labels.app',
      'spec.selector.matchLabels.app',
      `${app}.name`,
      `${app}.env[name=MODE].name`,
      `${app}.ports[0].containerPort`,
      `${app}.ports[0].protocol`,
    ]) {
      expect(base.get(path), path).toBeDefined();
      expect(fields.get(path), path).toBe(base.get(path));
    }
  });

  it('records the merge keys and identity the patch repeated as restated by it, through copies', () => {
    const copy = cloneValue(deploy.body);
    const container = ((getPath(copy, ['spec', 'template', 'spec', 'containers']) as Value[])[0]) as ValueMap;
    expect(where(restatedBy(container, 'name'))).toBe(patch('- name: app'));
    expect(where(restatedBy(container, 'image'))).toBe(patch('image: nginx:1.25'));
    expect(where(restatedBy(copy, 'kind'))).toBe(patch('kind: Deployment'));
    // Fields the patch did not write were not restated.
    expect(restatedBy(getPath(copy, ['spec', 'selector', 'matchLabels']) as ValueMap, 'app')).toBeUndefined();
  });
});

describe('provenance of other patch mechanisms', () => {
  it('JSON 6902 operations from a file point at the value line', () => {
    const c = 'json6902-add-new-map';
    const r = find(render(c, '.'), 'Deployment', 'web');
    const owner = explainFields(r.body, r.origin).find((f) => f.path === 'metadata.annotations.owner');
    expect(where(owner?.location)).toBe(`ops.yaml:${lineOf(c, 'ops.yaml', 'owner: team-a')}`);
  });

  it('a new container from a strategic merge patch points at the patch lines', () => {
    const c = 'smp-container-new-prepended';
    const r = find(render(c, '.'), 'Deployment', 'web');
    const f = new Map(explainFields(r.body, r.origin).map((x) => [x.path, where(x.location)]));
    expect(f.get('spec.template.spec.containers[name=logger].image')).toBe(`patch.yaml:${lineOf(c, 'patch.yaml', 'image: fluentbit:2')}`);
    expect(f.get('spec.template.spec.containers[name=app].image')).toBe(`deploy.yaml:${lineOf(c, 'deploy.yaml', 'image: nginx:1.25')}`);
  });

  it('a replaced value points at the source field', () => {
    const c = 'repl-name-to-env';
    const r = find(render(c, '.'), 'Deployment', 'web');
    const v = explainFields(r.body, r.origin).find((x) => x.path === 'spec.template.spec.containers[name=app].env[name=MODE].value');
    expect(v?.value).toBe('"web"');
    expect(where(v?.location)).toBe(`svc.yaml:${lineOf(c, 'svc.yaml', 'name: web')}`);
  });

  it('legacy patchesStrategicMerge inline patches point into the kustomization', () => {
    const c = 'psm-inline';
    const r = find(render(c, '.'), 'ConfigMap', 'settings');
    const v = explainFields(r.body, r.origin).find((x) => x.path === 'data.INLINE');
    expect(where(v?.location)).toBe(`kustomization.yaml:${lineOf(c, 'kustomization.yaml', 'INLINE:')}`);
  });
});

describe('--explain', () => {
  it('selects one field path of one object', () => {
    const e = explain(render('patches-in-component'), 'Deployment/prod-web.spec.replicas');
    expect(e.fields.map((f) => f.path)).toEqual(['spec.replicas']);
    expect(e.fields[0]!.value).toBe('5');
  });

  it('fails with a UserError for an unknown object', () => {
    expect(() => explain(render('patches-in-component'), 'Deployment/nope')).toThrow(/no Deployment named/);
  });

  it('never prints Secret values', () => {
    const resources = render('builtin-secret-generator', '.');
    const secret = resources.find((r) => r.body.kind === 'Secret')!;
    const e = explain(resources, `Secret/${(secret.body.metadata as { name: string }).name}`);
    expect(e.fields.find((f) => f.path === 'data.user')?.value).toBe('[REDACTED]');
  });
});

describe('--explain field paths', () => {
  // `build --help` shows `containers[0].image`: an index names the same item as its keyed form.
  it('accepts a list index as well as the keyed form, and refuses an index past the end', async () => {
    const { explain } = await import('../../src/analysis/explain.js');
    const { parseYaml } = await import('../../src/yaml/parse.js');
    const doc = parseYaml('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: web:1\n        - name: proxy\n          image: envoy:1\n', 'd.yaml').docs[0]!;
    const resources = [{ body: doc.value as never, origin: doc.location }];
    const byIndex = explain(resources, 'Deployment/web.spec.template.spec.containers[1].image');
    expect(byIndex.fields.map((f) => [f.path, f.value, f.location?.line])).toEqual([['spec.template.spec.containers[name=proxy].image', '"envoy:1"', 11]]);
    expect(explain(resources, 'Deployment/web.spec.template.spec.containers[name=proxy].image').fields).toEqual(byIndex.fields);
    expect(() => explain(resources, 'Deployment/web.spec.template.spec.containers[2].image')).toThrow(/has no field/);
  });
});
