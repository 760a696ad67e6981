import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estateFromYaml, runRule } from '../helpers/rules.js';
import { rules } from '../../src/rules/secrets/index.js';
import { rule as plaintext } from '../../src/rules/secrets/secret-plaintext.js';
import { rule as generator } from '../../src/rules/secrets/secret-generator-plaintext.js';
import { rule as inConfigMap } from '../../src/rules/secrets/secret-in-configmap.js';
import { rule as inEnv } from '../../src/rules/secrets/secret-in-env.js';
import { rule as inAnnotation } from '../../src/rules/secrets/secret-in-annotation.js';
import { rule as inManifest } from '../../src/rules/secrets/secret-in-manifest.js';
import { discoverTargets } from '../../src/input/load.js';
import { loadTarget } from '../../src/engine/load.js';
import { formatPath } from '../../src/core/resource.js';
import { jwt, rand } from './fake.js';

const password = `Pw-${rand(14)}!`;
const secret = (body: string, name = 'db'): string => `apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  namespace: app
${body}`;

describe('secrets rules metadata', () => {
  it('every rule has the metadata the docs need', () => {
    for (const r of rules) {
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.concern).toBe('secrets');
      expect(r.meta.remediation).toContain('```yaml');
    }
  });
});

describe('secret-plaintext', () => {
  it('flags stringData and data, naming keys, never values', () => {
    const reports = runRule(plaintext, secret(`stringData:\n  password: "${password}"\ndata:\n  user: ${Buffer.from('app').toString('base64')}\n`));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toBe('Secret/db is committed with 2 values in plain text (data.user, stringData.password; values not shown)');
    expect(reports[0]!.message).not.toContain(password);
  });
  it('accepts a SOPS-encrypted Secret', () => {
    const sops = secret(`data:\n  password: ENC[AES256_GCM,data:q83=,iv:a1==,tag:b2==,type:str]\nsops:\n  version: 3.9.0\n  age:\n  - recipient: age1example\n`);
    expect(runRule(plaintext, sops)).toEqual([]);
  });
  it('accepts SealedSecret and ExternalSecret objects', () => {
    const sealed = `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: db, namespace: app}
spec:
  encryptedData:
    password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq${rand(200)}
`;
    const external = `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: db, namespace: app}
spec:
  secretStoreRef: {kind: ClusterSecretStore, name: vault}
  target: {name: db}
  data:
  - secretKey: password
    remoteRef: {key: prod/db, property: password}
`;
    for (const r of rules) expect(runRule(r, `${sealed}---\n${external}`), r.meta.id).toEqual([]);
  });
  it('accepts Secrets whose values are substituted at deploy time or empty', () => {
    expect(runRule(plaintext, secret('stringData:\n  password: ${DB_PASSWORD}\n  token: ""\n'))).toEqual([]);
    expect(runRule(plaintext, secret('type: kubernetes.io/service-account-token\n'))).toEqual([]);
  });
  it('accepts a Secret that holds only public material (a CA bundle)', () => {
    const ca = `-----BEGIN CERTIFICATE-----\n${rand(64)}\n${rand(64)}\n-----END CERTIFICATE-----\n`;
    expect(runRule(plaintext, secret(`data:\n  ca.crt: ${Buffer.from(ca).toString('base64')}\n`))).toEqual([]);
    expect(runRule(plaintext, secret(`data:\n  ca.crt: ${Buffer.from(ca).toString('base64')}\n  tls.key: ${Buffer.from(`-----BEGIN PRIVATE KEY-----\n${rand(64)}\n-----END PRIVATE KEY-----`).toString('base64')}\n`))).toHaveLength(1);
  });
  it('leaves generated Secrets to secret-generator-plaintext', () => {
    const estate = estateFromYaml(secret(`data:\n  password: ${Buffer.from(password).toString('base64')}\n`), 'overlays/prod/kustomization.yaml');
    expect(runRule(plaintext, estate)).toEqual([]);
    const reports = runRule(generator, estate);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toBe('secretGenerator db builds a Secret from committed values (password; values not shown)');
  });
});

describe('secret-generator-plaintext on a rendered kustomization', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'prodgate-secretgen-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  it('reports at the generator entry of the kustomization', () => {
    writeFileSync(
      path.join(tmp, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: app
secretGenerator:
  - name: db
    literals:
      - password=${password}
`,
    );
    const [target] = discoverTargets([tmp], { root: tmp });
    const estate = loadTarget(target!, { root: tmp }).estate;
    const reports = runRule(generator, estate);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.location?.file).toBe('kustomization.yaml');
    expect(reports[0]!.location?.line).toBe(5);
    expect(JSON.stringify(reports[0]!.message)).not.toContain(password);
  });
});

describe('secret-in-configmap', () => {
  const cm = (data: string): string => `apiVersion: v1
kind: ConfigMap
metadata: {name: app, namespace: app}
data:
${data}`;
  it('flags a credentialed DSN at its key', () => {
    const reports = runRule(inConfigMap, cm(`  DATABASE_URL: postgres://app:${password}@db:5432/app\n`));
    expect(reports).toHaveLength(1);
    expect(formatPath(reports[0]!.path)).toBe('data.DATABASE_URL');
    expect(reports[0]!.message).toBe(`ConfigMap/app \`data.DATABASE_URL\` holds a connection string with a password (${password.length} characters, value not shown)`);
  });
  it('accepts references, placeholders and ordinary settings', () => {
    const data = [
      '  DB_PASSWORD_SECRET: db-credentials',
      '  DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app',
      '  LOG_LEVEL: info',
      '  TOKEN_TTL: "3600"',
      '  CORS_ORIGIN: https://kfm.example.org',
    ].join('\n');
    expect(runRule(inConfigMap, cm(`${data}\n`))).toEqual([]);
  });
});

const deployment = (container: string, annotations = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: app
${annotations}spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: ghcr.io/example/api:1.0.0
${container}`;

describe('secret-in-env', () => {
  it('flags env literals and arguments, in init containers too', () => {
    const token = jwt();
    const text = deployment(`        env:\n        - {name: API_TOKEN, value: "${token}"}\n        args: ["--password", "${password}"]\n`).replace(
      '      containers:',
      `      initContainers:\n      - name: migrate\n        image: ghcr.io/example/migrate:1.0.0\n        env:\n        - {name: PGPASSWORD, value: "${password}"}\n      containers:`,
    );
    const reports = runRule(inEnv, text);
    expect(reports.map((r) => formatPath(r.path, r.resource.body))).toEqual([
      'spec.template.spec.initContainers[name=migrate].env[name=PGPASSWORD].value',
      'spec.template.spec.containers[name=api].env[name=API_TOKEN].value',
      'spec.template.spec.containers[name=api].args[1]',
    ]);
    for (const r of reports) {
      expect(r.message).not.toContain(password);
      expect(r.message).not.toContain(token);
    }
  });
  it('accepts secretKeyRef and non-secret literals', () => {
    const text = deployment(`        env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n        - {name: PASSWORD_FILE, value: /run/secrets/db}\n        - {name: NODE_ENV, value: production}\n`);
    expect(runRule(inEnv, text)).toEqual([]);
  });
});

describe('secret-in-annotation', () => {
  it('flags tokens in object and pod template annotations', () => {
    const gl = `glpat-${rand(20)}`;
    const text = deployment('', `  annotations:\n    ci.example.org/token: ${gl}\n`).replace(
      '      labels: {app: api}\n    spec:',
      `      labels: {app: api}\n      annotations:\n        vault.example.org/token: hvs.${rand(30)}\n    spec:`,
    );
    const reports = runRule(inAnnotation, text);
    expect(reports.map((r) => formatPath(r.path))).toEqual(['metadata.annotations.ci.example.org/token', 'spec.template.metadata.annotations.vault.example.org/token']);
  });
  it('accepts ordinary annotations', () => {
    const text = deployment('', '  annotations:\n    reloader.stakater.com/auto: "true"\n    example.org/secret-name: db-credentials\n');
    expect(runRule(inAnnotation, text)).toEqual([]);
  });
});

describe('secret-in-manifest', () => {
  it('flags password fields and tokens in custom resources', () => {
    const text = `apiVersion: example.org/v1
kind: Database
metadata: {name: catalog, namespace: app}
spec:
  auth:
    password: "${password}"
    passwordSecretRef: {name: db, key: password}
  webhook: https://hooks.slack.com/services/T${rand(8, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789')}/B${rand(8, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789')}/${rand(24)}
`;
    const reports = runRule(inManifest, text);
    expect(reports.map((r) => formatPath(r.path))).toEqual(['spec.auth.password', 'spec.webhook']);
  });
  it('leaves fields the other rules cover, and Secrets, alone', () => {
    const text = `${deployment(`        env:\n        - {name: DB_PASSWORD, value: "${password}"}\n`)}---\n${secret(`stringData:\n  password: "${password}"\n`)}`;
    expect(runRule(inManifest, text)).toEqual([]);
  });
});
