import { yamlBlock } from '../shared/snippet.js';
import { getMap, kindOf, nameOf, str, type Resource } from '../../core/resource.js';
import type { ValuePath } from '../../core/provenance.js';

import type { RuleContext } from '../../engine/types.js';
import { defineRule } from '../../engine/rule.js';
import { envConfigValues } from './config-values.js';
import { deployment, manifests } from '../shared/examples.js';

const secureModes = new Set(['require', 'verify-ca', 'verify-full']);
const urlPattern = /\b(?:jdbc:)?postgres(?:ql)?(?:\+[\w-]+)?:\/\/[^\s'"`,;]+/gi;
const keywordDsn = /\bhost\s*=\s*\S+/i;
const localHosts = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)$/i;

/** Hide credentials: `scheme://user:password@host` → `scheme://***@host`, `password=x` → `password=***`. */
export function maskDsn(dsn: string): string {
  return dsn
    .replace(/(:\/\/)[^/@\s]*@/g, '$1***@')
    .replace(/\b(password|passwd|pwd)\s*=\s*[^\s&;]*/gi, '$1=***');
}

interface Problem {
  dsn: string;
}

/** Postgres connection strings in a value that do not require TLS. */
export function insecureDsns(value: string, sslModeFromEnv?: string): Problem[] {
  const lower = value.toLowerCase();
  if (!lower.includes('postgres') && !lower.includes('host')) return [];
  const envSecure = sslModeFromEnv !== undefined && secureModes.has(sslModeFromEnv.toLowerCase());
  const out: Problem[] = [];
  for (const m of value.matchAll(urlPattern)) {
    const dsn = m[0];
    const afterScheme = dsn.slice(dsn.indexOf('://') + 3);
    const hostPort = afterScheme.slice(afterScheme.lastIndexOf('@', afterScheme.search(/[/?]|$/)) + 1).split(/[/?]/)[0] ?? '';
    const host = hostPort.replace(/:\d+$/, '');
    if (localHosts.test(host)) continue;
    const query = new URLSearchParams(dsn.includes('?') ? dsn.slice(dsn.indexOf('?') + 1) : '');
    const mode = query.get('sslmode') ?? query.get('sslMode');
    const jdbcSsl = query.get('ssl');
    if (mode ? secureModes.has(mode.toLowerCase()) : jdbcSsl === 'true' || envSecure) continue;
    out.push({ dsn });
  }
  if (out.length === 0 && !urlPattern.test(value) && keywordDsn.test(value) && /\b(dbname|user)\s*=/i.test(value)) {
    const host = /\bhost\s*=\s*(\S+)/i.exec(value)?.[1] ?? '';
    const mode = /\bsslmode\s*=\s*([\w-]+)/i.exec(value)?.[1];
    if (!localHosts.test(host) && !(mode ? secureModes.has(mode.toLowerCase()) : envSecure)) out.push({ dsn: value.trim() });
  }
  urlPattern.lastIndex = 0;
  return out;
}

/**
 * Postgres DSNs (URLs `postgres://`, `postgresql+driver://`, `jdbc:postgresql://`, and keyword
 * strings `host=… dbname=…`) in container env values and in ConfigMap data must ask for TLS:
 * `sslmode=require` (or verify-ca / verify-full; `ssl=true` for JDBC). A `PGSSLMODE` env value of
 * the same container counts. Loopback hosts (a local proxy sidecar) are exempt. Credentials are
 * masked in messages.
 */
export const rule = defineRule({
  id: 'dsn-without-tls',
  title: 'Database connection strings require TLS',
  concern: 'config-hygiene',
  severity: 'error',
  rationale:
    'Without `sslmode=require` the Postgres client silently falls back to a plain-text connection: passwords and data ' +
    'cross the network unencrypted, and a man in the middle goes unnoticed.',
  remediation:
    'Append `sslmode=require` (or `verify-full` with a CA bundle) to the connection string:\n\n' +
    yamlBlock(['data:', '  DATABASE_URL: postgres://app@db.prod.svc:5432/app?sslmode=require']),
  disabledIn: ['dev'],
  examples: {
    bad: [
      {
        description: 'A Postgres URL without `sslmode` in a ConfigMap.',
        yaml: manifests({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api-config' }, data: { DATABASE_URL: 'postgres://app@db.prod.svc:5432/app' } }),
        message: 'does not require TLS',
      },
      { description: '`sslmode=disable` in a container environment.', yaml: deployment(undefined, { env: [{ name: 'DATABASE_URL', value: 'postgresql://app@db:5432/app?sslmode=disable' }] }) },
    ],
    good: [
      {
        description: 'TLS required by the connection string.',
        yaml: manifests({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api-config' }, data: { DATABASE_URL: 'postgres://app@db.prod.svc:5432/app?sslmode=require' } }),
      },
      {
        description: 'TLS required by `PGSSLMODE` beside the URL.',
        yaml: deployment(undefined, { env: [{ name: 'DATABASE_URL', value: 'postgres://app@db:5432/app' }, { name: 'PGSSLMODE', value: 'verify-full' }] }),
      },
    ],
  },
  check(ctx) {
    const seen = new Set<string>();
    const judge = (resource: Resource, path: ValuePath, value: string, container?: string, pgsslmode?: string) => {
      for (const p of insecureDsns(value, pgsslmode)) {
        const where = kindOf(resource) === 'ConfigMap' ? `ConfigMap ${nameOf(resource)}` : `container ${container}`;
        ctx.report({
          resource,
          path,
          container,
          message: `Postgres DSN ${maskDsn(p.dsn)} in ${where} does not require TLS (sslmode=require missing)`,
        });
      }
    };
    for (const v of envConfigValues(ctx.estate)) {
      if (kindOf(v.resource) === 'ConfigMap') seen.add(`${ctx.estate.namespaceOf(v.resource)}|${nameOf(v.resource)}|${String(v.path[1])}`);
      judge(v.resource, v.path, v.value, v.container, v.siblings?.get('PGSSLMODE'));
    }
    judgeConfigMaps(ctx, seen, judge);
  },
});

/** ConfigMaps not read as environment (mounted files, config for other tools) are judged key by key. */
function judgeConfigMaps(
  ctx: RuleContext,
  seen: Set<string>,
  judge: (r: Resource, p: ValuePath, v: string) => void,
): void {
  for (const cm of ctx.estate.byKind('ConfigMap')) {
    const data = getMap(cm.body, ['data']);
    if (!data) continue;
    for (const key of Object.keys(data)) {
      if (seen.has(`${ctx.estate.namespaceOf(cm)}|${nameOf(cm)}|${key}`)) continue;
      judge(cm, ['data', key], str(data[key]));
    }
  }
}
