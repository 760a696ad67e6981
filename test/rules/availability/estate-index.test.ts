/** The shared estate index answers like the brute-force model queries it replaces. */
import { describe, expect, it } from 'vitest';
import { effectiveReplicas, estateIndex, intValue, isDefined, scaledValue } from '../../../src/rules/shared/estate-index.js';
import { estateFromYaml } from '../../helpers/rules.js';
import { deployment } from './helpers.js';

describe('estate index', () => {
  const apps = ['web', 'api', 'db', 'cache'];
  const tiers = ['front', 'back'];
  const docs: string[] = [];
  let n = 0;
  for (const ns of ['a', 'b']) {
    for (const app of apps) {
      for (const tier of tiers) {
        const name = `${app}-${tier}-${n++}`;
        const labels = n % 5 === 0 ? `app: ${app}` : `app: ${app}\n        tier: ${tier}`;
        docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  template:\n    metadata:\n      labels:\n        ${labels}\n    spec:\n      containers:\n        - name: c\n          image: x:1\n`);
      }
    }
  }
  const estate = estateFromYaml(docs.join('---\n'));

  it('selects the same pod templates as the estate for every selector shape', () => {
    const idx = estateIndex(estate);
    const selectors = [
      { app: 'web' },
      { app: 'web', tier: 'back' },
      { app: 'nothing' },
      { matchLabels: { app: 'db' } },
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'api'] }] },
      { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] },
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
      {},
    ];
    const names = (l: { workload: { body: { metadata?: unknown } } }[]) => l.map((t) => (t.workload.body.metadata as { name: string }).name);
    let nonEmpty = 0;
    for (const ns of ['a', 'b', 'c']) {
      for (const s of selectors) {
        const expected = names(estate.selectPods(s as never, ns));
        if (expected.length > 0) nonEmpty++;
        expect(names(idx.selectPods(s as never, ns)), `${ns} ${JSON.stringify(s)}`).toEqual(expected);
      }
    }
    expect(nonEmpty).toBeGreaterThan(10);
    expect(names(idx.selectPods({ app: 'web', tier: 'back' } as never, 'a'))).toEqual(['web-back-1']);
  });

  it('resolves int-or-percent values as Kubernetes does', () => {
    expect(scaledValue('50%', 3, true)).toBe(2);
    expect(scaledValue('50%', 3, false)).toBe(1);
    expect(scaledValue(2, 10, true)).toBe(2);
    expect(scaledValue('x', 3, true)).toBeUndefined();
    expect(intValue('4')).toBe(4);
    expect(intValue('four')).toBeUndefined();
  });

  it('knows autoscalers, defined names and namespaces', () => {
    const estate = estateFromYaml(`${deployment('api', { replicas: 2, ns: 'shop' })}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 4
  maxReplicas: 8
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: creds-source, namespace: shop}
spec: {target: {name: creds}}
`);
    const idx = estateIndex(estate);
    expect(idx.workloads.map((w) => [w.name, w.declaredReplicas, effectiveReplicas(w)])).toEqual([['api', 2, 4]]);
    expect(isDefined(idx, 'Secret', 'shop', 'creds')).toBe(true);
    expect(isDefined(idx, 'Secret', 'other', 'creds')).toBe(false);
    expect([...idx.namespaces]).toEqual(['shop']);
  });
});
