/**
 * The check engine's own cost, apart from what rules compute: 10,000 objects (Deployments with
 * two containers each, a waiver annotation on every tenth), parsed once.
 *
 *   npx tsx bench/engine.bench.ts
 *
 *   parse      parseYaml of the stream alone;
 *   engine     checkEstate with a rule that reports nothing (rule selection, waiver scanning);
 *   findings   checkEstate with a rule reporting one finding per container (20,000 findings:
 *              location from provenance, path formatting, de-duplication, waiver matching, sort);
 *   reports    JSON and SARIF rendering of those findings.
 * Best of five runs after a warm-up.
 */
import { Estate } from '../src/engine/estate.js';
import { isMap } from '../src/core/provenance.js';
import type { Resource } from '../src/core/resource.js';
import { renderJson } from '../src/report/json.js';
import { renderSarif } from '../src/report/sarif.js';
import { severityCounts, type CheckRun } from '../src/engine/engine.js';
import { checkEstate } from '../src/index.js';
import { defineRule } from '../src/engine/rule.js';
import { parseYaml } from '../src/yaml/parse.js';

const OBJECTS = 10_000;

function deployment(i: number): string {
  const waiver = i % 10 === 0 ? `\n  annotations:\n    prodgate.dev/waive.bench-containers.sidecar: reason="bench" expires=2099-01-01` : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 20}${waiver}
spec:
  replicas: 3
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      containers:
        - name: app
          image: registry.example.com/app-${i}:1.0.${i}
          resources: {requests: {cpu: 100m, memory: 128Mi}}
        - name: sidecar
          image: envoy:1.30
`;
}

const text = Array.from({ length: OBJECTS }, (_, i) => deployment(i)).join('---\n');

function estate(): Estate {
  const parsed = parseYaml(text, 'bench.yaml', { annotationsAsText: true });
  const resources: Resource[] = [];
  for (const d of parsed.docs) if (isMap(d.value)) resources.push({ body: d.value, origin: d.location });
  return new Estate(resources);
}

const examples = { bad: [{ description: 'bench', yaml: '' }], good: [{ description: 'bench', yaml: '' }] } as const;
const silent = defineRule({ id: 'bench-silent', title: 't', concern: 'images', severity: 'error', rationale: 'r', remediation: '```yaml\n{}\n```', examples, check: () => {} });
const perContainer = defineRule({
  id: 'bench-containers',
  title: 't',
  concern: 'images',
  severity: 'warning',
  rationale: 'r',
  remediation: '```yaml\n{}\n```',
  examples,
  check(ctx) {
    for (const t of ctx.estate.podTemplates()) {
      for (const c of ctx.estate.containers(t)) {
        ctx.report({ resource: t.workload, path: [...c.path, 'securityContext'], message: `container ${c.name}`, container: c.name });
      }
    }
  },
});

function best(label: string, fn: () => unknown): number {
  fn();
  let min = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  console.log(`${label.padEnd(10)} ${min.toFixed(0).padStart(6)} ms`);
  return min;
}

const parse = best('parse', estate);
const e = estate();
const engine = best('engine', () => checkEstate(e, { rules: [silent], today: '2026-01-01' }));
let findings = 0;
const withFindings = best('findings', () => {
  const r = checkEstate(e, { rules: [perContainer], today: '2026-01-01' });
  findings = r.findings.length;
});
const result = checkEstate(e, { rules: [perContainer], today: '2026-01-01' });
const run: CheckRun = {
  findings: result.findings,
  baselined: [],
  failing: result.findings.filter((f) => !f.waived),
  targets: [],
  rules: [perContainer.meta],
  failOn: 'warning',
  failOnSource: 'the prod profile',
  loosened: [],
  counts: { bySeverity: severityCounts(result.findings), unwaived: severityCounts(result.findings), waived: 0, byRule: [], byNamespace: [] },
  inputErrors: [],
  passed: false,
};
const reports = best('reports', () => {
  renderJson(run);
  renderSarif(run);
});
console.log(
  `${OBJECTS} objects, ${findings} findings (${result.findings.filter((f) => f.waived).length} waived); engine ${(engine / parse).toFixed(2)}× parse, with findings ${(withFindings / parse).toFixed(2)}× parse, reports ${(reports / parse).toFixed(2)}× parse`,
);
