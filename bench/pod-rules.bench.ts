/**
 * Pod-level rules throughput: every resources, health, images and pod-security rule over
 * 5,000 Deployments (three containers each, half of them hardened, half violating most
 * controls), as parsed from one YAML stream.
 *
 *   npx tsx bench/pod-rules.bench.ts
 *
 * Reports the time to run all pod-level rules once (best of three) in workloads per second.
 */
import { KnownSecrets } from '../src/analysis/secrets/redact.js';
import { Estate } from '../src/engine/estate.js';
import { isMap } from '../src/core/provenance.js';
import type { Resource } from '../src/core/resource.js';
import { rules as resources } from '../src/rules/resources/index.js';
import { rules as health } from '../src/rules/health/index.js';
import { rules as images } from '../src/rules/images/index.js';
import { rules as podSecurity } from '../src/rules/pod-security/index.js';
import type { Report } from '../src/engine/types.js';
import { parseYaml } from '../src/yaml/parse.js';

const COUNT = 5_000;
const podRules = [...resources, ...health, ...images, ...podSecurity];

function deployment(i: number): string {
  const hardened = i % 2 === 0;
  const sc = hardened
    ? `
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}`
    : `
          securityContext:
            privileged: true
            capabilities: {add: [SYS_ADMIN]}`;
  const container = (name: string) => `        - name: ${name}
          image: registry.example.com/${name}:${hardened ? '1.0.0' : 'latest'}
          ports: [{name: http, containerPort: 8080}]
          readinessProbe: {httpGet: {path: /ready, port: http}}
          livenessProbe: {httpGet: {path: /live, port: ${hardened ? 'http' : 'metrics'}}}
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: "1", memory: 256Mi}}${sc}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ns-${i % 50}
spec:
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      hostNetwork: ${!hardened}
      containers:
${['api', 'worker', 'proxy'].map(container).join('\n')}
`;
}

function main(): void {
  const text = Array.from({ length: COUNT }, (_, i) => deployment(i)).join('---\n');
  const parsed = parseYaml(text, 'bench.yaml');
  const objects: Resource[] = [];
  for (const d of parsed.docs) if (isMap(d.value)) objects.push({ body: d.value, origin: d.location });

  const times: number[] = [];
  let findings = 0;
  for (let run = 0; run < 3; run++) {
    const estate = new Estate(objects);
    const reports: Report[] = [];
    const t = performance.now();
    for (const rule of podRules) {
      const params: Record<string, unknown> = {};
      for (const [k, spec] of Object.entries(rule.meta.params ?? {})) params[k] = spec.byProfile?.prod ?? spec.default;
      rule.check({ estate, profile: 'prod', params, kubeVersion: '1.34', secrets: new KnownSecrets(), report: (r) => reports.push(r) });
    }
    times.push(performance.now() - t);
    findings = reports.length;
  }
  const best = Math.min(...times);
  console.log(
    `${podRules.length} pod-level rules, ${COUNT} Deployments x 3 containers: best ${best.toFixed(0)} ms ` +
      `(${Math.round((COUNT / best) * 1000)} workloads/s), ${findings} findings`,
  );
}

main();
