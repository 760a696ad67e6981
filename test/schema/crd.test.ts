import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attachCrdSchemas } from '../../src/analysis/schema/validator.js';
import { loadCrdSchemaFiles } from '../../src/analysis/schema/crd-files.js';
import { UserError } from '../../src/core/errors.js';
import { formatPath } from '../../src/core/resource.js';
import { rule as schemaUnknownField } from '../../src/rules/schema/schema-unknown-field.js';
import { rule as schemaUnknownKind } from '../../src/rules/schema/schema-unknown-kind.js';
import { rule as schemaValid } from '../../src/rules/schema/schema-valid.js';
import type { Rule } from '../../src/engine/types.js';
import { estateFromYaml, runRule } from '../helpers/rules.js';
import { clone, deleteAt, setAt, toYaml, type Obj } from './fixtures.js';
import type { Estate } from '../../src/engine/estate.js';

const crdDir = join(import.meta.dirname, 'crds');
const crdText = readFileSync(join(crdDir, 'widgets.yaml'), 'utf8');

const widget: Obj = {
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w', namespace: 'shop', labels: { app: 'w' } },
  spec: {
    size: 3,
    ratio: 0.5,
    port: 'http',
    color: 'red',
    owner: null,
    since: '2024-01-02T03:04:05Z',
    homepage: 'not really a uri',
    extra: { anything: { goes: [1, 2] } },
    template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, spec: { free: true } },
    labels: { a: 'b' },
    items: [{ name: 'one' }],
  },
  status: { whatever: 1 },
};

function run(estate: Estate): { rule: string; path: string; message: string; severity?: string }[] {
  return [schemaValid, schemaUnknownField, schemaUnknownKind].flatMap((rule: Rule) =>
    runRule(rule, estate).map((r) => ({
      rule: rule.meta.id,
      path: formatPath(r.path, r.resource.body),
      message: r.message,
      ...(r.severity ? { severity: r.severity } : {}),
    })),
  );
}

const inEstate = (objects: Obj[]): Estate => estateFromYaml(`${crdText}\n---\n${toYaml(objects)}`);

describe('CRD in the estate', () => {
  it('a valid custom resource passes (and so does the CRD itself)', () => {
    expect(run(inEstate([widget]))).toEqual([]);
  });

  const cases: [string, (o: Obj) => Obj, string, string, RegExp?][] = [
    ['misspelled field', (o) => setAt(o, ['spec', 'sise'], 3), 'schema-unknown-field', 'spec.sise', /unknown field "sise"/],
    ['unknown top-level field', (o) => setAt(o, ['spek'], {}), 'schema-unknown-field', 'spek'],
    ['unknown field in a list item', (o) => setAt(o, ['spec', 'items', 0, 'nmae'], 'x'), 'schema-unknown-field', 'spec.items[name=one].nmae'],
    ['wrong type', (o) => setAt(o, ['spec', 'size'], '3'), 'schema-valid', 'spec.size', /an integer, not a string/],
    ['missing required field', (o) => deleteAt(o, ['spec', 'size']), 'schema-valid', 'spec.size', /missing required field "size"/],
    ['above maximum', (o) => setAt(o, ['spec', 'size'], 11), 'schema-valid', 'spec.size', /<= 10/],
    ['exclusive minimum (OpenAPI 3.0 boolean form)', (o) => setAt(o, ['spec', 'ratio'], 0), 'schema-valid', 'spec.ratio', /> 0/],
    ['int-or-string of the wrong type', (o) => setAt(o, ['spec', 'port'], true), 'schema-valid', 'spec.port', /an integer or a string/],
    ['enum', (o) => setAt(o, ['spec', 'color'], 'purple'), 'schema-valid', 'spec.color', /one of "red", "green", "blue"/],
    ['pattern', (o) => setAt(o, ['spec', 'owner'], 'Bob'), 'schema-valid', 'spec.owner', /pattern/],
    ['date-time format', (o) => setAt(o, ['spec', 'since'], 'yesterday'), 'schema-valid', 'spec.since', /date-time/],
    ['embedded resource without kind', (o) => deleteAt(o, ['spec', 'template', 'kind']), 'schema-valid', 'spec.template.kind'],
    ['map value of the wrong type', (o) => setAt(o, ['spec', 'labels', 'a'], 1), 'schema-valid', 'spec.labels.a'],
    ['metadata checked as ObjectMeta', (o) => setAt(o, ['metadata', 'lables'], {}), 'schema-unknown-field', 'metadata.lables'],
    ['metadata types checked', (o) => setAt(o, ['metadata', 'labels'], 'app=w'), 'schema-valid', 'metadata.labels'],
  ];
  for (const [what, mutate, rule, path, message] of cases) {
    it(what, () => {
      const got = run(inEstate([mutate(clone(widget))]));
      const hit = got.find((f) => f.rule === rule && f.path === path);
      expect(hit, JSON.stringify(got)).toBeDefined();
      if (message) expect(hit!.message).toMatch(message);
    });
  }

  it('a required field with a default is filled in, not missing', () => {
    const defaulted = crdText.replace('required: [size]', 'required: [size, color]').replace('enum: [red, green, blue]', 'enum: [red, green, blue]\n                  default: red');
    const noColor = deleteAt(clone(widget), ['spec', 'color']);
    expect(run(estateFromYaml(`${defaulted}\n---\n${toYaml([noColor])}`))).toEqual([]);
    const withoutDefault = crdText.replace('required: [size]', 'required: [size, color]');
    expect(run(estateFromYaml(`${withoutDefault}\n---\n${toYaml([noColor])}`)).map((f) => [f.rule, f.path])).toEqual([['schema-valid', 'spec.color']]);
  });

  it('v1beta1 CRDs: one schema for all versions, unknown fields kept unless preserveUnknownFields is false', () => {
    const v1beta1 = (preserve: string) =>
      `apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata: {name: gadgets.example.com}\nspec:\n  group: example.com\n  version: v1\n  scope: Namespaced\n${preserve}  names: {kind: Gadget, plural: gadgets}\n  validation:\n    openAPIV3Schema:\n      type: object\n      properties:\n        spec:\n          type: object\n          properties:\n            size: {type: integer}\n`;
    const gadget = 'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\nspec:\n  size: "3"\n  colour: red\n';
    const kept = run(estateFromYaml(`${v1beta1('')}---\n${gadget}`)).filter((f) => f.path.startsWith('spec'));
    expect(kept.map((f) => [f.rule, f.path])).toEqual([['schema-valid', 'spec.size']]);
    const pruned = run(estateFromYaml(`${v1beta1('  preserveUnknownFields: false\n')}---\n${gadget}`)).filter((f) => f.path.startsWith('spec'));
    expect(pruned.map((f) => [f.rule, f.path]).sort()).toEqual([
      ['schema-unknown-field', 'spec.colour'],
      ['schema-valid', 'spec.size'],
    ]);
  });

  it('accepts null for non-nullable fields (the API server prunes them)', () => {
    expect(run(inEstate([setAt(clone(widget), ['spec', 'color'], null)]))).toEqual([]);
  });

  it('a version the CRD does not serve has no schema', () => {
    const got = run(inEstate([{ ...clone(widget), apiVersion: 'example.com/v1alpha1' }]));
    expect(got).toEqual([
      expect.objectContaining({ rule: 'schema-unknown-kind', path: 'apiVersion', message: expect.stringMatching(/does not serve version v1alpha1 \(it serves v1\)/) }),
    ]);
    const v2 = run(inEstate([{ ...clone(widget), apiVersion: 'example.com/v2' }]));
    expect(v2.map((f) => f.rule)).toEqual(['schema-unknown-kind']);
  });

  it('without the CRD the custom resource has no schema', () => {
    const got = run(estateFromYaml(toYaml([widget])));
    expect(got).toEqual([expect.objectContaining({ rule: 'schema-unknown-kind', severity: 'warning' })]);
  });

  it('a CRD in the estate overrides a bundled ecosystem schema of the same kind', () => {
    const crd = crdText
      .replace(/widgets\.example\.com/, 'servicemonitors.monitoring.coreos.com')
      .replace('group: example.com', 'group: monitoring.coreos.com')
      .replace('kind: Widget, plural: widgets, singular: widget, listKind: WidgetList', 'kind: ServiceMonitor, plural: servicemonitors');
    const sm = { ...clone(widget), apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor' };
    expect(run(estateFromYaml(`${crd}\n---\n${toYaml([sm])}`))).toEqual([]);
  });

  it('patterns are RE2: a backtracking bomb is answered, not stalled on', () => {
    const bomb = crdText.replace("pattern: '^[a-z]+$'", () => "pattern: '^(a+)+$'");
    const evil = setAt(clone(widget), ['spec', 'owner'], `${'a'.repeat(50_000)}!`);
    const got = run(estateFromYaml(`${bomb}\n---\n${toYaml([evil])}`));
    expect(got.map((f) => [f.rule, f.path])).toEqual([['schema-valid', 'spec.owner']]);
  });

  it('a pattern the API server would refuse (lookahead) makes the schema fail to compile', () => {
    const perl = crdText.replace("pattern: '^[a-z]+$'", () => "pattern: '^(?=a)[a-z]+$'");
    const got = run(estateFromYaml(`${perl}\n---\n${toYaml([widget])}`));
    expect(got).toEqual([expect.objectContaining({ rule: 'schema-unknown-kind', message: expect.stringMatching(/cannot be compiled/) })]);
  });

  it('a field named __proto__ is reported like any unknown field, and pollutes nothing', () => {
    const cr = `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: 3\n  __proto__: {polluted: true}\n`;
    const got = run(estateFromYaml(`${crdText}\n---\n${cr}`));
    expect(got.map((f) => [f.rule, f.path])).toEqual([['schema-unknown-field', 'spec.__proto__']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('hostile or malformed schemas never crash a run', () => {
    const variants = [
      ['type: integer\n                  minimum: 1', 'type: frobnicate'],
      ['required: [size]', 'required: size'],
      ['enum: [red, green, blue]', 'enum: red'],
      ['minimum: 1', 'minimum: one'],
      ["pattern: '^[a-z]+$'", 'pattern: 5'],
      ['name: {type: string}', 'name: {type: [string, 5], items: 3}'],
      ['x-kubernetes-int-or-string: true', 'x-kubernetes-int-or-string: {a: 1}'],
      ['maximum: 10', 'maximum: [10]'],
    ];
    for (const [from, to] of variants) {
      const crd = crdText.replace(from!, () => to!);
      expect(crd, from).not.toBe(crdText);
      const got = run(estateFromYaml(`${crd}\n---\n${toYaml([widget])}`));
      for (const f of got) expect(f.message).not.toMatch(/internal|TypeError|undefined/);
    }
  });

  it('a CRD whose schema cannot be compiled is reported, not trusted', () => {
    const broken = crdText.replace('pattern: \'^[a-z]+$\'', 'pattern: \'([a-z\'');
    const got = run(estateFromYaml(`${broken}\n---\n${toYaml([widget])}`));
    expect(got.some((f) => f.rule === 'schema-unknown-kind' && /cannot be compiled/.test(f.message))).toBe(true);
  });
});

describe('CRDs given with --crd-schemas', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'prodgate-crds-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('from a directory', () => {
    const estate = estateFromYaml(toYaml([widget, setAt(clone(widget), ['spec', 'sise'], 1)]));
    attachCrdSchemas(estate, loadCrdSchemaFiles([crdDir]));
    expect(run(estate)).toEqual([expect.objectContaining({ rule: 'schema-unknown-field', path: 'spec.sise' })]);
  });

  it('from a file holding a List of CRDs, as kubectl prints them', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${crdText
      .split('\n')
      .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
      .join('\n')}\n`;
    const file = join(tmp, 'list.yaml');
    writeFileSync(file, list);
    const crds = loadCrdSchemaFiles([file]);
    expect(crds).toHaveLength(1);
    const estate = estateFromYaml(toYaml([setAt(clone(widget), ['spec', 'size'], 'big')]));
    attachCrdSchemas(estate, crds);
    expect(run(estate).map((f) => [f.rule, f.path])).toEqual([['schema-valid', 'spec.size']]);
  });

  it('ignores other documents and does not follow symlinked directories', () => {
    const dir = join(tmp, 'tree');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'crd.yml'), crdText);
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    writeFileSync(join(dir, 'notes.txt'), 'not yaml: [');
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    expect(loadCrdSchemaFiles([dir])).toHaveLength(1);
  });

  it('a missing path is a user error', () => {
    expect(() => loadCrdSchemaFiles([join(tmp, 'nope')])).toThrow(UserError);
  });

  it('a CRD in the estate takes precedence over one given on the command line', () => {
    const other = crdText.replace('maximum: 10', 'maximum: 2');
    const file = join(tmp, 'other.yaml');
    writeFileSync(file, other);
    const estate = inEstate([widget]); // size 3 is fine for the estate's CRD, not for the other one
    attachCrdSchemas(estate, loadCrdSchemaFiles([file]));
    expect(run(estate)).toEqual([]);
  });
});

describe('bundled ecosystem CRD schemas', () => {
  const objects: Obj[] = [
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'api' },
      spec: { selector: { matchLabels: { app: 'api' } }, endpoints: [{ port: 'http', interval: '30s' }] },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'api' },
      spec: { selector: { matchLabels: { app: 'api' } }, podMetricsEndpoints: [{ port: 'http' }] },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'api' },
      spec: { secretName: 'api-tls', dnsNames: ['api.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
    },
    {
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: { name: 'api' },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
        target: { name: 'api' },
        data: [{ secretKey: 'password', remoteRef: { key: 'api/password' } }],
      },
    },
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'api' },
      spec: {
        project: 'default',
        source: { repoURL: 'https://git.example/deploy.git', path: 'overlays/prod', targetRevision: 'main' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
      },
    },
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'api' },
      spec: { interval: '10m', path: './overlays/prod', prune: true, sourceRef: { kind: 'GitRepository', name: 'deploy' } },
    },
    {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'api' },
      spec: { scaleTargetRef: { name: 'api' }, triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '60' } }] },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'api', namespace: 'shop' },
      spec: {
        parentRefs: [{ name: 'public', namespace: 'gateways' }],
        hostnames: ['api.example.com'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [{ name: 'api', port: 80, weight: 100 }],
          },
        ],
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'public' },
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'tls' }] } }] },
    },
    {
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'VirtualService',
      metadata: { name: 'api' },
      spec: {
        hosts: ['api'],
        http: [{ route: [{ destination: { host: 'api', port: { number: 80 } }, weight: 100 }], timeout: '5s', retries: { attempts: 3 } }],
      },
    },
    {
      apiVersion: 'security.istio.io/v1beta1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default' },
      spec: { mtls: { mode: 'STRICT' } },
    },
    {
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'EnvoyFilter',
      metadata: { name: 'lua' },
      spec: {
        configPatches: [
          { applyTo: 'HTTP_FILTER', patch: { operation: 'INSERT_BEFORE', value: { name: 'envoy.lua', typed_config: { '@type': 'x', inlineCode: 'x' } } } },
        ],
      },
    },
  ];
  for (const o of objects) {
    it(`${String(o.kind)} (${String(o.apiVersion)}) validates, strictly`, () => {
      expect(run(estateFromYaml(toYaml([o])))).toEqual([]);
      const typo = setAt(clone(o), ['spec', 'extraField'], 1);
      const got = run(estateFromYaml(toYaml([typo])));
      expect(got.map((f) => [f.rule, f.path, f.severity])).toEqual([['schema-unknown-field', 'spec.extraField', 'info']]);
      // Their CRDs may be older than the controller in use: the message says how to settle it.
      expect(got[0]!.message).toMatch(/bundled .* schema \(@kubernetes-models\/.*@.*\).*--crd-schemas/);
    });
  }
  it('a version the bundled package does not carry names the versions it has', () => {
    const hr = { apiVersion: 'helm.toolkit.fluxcd.io/v3', kind: 'HelmRelease', metadata: { name: 'x' }, spec: {} };
    const got = run(estateFromYaml(toYaml([hr])));
    expect(got).toEqual([
      expect.objectContaining({
        rule: 'schema-unknown-kind',
        path: 'apiVersion',
        message: expect.stringMatching(/bundled @kubernetes-models\/flux-cd@4.0.0 carries helm.toolkit.fluxcd.io\/v2, helm.toolkit.fluxcd.io\/v2beta1, helm.toolkit.fluxcd.io\/v2beta2 only/),
      }),
    ]);
  });
  it('the Gateway API and Istio schemas check types and enums too', () => {
    const route = clone(objects.find((o) => o.kind === 'HTTPRoute')!);
    setAt(route, ['spec', 'rules', 0, 'matches', 0, 'path', 'type'], 'Prefix');
    setAt(route, ['spec', 'rules', 0, 'backendRefs', 0, 'port'], '80');
    const got = run(estateFromYaml(toYaml([route])));
    expect(got.map((f) => [f.rule, f.path]).sort()).toEqual([
      ['schema-valid', 'spec.rules[0].backendRefs[name=api].port'],
      ['schema-valid', 'spec.rules[0].matches[0].path.type'],
    ]);
    const pa = setAt(clone(objects.find((o) => o.kind === 'PeerAuthentication')!), ['spec', 'mtls', 'mode'], 'ON');
    // An enum of an older bundled schema may lack newer values: a warning naming its source.
    const paFindings = run(estateFromYaml(toYaml([pa])));
    expect(paFindings.map((f) => [f.rule, f.path, f.severity])).toEqual([['schema-valid', 'spec.mtls.mode', 'warning']]);
    expect(paFindings[0]!.message).toMatch(/must be one of .*per the bundled PeerAuthentication schema, @kubernetes-models\/istio@3.0.1/);
    // Type errors stay errors, with their source named.
    const typeErr = got.find((f) => f.path.endsWith('.port'))!;
    expect(typeErr.severity).toBeUndefined();
    expect(typeErr.message).toMatch(/must be an integer, not a string \(per the bundled HTTPRoute schema/);
  });
  it('ServiceMonitor without endpoints is missing a required field', () => {
    const got = run(estateFromYaml(toYaml([deleteAt(clone(objects[0]!), ['spec', 'endpoints'])])));
    expect(got.map((f) => [f.rule, f.path])).toEqual([['schema-valid', 'spec.endpoints']]);
  });
});
