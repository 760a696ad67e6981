import { describe, expect, it } from 'vitest';
import { runRule } from '../../helpers/rules.js';
import { formatPath } from '../../../src/core/resource.js';
import { rules } from '../../../src/rules/health/index.js';
import type { Report, Rule } from '../../../src/engine/types.js';

const byId = (id: string): Rule => {
  const r = rules.find((x) => x.meta.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

/** A Deployment whose single container "api" gets `extra` (indented at container level). */
const workload = (extra: string, kind = 'Deployment', apiVersion = 'apps/v1') => {
  const body = `      containers:
        - name: api
          image: registry.example.com/api:1.0.0
          ports:
            - name: http
              containerPort: 8080
${extra
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => `          ${l}`)
  .join('\n')}
`;
  if (kind === 'CronJob') {
    return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: api
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
${body.replace(/^/gm, '    ')}`;
  }
  return `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: api
spec:
  template:
    spec:
${body}`;
};

const probe = (name: string, port = 'http', path = '/health', more = '') => `${name}:
  httpGet:
    path: ${path}
    port: ${port}
${more}
`;

const pathOf = (r: Report | undefined) => formatPath(r!.path, r!.resource.body);

describe('liveness-probe and readiness-probe', () => {
  const cases: [string, string][] = [
    ['liveness-probe', 'livenessProbe'],
    ['readiness-probe', 'readinessProbe'],
  ];
  it.each(cases)('%s passes when the probe is set', (id, field) => {
    expect(runRule(byId(id), workload(probe(field)))).toEqual([]);
  });
  it.each(cases)('%s reports a container without the probe', (id, field) => {
    const reports = runRule(byId(id), workload(''));
    expect(reports).toHaveLength(1);
    expect(pathOf(reports[0])).toBe(`spec.template.spec.containers[name=api].${field}`);
    expect(reports[0]!.message).toMatch(new RegExp(`^Container "api" has no ${field}`));
    expect(reports[0]!.container).toBe('api');
  });
  it.each(cases)('%s exempts Jobs and CronJobs', (id) => {
    expect(runRule(byId(id), workload('', 'Job', 'batch/v1'))).toEqual([]);
    expect(runRule(byId(id), workload('', 'CronJob'))).toEqual([]);
  });
  it('does not require probes on init containers', () => {
    const yaml = workload(probe('livenessProbe')).replace(
      '      containers:',
      '      initContainers:\n        - name: migrate\n          image: registry.example.com/m:1\n      containers:',
    );
    expect(runRule(byId('liveness-probe'), yaml)).toEqual([]);
  });
});

describe('startup-probe', () => {
  const rule = byId('startup-probe');
  it('passes for a fast starter and for a slow starter with a startup probe', () => {
    expect(runRule(rule, workload(probe('livenessProbe', 'http', '/l', '  initialDelaySeconds: 5')))).toEqual([]);
    expect(
      runRule(rule, workload(probe('livenessProbe', 'http', '/l', '  initialDelaySeconds: 120') + probe('startupProbe'))),
    ).toEqual([]);
  });
  it('reports a long liveness initial delay without a startup probe', () => {
    const reports = runRule(rule, workload(probe('livenessProbe', 'http', '/l', '  initialDelaySeconds: 120')));
    expect(reports).toHaveLength(1);
    expect(pathOf(reports[0])).toBe('spec.template.spec.containers[name=api].livenessProbe.initialDelaySeconds');
    expect(reports[0]!.message).toContain('120s');
    expect(reports[0]!.message).toContain('startupProbe');
  });
  it('uses the slowStartSeconds parameter', () => {
    const yaml = workload(probe('livenessProbe', 'http', '/l', '  initialDelaySeconds: 20'));
    expect(runRule(rule, yaml)).toEqual([]);
    expect(runRule(rule, yaml, { params: { slowStartSeconds: 15 } })).toHaveLength(1);
  });
});

describe('probe-port-declared', () => {
  const rule = byId('probe-port-declared');
  it('passes for a declared named or numeric port and exec probes', () => {
    expect(runRule(rule, workload(probe('readinessProbe', 'http') + probe('livenessProbe', '8080')))).toEqual([]);
    expect(runRule(rule, workload('livenessProbe:\n  exec:\n    command: [true]'))).toEqual([]);
  });
  it('reports an undeclared named port as an error', () => {
    const reports = runRule(rule, workload(probe('readinessProbe', 'metrics')));
    expect(reports).toHaveLength(1);
    expect(pathOf(reports[0])).toBe('spec.template.spec.containers[name=api].readinessProbe.httpGet.port');
    expect(reports[0]!.message).toContain('"metrics"');
    expect(reports[0]!.severity).toBeUndefined();
  });
  it('reports an undeclared numeric port as a warning', () => {
    const reports = runRule(rule, workload('startupProbe:\n  tcpSocket:\n    port: 9090'));
    expect(reports).toHaveLength(1);
    expect(pathOf(reports[0])).toBe('spec.template.spec.containers[name=api].startupProbe.tcpSocket.port');
    expect(reports[0]!.message).toContain('port 9090');
    expect(reports[0]!.severity).toBe('warning');
  });
  it('checks grpc probes too', () => {
    expect(runRule(rule, workload('livenessProbe:\n  grpc:\n    port: 9000'))).toHaveLength(1);
  });
});

describe('probes-not-identical', () => {
  const rule = byId('probes-not-identical');
  it('passes when the checks differ or liveness is more patient', () => {
    expect(runRule(rule, workload(probe('livenessProbe', 'http', '/live') + probe('readinessProbe', 'http', '/ready')))).toEqual(
      [],
    );
    expect(
      runRule(rule, workload(probe('livenessProbe', 'http', '/h', '  failureThreshold: 10') + probe('readinessProbe', 'http', '/h'))),
    ).toEqual([]);
  });
  it('reports identical checks with the same failure window', () => {
    const reports = runRule(rule, workload(probe('livenessProbe') + probe('readinessProbe')));
    expect(reports).toHaveLength(1);
    expect(pathOf(reports[0])).toBe('spec.template.spec.containers[name=api].livenessProbe');
    expect(reports[0]!.message).toContain('same check for liveness and readiness');
    expect(reports[0]!.message).toContain('30s vs 30s');
  });
});

describe('startup-probe on seed-like estates', () => {
  const rule = byId('startup-probe');
  // A 30 s liveness delay is what the Vanna production overlay sets deliberately for its API.
  it('accepts the 30-second liveness delay the seeds use, and still reports a two-minute one', () => {
    const live = (delay: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: vanna-api}
spec:
  selector: {matchLabels: {app: vanna-api}}
  template:
    metadata: {labels: {app: vanna-api}}
    spec:
      containers:
        - name: api
          image: registry.example.com/vanna-api:1.0
          livenessProbe: {httpGet: {path: /health, port: 8000}, initialDelaySeconds: ${delay}, timeoutSeconds: 5, periodSeconds: 10}
`;
    expect(runRule(rule, live(30))).toEqual([]);
    expect(runRule(rule, live(120))).toHaveLength(1);
  });
});
