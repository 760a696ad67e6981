/**
 * `check` against parsing: an estate of 10,000 objects (1,000 services of ten objects each —
 * Deployment, Service, ConfigMap, HPA, PDB, ServiceAccount, NetworkPolicy, Role, RoleBinding and
 * an Ingress or a datastore StatefulSet — over 20 namespaces, with deliberate gaps mixed in),
 * as one YAML stream.
 *
 *   npx tsx bench/check.bench.ts
 *
 * Times (minimum over five interleaved rounds, after a warm-up):
 *   parse   parseYaml of the stream alone (the baseline);
 *   estate  the estate-level rules (availability, references, rbac, config-hygiene, persistence,
 *           kustomize) over the parsed objects, each rule run once over the whole estate;
 *   engine  every registered rule through the engine (findings, waivers, sorting).
 * It prints (parse + estate) / parse and (parse + engine) / parse; the acceptance bound is
 * check <= 2 x parse.
 */
import { Estate } from '../src/engine/estate.js';
import { isMap } from '../src/core/provenance.js';
import type { Resource } from '../src/core/resource.js';
import { rules as availability } from '../src/rules/availability/index.js';
import { rules as configHygiene } from '../src/rules/config-hygiene/index.js';
import { checkEstate } from '../src/index.js';
import { rules as kustomize } from '../src/rules/kustomize/index.js';
import { rules as persistence } from '../src/rules/persistence/index.js';
import { rules as rbac } from '../src/rules/rbac/index.js';
import { rules as references } from '../src/rules/references/index.js';
import type { Report, Rule } from '../src/engine/types.js';
import { parseYaml } from '../src/yaml/parse.js';

const UNITS = 1_000;
const NAMESPACES = 20;
const estateRules: Rule[] = [...availability, ...references, ...rbac, ...configHygiene, ...persistence, ...kustomize];

function unit(i: number): string {
  const ns = `team-${i % NAMESPACES}`;
  const app = `svc-${i}`;
  const datastore = i % 10 === 0;
  const gap = i % 7 === 0;
  const replicas = gap ? 1 : 3;
  const image = datastore ? 'postgres:16.4' : `registry.example.com/shop/${app}:1.${i}.0`;
  const labels = `app: ${app}\n        tier: backend`;
  const kind = datastore ? 'StatefulSet' : 'Deployment';
  const claims = datastore
    ? `
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: premium-rwo
        resources:
          requests:
            storage: 20Gi`
    : '';
  return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
    app: ${app}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        ${labels}
      annotations:
        prometheus.io/scrape: "true"
    spec:
      serviceAccountName: ${app}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels:
              app: ${app}
      containers:
        - name: main
          image: ${image}
          ports:
            - containerPort: 8080
              name: http
          envFrom:
            - configMapRef:
                name: ${app}-config
          env:
            - name: DATABASE_URL
              value: postgres://app@db.${ns}.svc:5432/app${gap ? '' : '?sslmode=require'}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
          readinessProbe:
            httpGet: {path: /ready, port: http}
          livenessProbe:
            httpGet: {path: /live, port: http}${claims}
---
apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    app: ${gap ? `${app}-old` : app}
  ports:
    - port: 80
      targetPort: http
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: ${ns}
data:
  NODE_ENV: production
  LOG_LEVEL: ${gap ? 'debug' : 'info'}
  CORS_ORIGIN: https://shop.example.com
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: ${kind}
    name: ${app}
  minReplicas: 3
  maxReplicas: 10
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  minAvailable: ${gap ? 3 : 2}
  selector:
    matchLabels:
      app: ${app}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app}
  namespace: ${ns}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: ${app}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              tier: backend
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${app}
  namespace: ${ns}
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, list, watch${gap ? ', "*"' : ''}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ${app}
  namespace: ${ns}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ${app}
subjects:
  - kind: ServiceAccount
    name: ${app}
    namespace: ${ns}
---
${
  datastore
    ? `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${app}-backup
  namespace: ${ns}
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          serviceAccountName: ${app}
          containers:
            - name: backup
              image: postgres:16.4
              command: ["sh", "-c", "pg_dump \\"$DATABASE_URL\\" > /backup/db.sql"]`
    : `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  ${gap ? '' : `tls:\n    - hosts: [${app}.example.com]\n      secretName: ${app}-tls\n  `}rules:
    - host: ${app}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${app}
                port: {number: 80}`
}
`;
}

function stream(): string {
  const parts: string[] = [];
  for (let i = 0; i < UNITS; i++) parts.push(unit(i));
  return parts.join('---\n');
}

function parse(text: string): Estate {
  const parsed = parseYaml(text, 'estate.yaml', { annotationsAsText: true });
  const resources: Resource[] = [];
  for (const d of parsed.docs) if (isMap(d.value)) resources.push({ body: d.value, origin: d.location });
  return new Estate(resources);
}

function runEstateRules(estate: Estate): number {
  let count = 0;
  const report = (_: Report) => {
    count++;
  };
  for (const rule of estateRules) {
    const params: Record<string, unknown> = {};
    for (const [k, spec] of Object.entries(rule.meta.params ?? {})) params[k] = spec.byProfile?.prod ?? spec.default;
    rule.check({ estate, profile: 'prod', params, kubeVersion: '1.33', settings: { network: {}, secrets: {}, schema: {} }, report } as Parameters<Rule['check']>[0]);
  }
  return count;
}

const text = stream();
const parsed = parse(text);
const objects = parsed.resources.length;
console.log(`${objects} objects, ${(text.length / 1024 / 1024).toFixed(1)} MiB of YAML, node ${process.version}`);

// The machine is shared: rounds interleave the three measurements and the minimum of each is kept.
// Rule caches live on the Estate instance, so each rule run gets a fresh Estate over the parsed objects.
const fresh = () => new Estate([...parsed.resources]);
const times = { parse: Infinity, estate: Infinity, engine: Infinity };
let estateFindings = 0;
let engineFindings = 0;
runEstateRules(fresh());
checkEstate(fresh(), { today: '2026-06-01' });
for (let round = 0; round < 5; round++) {
  let t0 = performance.now();
  parse(text);
  times.parse = Math.min(times.parse, performance.now() - t0);
  t0 = performance.now();
  estateFindings = runEstateRules(fresh());
  times.estate = Math.min(times.estate, performance.now() - t0);
  t0 = performance.now();
  engineFindings = checkEstate(fresh(), { today: '2026-06-01' }).findings.length;
  times.engine = Math.min(times.engine, performance.now() - t0);
}
const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
console.log(`parse                         ${ms(times.parse)}`);
console.log(`estate-level rules (${estateRules.length})       ${ms(times.estate)}  ${estateFindings} findings`);
console.log(`engine, every rule            ${ms(times.engine)}  ${engineFindings} findings`);
console.log(`parse + estate-level rules    ${((times.parse + times.estate) / times.parse).toFixed(2)}x parse`);
console.log(`check (parse + engine)        ${((times.parse + times.engine) / times.parse).toFixed(2)}x parse`);
