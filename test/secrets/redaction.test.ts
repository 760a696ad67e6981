/**
 * Known secrets fed through `prodgate check` in every report format: each is found (where and
 * what kind), none of their values appears in any output.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/index.js';
import type { Rule } from '../../src/engine/types.js';
import { defineRule } from '../../src/engine/rule.js';
import { isMap } from '../../src/core/provenance.js';
import { renderReport, reportFormats } from '../../src/report/index.js';
import { KnownSecrets, SECRET_MASK, redactDeep, redactSecrets, secretHint } from '../../src/analysis/secrets/redact.js';
import { HEX, jwt, pem, rand } from './fake.js';

const secrets = {
  password: `Pw-${rand(14)}!`,
  apiKey: rand(40),
  token: jwt(),
  dsnPassword: `Db${rand(12)}9`,
  github: `ghp_${rand(36)}`,
  privateKeyLine: '',
  stripe: `sk_live_${rand(24)}`,
  annotationToken: `glpat-${rand(20)}`,
  crdPassword: `Crd-${rand(12)}#1`,
  argPassword: `Arg${rand(10)}%7`,
  generatorValue: `Gen-${rand(16)}`,
  vaultToken: `hvs.${rand(30)}`,
  hexSecret: rand(48, HEX),
};
const key = pem('RSA PRIVATE KEY', 6);
secrets.privateKeyLine = key.split('\n')[2]!;

const manifests = `apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
  namespace: app
type: Opaque
stringData:
  password: "${secrets.password}"
  api-key: ${secrets.apiKey}
data:
  tls.key: ${Buffer.from(key).toString('base64')}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: app
data:
  DATABASE_URL: postgres://app:${secrets.dsnPassword}@db.app.svc:5432/app
  GITHUB_TOKEN: ${secrets.github}
  signing.pem: |
${key.split('\n').map((l) => `    ${l}`).join('\n')}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: app
  annotations:
    ci.example.org/deploy-token: ${secrets.annotationToken}
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: ghcr.io/example/api:1.0.0
        args: ["--db-password=${secrets.argPassword}"]
        env:
        - name: STRIPE_KEY
          value: ${secrets.stripe}
        - name: AUTH_TOKEN
          value: ${secrets.token}
        - name: VAULT_TOKEN
          value: ${secrets.vaultToken}
        - name: WEBHOOK_SECRET
          value: ${secrets.hexSecret}
---
apiVersion: example.org/v1
kind: Database
metadata:
  name: catalog
  namespace: app
spec:
  auth:
    password: "${secrets.crdPassword}"
`;

const tmp = mkdtempSync(path.join(tmpdir(), 'prodgate-redaction-'));
writeFileSync(path.join(tmp, 'app.yaml'), manifests);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('redaction in every report format', () => {
  const run = runCheck({ inputs: [tmp], load: { root: tmp } });
  const secretFindings = run.findings.filter((f) => f.concern === 'secrets');

  it('finds every planted secret', () => {
    const where = secretFindings.map((f) => `${f.rule} ${f.object.kind}/${f.object.name} ${f.path}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'secret-plaintext Secret/db-credentials data.tls.key',
        'secret-in-configmap ConfigMap/app-config data.DATABASE_URL',
        'secret-in-configmap ConfigMap/app-config data.GITHUB_TOKEN',
        'secret-in-configmap ConfigMap/app-config data.signing.pem',
        'secret-in-env Deployment/api spec.template.spec.containers[name=api].args[0]',
        'secret-in-env Deployment/api spec.template.spec.containers[name=api].env[name=STRIPE_KEY].value',
        'secret-in-env Deployment/api spec.template.spec.containers[name=api].env[name=AUTH_TOKEN].value',
        'secret-in-env Deployment/api spec.template.spec.containers[name=api].env[name=VAULT_TOKEN].value',
        'secret-in-env Deployment/api spec.template.spec.containers[name=api].env[name=WEBHOOK_SECRET].value',
        'secret-in-annotation Deployment/api metadata.annotations.ci.example.org/deploy-token',
        'secret-in-manifest Database/catalog spec.auth.password',
      ]),
    );
  });

  for (const format of [...reportFormats]) {
    it(`shows no secret value in ${format}`, () => {
      const out = renderReport(format, run);
      expect(out.length).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(secrets)) {
        expect(out.includes(value), `${name} leaked in ${format}`).toBe(false);
      }
      expect(out).toContain('db-credentials');
    });
  }
});

describe('redaction of other rules\' messages', () => {
  // A careless rule that quotes every env value and Secret value in its messages.
  const echo = defineRule({
    id: 'echo-values',
    title: 'Echoes values',
    concern: 'config-hygiene',
    severity: 'warning',
    rationale: 'test rule',
    remediation: '```yaml\n{}\n```',
    examples: { bad: [{ description: 'test rule', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }], good: [{ description: 'test rule', yaml: '' }] },
    check(ctx) {
      for (const t of ctx.estate.podTemplates()) {
        for (const c of ctx.estate.containers(t)) {
          const env = Array.isArray(c.container.env) ? c.container.env : [];
          env.forEach((e, i) => {
            if (isMap(e) && typeof e.value === 'string') ctx.report({ resource: t.workload, path: [...c.path, 'env', i], message: `env ${String(e.name)}=${e.value}` });
          });
        }
      }
      for (const r of ctx.estate.byKind('Secret')) ctx.report({ resource: r, path: ['stringData'], message: `stringData is ${JSON.stringify(r.body.stringData)}` });
    },
  });
  const run = runCheck({ inputs: [tmp], load: { root: tmp }, rules: [echo] });

  it('masks the values in the messages', () => {
    const messages = run.findings.filter((f) => f.rule === 'echo-values').map((f) => f.message);
    expect(messages).toContain(`env STRIPE_KEY=${SECRET_MASK}`);
    expect(messages.some((m) => m.startsWith('stringData is {') && m.includes(SECRET_MASK))).toBe(true);
  });
  for (const format of [...reportFormats]) {
    it(`shows no secret value in ${format}`, () => {
      const out = renderReport(format, run);
      for (const [name, value] of Object.entries(secrets)) expect(out.includes(value), `${name} leaked in ${format}`).toBe(false);
    });
  }
});

describe('redaction helpers', () => {
  it('masks detected secrets in any text', () => {
    const text = `deploy with ${secrets.github} and postgres://u:${secrets.dsnPassword}@h/db`;
    const out = redactSecrets(text, new KnownSecrets());
    expect(out).toBe(`deploy with ${SECRET_MASK} and postgres://u:${SECRET_MASK}@h/db`);
  });
  it('masks registered values even when no detector recognises them', () => {
    const known = new KnownSecrets();
    known.add('plain-looking-value-42');
    known.add('abc');
    expect(redactSecrets('got plain-looking-value-42 and abc', known)).toBe(`got ${SECRET_MASK} and abc`);
  });
  it('masks inside structured values', () => {
    const known = new KnownSecrets();
    known.add(secrets.password);
    expect(redactDeep({ a: [`x ${secrets.password} y`], n: 3 }, known)).toEqual({ a: [`x ${SECRET_MASK} y`], n: 3 });
  });
  it('hints never reveal the value', () => {
    expect(secretHint(secrets.password, 'password')).toBe(`password, ${secrets.password.length} characters`);
  });
  it('leaves ordinary text alone', () => {
    const text = 'image ghcr.io/example/api:1.0.0 has no digest; password=changeme is a placeholder';
    expect(redactSecrets(text, new KnownSecrets())).toBe(text);
  });
});

