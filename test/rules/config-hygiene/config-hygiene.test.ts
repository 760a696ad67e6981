import { describe, expect, it } from 'vitest';
import { rule as devSettings } from '../../../src/rules/config-hygiene/dev-settings-in-production.js';
import { rule as dsnWithoutTls, insecureDsns, maskDsn } from '../../../src/rules/config-hygiene/dsn-without-tls.js';
import { rules } from '../../../src/rules/config-hygiene/index.js';
import { rule as ingressTls } from '../../../src/rules/config-hygiene/ingress-tls.js';
import { rule as nodePortService } from '../../../src/rules/config-hygiene/nodeport-service.js';
import { runRule } from '../../helpers/rules.js';
import { deployment, estateFromFiles, what, where } from '../availability/helpers.js';

const envFrom = `          envFrom:
            - configMapRef:
                name: api-config`;
const configMap = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
data:
${data}`;
const env = (pairs: Record<string, string>) =>
  '          env:\n' + Object.entries(pairs).map(([k, v]) => `            - name: ${k}\n              value: "${v}"`).join('\n');

describe('config-hygiene rules: metadata', () => {
  it('every rule has an id, rationale and a YAML remediation', () => {
    for (const r of rules) {
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.concern).toBe('config-hygiene');
      expect(r.meta.remediation).toContain('```yaml');
    }
  });
});

describe('dev-settings-in-production', () => {
  it('passes production settings', () => {
    const text = `${deployment('api', { podSpec: `${env({ NODE_ENV: 'production', LOG_LEVEL: 'info' })}\n${envFrom}` })}---\n${configMap('  CORS_ORIGIN: https://example.com\n  DEBUG: "false"\n')}`;
    expect(runRule(devSettings, text)).toEqual([]);
  });
  it('fails development values in env, at the value', () => {
    const r = runRule(devSettings, deployment('api', { podSpec: env({ NODE_ENV: 'development', APP_LOG_LEVEL: 'DEBUG', DEBUG: 'true', CORS_ALLOWED_ORIGINS: '*' }) }));
    expect(r.map((x) => x.message.split(' in ')[0])).toEqual(['NODE_ENV=development', 'APP_LOG_LEVEL=DEBUG', 'DEBUG=true', 'CORS_ALLOWED_ORIGINS=*']);
    expect(r[0]!.container).toBe('main');
  });
  it('fails a development value in a ConfigMap the workload reads, on the ConfigMap key in the base', () => {
    const estate = estateFromFiles({
      'base/configmap.yaml': configMap('  NODE_ENV: production\n  LOG_LEVEL: debug\n'),
      'overlays/prod/deploy.yaml': deployment('api', { podSpec: envFrom }),
    });
    const r = runRule(devSettings, estate);
    expect(r.map(what)).toEqual(['ConfigMap/api-config data.LOG_LEVEL']);
    expect(r.map(where)).toEqual(['base/configmap.yaml:7']);
  });
  it('ignores ConfigMaps no workload reads as environment', () => {
    expect(runRule(devSettings, configMap('  LOG_LEVEL: debug\n'))).toEqual([]);
  });
  it('fails --reload in args', () => {
    const r = runRule(devSettings, deployment('api', { podSpec: '          args: ["uvicorn", "app:app", "--reload"]' }));
    expect(r.map(what)).toEqual(['Deployment/api spec.template.spec.containers[name=main].args[2]']);
  });
  it('is off in the dev profile', () => {
    expect(devSettings.meta.disabledIn).toEqual(['dev']);
  });
});

describe('nodeport-service', () => {
  const svc = (type: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: ${type}\n  selector:\n    app: api\n`;
  it('passes ClusterIP', () => {
    expect(runRule(nodePortService, svc('ClusterIP'))).toEqual([]);
  });
  it('fails NodePort at spec.type', () => {
    expect(runRule(nodePortService, svc('NodePort')).map(where)).toEqual(['test.yaml:6']);
  });
});

describe('ingress-tls', () => {
  const ingress = (tls: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
spec:${tls}
  rules:
    - host: api.example.com
    - host: www.example.com
`;
  it('passes an Ingress whose TLS covers every host (wildcards too)', () => {
    expect(runRule(ingressTls, ingress('\n  tls:\n    - hosts: [api.example.com, www.example.com]\n      secretName: t'))).toEqual([]);
    expect(runRule(ingressTls, ingress('\n  tls:\n    - hosts: ["*.example.com"]\n      secretName: t'))).toEqual([]);
  });
  it('fails an Ingress without TLS', () => {
    expect(runRule(ingressTls, ingress('')).map(what)).toEqual(['Ingress/api spec.tls']);
  });
  it('fails a host not covered by TLS, at that host', () => {
    const r = runRule(ingressTls, ingress('\n  tls:\n    - hosts: [api.example.com]\n      secretName: t'));
    expect(r.map(what)).toEqual(['Ingress/api spec.rules[1].host']);
  });
});

describe('dsn-without-tls', () => {
  it('recognises secure and insecure DSNs', () => {
    expect(insecureDsns('postgres://u:p@db:5432/app?sslmode=require')).toEqual([]);
    expect(insecureDsns('postgresql+psycopg2://u:p@db/app?sslmode=verify-full')).toEqual([]);
    expect(insecureDsns('jdbc:postgresql://db:5432/app?ssl=true')).toEqual([]);
    expect(insecureDsns('postgres://u:p@localhost:5432/app')).toEqual([]);
    expect(insecureDsns('postgres://u:p@db:5432/app', 'require')).toEqual([]);
    expect(insecureDsns('postgres://u:p@db:5432/app')).toHaveLength(1);
    expect(insecureDsns('postgres://db/app?sslmode=disable')).toHaveLength(1);
    expect(insecureDsns('host=db.prod dbname=app user=x sslmode=prefer')).toHaveLength(1);
    expect(insecureDsns('host=db.prod dbname=app user=x sslmode=require')).toEqual([]);
  });
  it('masks credentials', () => {
    expect(maskDsn('postgres://admin:s3cr3t@db:5432/app?password=x')).toBe('postgres://***@db:5432/app?password=***');
  });
  it('passes a DSN with sslmode=require in env', () => {
    expect(runRule(dsnWithoutTls, deployment('api', { podSpec: env({ DATABASE_URL: 'postgres://app:pw@db:5432/app?sslmode=require' }) }))).toEqual([]);
  });
  it('fails a DSN without TLS in env, never printing the password', () => {
    const r = runRule(dsnWithoutTls, deployment('api', { podSpec: env({ DATABASE_URL: 'postgres://app:hunter2@db:5432/app' }) }));
    expect(r).toHaveLength(1);
    expect(r[0]!.message).not.toContain('hunter2');
    expect(r[0]!.message).toContain('postgres://***@db:5432/app');
  });
  it('fails a DSN without TLS in a ConfigMap key, read or mounted', () => {
    const estate = estateFromFiles({
      'base/cm.yaml': configMap('  DATABASE_URL: postgresql://app:pw@db.prod.svc/app\n  app.ini: |\n    [db]\n    url = postgres://app:pw@db.prod.svc/app?sslmode=disable\n'),
      'base/deploy.yaml': deployment('api', { podSpec: envFrom }),
    });
    const r = runRule(dsnWithoutTls, estate);
    expect(r.map(what)).toEqual(['ConfigMap/api-config data.DATABASE_URL', 'ConfigMap/api-config data.app.ini']);
    expect(r.map(where)).toEqual(['base/cm.yaml:6', 'base/cm.yaml:7']);
  });
});
