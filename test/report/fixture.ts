import { type CheckRun } from '../../src/engine/engine.js';
import { runCheck } from '../../src/index.js';
import type { Rule } from '../../src/engine/types.js';
import { defineRule } from '../../src/engine/rule.js';
import { imageTagRule, privilegedRule } from '../engine/test-rules.js';

/** A secret value that must never appear in any report. */
export const SECRET_VALUE = 'hunter2-sup3r-s3cret-value';

/** A rule whose message needs escaping in every format. */
const trickyRule = defineRule({
  id: 'test-tricky',
  title: 'Tricky <message> & "quotes"',
  concern: 'config-hygiene',
  severity: 'warning',
  rationale: 'Messages with 100% of the special characters: a, b.',
  remediation: '```yaml\nkey: value\n```',
  examples: { bad: [{ description: 'test rule', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }], good: [{ description: 'test rule', yaml: '' }] },
  check(ctx) {
    for (const r of ctx.estate.byKind('Secret')) {
      ctx.report({
        resource: r,
        path: ['stringData', 'password'],
        message: 'line one\nline two: 100% <b>bold</b> & "quoted" | piped, with comma',
      });
    }
  },
});

export const reportRules = [imageTagRule, privilegedRule, trickyRule];

const stream = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  annotations:
    prodgate.dev/waive.test-privileged: reason="needs raw sockets, see OPS-7" expires=2026-12-31 owner=netops
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.org/api
          env:
            - name: PASSWORD
              value: ${SECRET_VALUE}
          securityContext:
            privileged: true
---
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
stringData:
  password: ${SECRET_VALUE}
`;

export function sampleRun(): CheckRun {
  return runCheck({ inputs: ['-'], rules: reportRules, today: '2026-06-01', load: { readStdin: () => stream } });
}

export function cleanRun(): CheckRun {
  return runCheck({
    inputs: ['-'],
    rules: reportRules,
    today: '2026-06-01',
    load: { readStdin: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' },
  });
}
