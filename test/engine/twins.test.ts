/**
 * One problem, one finding: a Pod Security control and its hardening counterpart on the same
 * field of the same container are merged; the most severe stays and names the other.
 */
import { describe, expect, it } from 'vitest';
import { checkEstate } from '../../src/index.js';
import { estateFromYaml } from '../helpers/rules.js';

const deployment = (securityContext: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.0
          securityContext:
${securityContext}`;

describe('twin findings', () => {
  it('merges a restricted control and its hardening rule on the same field', () => {
    const run = checkEstate(estateFromYaml(deployment('            allowPrivilegeEscalation: true\n')), {
      only: ['pss-restricted-privilege-escalation', 'no-privilege-escalation'],
      today: '2026-06-01',
    });
    const mine = run.findings.filter((f) => f.path.endsWith('allowPrivilegeEscalation'));
    expect(mine.map((f) => [f.rule, f.severity, f.also])).toEqual([['pss-restricted-privilege-escalation', 'error', ['no-privilege-escalation']]]);
    expect(mine[0]!.message).toMatch(/\(also no-privilege-escalation\)$/);
  });

  it('keeps findings of other concerns on the same field apart, and a waived twin apart', () => {
    const waived = deployment('            allowPrivilegeEscalation: true\n').replace(
      'metadata: {name: api, namespace: shop}',
      'metadata:\n  name: api\n  namespace: shop\n  annotations:\n    prodgate.dev/waive.no-privilege-escalation.api: reason="legacy agent, OPS-9" expires=2026-12-31',
    );
    const run = checkEstate(estateFromYaml(waived), { only: ['pss-restricted-privilege-escalation', 'no-privilege-escalation'], today: '2026-06-01' });
    const mine = run.findings.filter((f) => f.path.endsWith('allowPrivilegeEscalation'));
    expect(mine.map((f) => [f.rule, f.waived !== null]).sort()).toEqual([
      ['no-privilege-escalation', true],
      ['pss-restricted-privilege-escalation', false],
    ]);
    const ns = checkEstate(estateFromYaml(deployment('            runAsNonRoot: true\n')), {
      only: ['namespace-limit-range', 'namespace-resource-quota'],
      today: '2026-06-01',
    });
    expect(ns.findings.map((f) => f.rule).sort()).toEqual(['namespace-limit-range', 'namespace-resource-quota']);
  });
});
