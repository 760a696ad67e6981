import { describe, expect, it } from 'vitest';
import { runRule } from '../../helpers/rules.js';
import { formatPath, locate } from '../../../src/core/resource.js';
import { rules } from '../../../src/rules/resources/index.js';
import type { Rule } from '../../../src/engine/types.js';

const byId = (id: string): Rule => {
  const r = rules.find((x) => x.meta.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

const deployment = (resources: string, init = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    spec:
${init}      containers:
        - name: api
          image: registry.example.com/api:1.0.0
${resources}`;

const full = `          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: "1"
              memory: 256Mi
`;

describe('container request/limit rules', () => {
  const cases: [string, 'cpu' | 'memory', 'requests' | 'limits'][] = [
    ['container-cpu-requests', 'cpu', 'requests'],
    ['container-memory-requests', 'memory', 'requests'],
    ['container-cpu-limits', 'cpu', 'limits'],
    ['container-memory-limits', 'memory', 'limits'],
  ];

  it.each(cases)('%s passes when every container sets it', (id) => {
    expect(runRule(byId(id), deployment(full))).toEqual([]);
  });

  it.each(cases)('%s reports a container without it, at the missing field', (id, resource, field) => {
    const reports = runRule(byId(id), deployment(''));
    expect(reports).toHaveLength(1);
    const r = reports[0]!;
    expect(formatPath(r.path, r.resource.body)).toBe(`spec.template.spec.containers[name=api].resources.${field}.${resource}`);
    expect(r.container).toBe('api');
    expect(r.message).toMatch(/^Container "api" has no/);
    expect(r.message).toContain(`resources.${field}.${resource}`);
    // A missing field is located at the deepest existing ancestor: the container entry.
    expect(locate(r.resource, r.path).line).toBe(10);
  });

  it('mentions BestEffort when a container has neither requests nor limits', () => {
    const [r] = runRule(byId('container-memory-requests'), deployment(''));
    expect(r!.message).toContain('BestEffort');
  });

  it('judges init containers too', () => {
    const init = `      initContainers:
        - name: migrate
          image: registry.example.com/migrate:1.0.0
`;
    const reports = runRule(byId('container-cpu-limits'), deployment(full, init));
    expect(reports.map((r) => r.container)).toEqual(['migrate']);
    expect(reports[0]!.message).toMatch(/^Init container "migrate"/);
    expect(formatPath(reports[0]!.path, reports[0]!.resource.body)).toBe(
      'spec.template.spec.initContainers[name=migrate].resources.limits.cpu',
    );
  });

  it('accepts a request defaulted from the limit', () => {
    const limitsOnly = `          resources:
            limits:
              cpu: "1"
              memory: 256Mi
`;
    expect(runRule(byId('container-cpu-requests'), deployment(limitsOnly))).toEqual([]);
    expect(runRule(byId('container-memory-requests'), deployment(limitsOnly))).toEqual([]);
  });

  it('accepts LimitRange container defaults in the same namespace only with honorLimitRangeDefaults', () => {
    const lr = `---
apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: shop
spec:
  limits:
    - type: Container
      default:
        memory: 512Mi
`;
    const yaml = deployment('') + lr;
    const params = { honorLimitRangeDefaults: true };
    expect(runRule(byId('container-memory-limits'), yaml)).toHaveLength(1);
    expect(runRule(byId('container-memory-limits'), yaml, { params })).toEqual([]);
    expect(runRule(byId('container-memory-requests'), yaml, { params })).toEqual([]);
    expect(runRule(byId('container-cpu-limits'), yaml, { params })).toHaveLength(1);
    const otherNs = yaml.replace('namespace: shop\nspec:\n  limits', 'namespace: other\nspec:\n  limits');
    expect(runRule(byId('container-memory-limits'), otherNs, { params })).toHaveLength(1);
  });

  it('does not judge Helm test hooks', () => {
    const hook = deployment('').replace('  name: api\n', '  name: api\n  annotations:\n    helm.sh/hook: test\n');
    expect(runRule(byId('container-memory-limits'), hook)).toEqual([]);
  });
});

describe('namespace LimitRange / ResourceQuota rules', () => {
  const cases: [string, string][] = [
    ['namespace-limit-range', 'LimitRange'],
    ['namespace-resource-quota', 'ResourceQuota'],
  ];

  it.each(cases)('%s passes when the namespace has a %s', (id, kind) => {
    const yaml = `${deployment(full)}---
apiVersion: v1
kind: ${kind}
metadata:
  name: x
  namespace: shop
spec: {}
`;
    expect(runRule(byId(id), yaml)).toEqual([]);
  });

  it.each(cases)('%s reports on the workload when the namespace object is not in the estate', (id, kind) => {
    const reports = runRule(byId(id), deployment(full));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toBe(`Namespace "shop" runs workloads but has no ${kind}.`);
    expect(formatPath(reports[0]!.path)).toBe('metadata.namespace');
    expect(reports[0]!.resource.body.kind).toBe('Deployment');
  });

  it.each(cases)('%s reports on the Namespace object when the estate defines it', (id) => {
    const yaml = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
${deployment(full)}`;
    const reports = runRule(byId(id), yaml);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.resource.body.kind).toBe('Namespace');
    expect(locate(reports[0]!.resource, reports[0]!.path).line).toBe(4);
  });

  it.each(cases)('%s honours exemptNamespaces', (id) => {
    expect(runRule(byId(id), deployment(full), { params: { exemptNamespaces: ['shop'] } })).toEqual([]);
  });

  it('uses the default namespace for workloads without one', () => {
    const reports = runRule(byId('namespace-limit-range'), deployment(full).replace('  namespace: shop\n', ''));
    expect(reports[0]!.message).toContain('"default"');
  });
});
