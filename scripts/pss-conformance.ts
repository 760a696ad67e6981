/**
 * Measures the Pod Security Standards rules against pod-security-admission's own test data
 * (`test/testdata/<level>/v1.<minor>/{pass,fail}/*.yaml` in k8s.io/pod-security-admission,
 * Apache-2.0): each `fail` pod must be flagged by a rule of that level (restricted includes
 * baseline) at that Kubernetes version, each `pass` pod by none.
 *
 *   node --import tsx/esm scripts/pss-conformance.ts PATH/TO/test/testdata [--min 29] [--verbose]
 *
 * The test data is not part of this repository; point the script at a checkout of it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SecretRedactor } from '../src/analysis/secrets/redactor.js';
import { isMap } from '../src/core/provenance.js';
import type { Resource } from '../src/core/resource.js';
import { checkEstate } from '../src/engine/engine.js';
import { Estate } from '../src/engine/estate.js';
import { builtinRules } from '../src/rules/index.js';
import { parseYaml } from '../src/yaml/parse.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const min = Number(args[args.indexOf('--min') + 1] ?? 29) || 29;
const verbose = args.includes('--verbose');
if (!dir || !existsSync(path.join(dir, 'baseline'))) {
  console.error('usage: pss-conformance.ts PATH/TO/pod-security-admission/test/testdata [--min 29] [--verbose]');
  process.exit(2);
}

const rulesOf = (level: string) =>
  builtinRules.filter((r) => r.meta.pss === 'baseline' || (level === 'restricted' && r.meta.pss === 'restricted')).map((r) => r.meta.id);

let total = 0;
let agree = 0;
const perVersion = new Map<string, { total: number; agree: number }>();
for (const level of ['baseline', 'restricted']) {
  for (const v of readdirSync(path.join(dir, level)).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)))) {
    const minor = Number(v.slice(3));
    if (!(minor >= min)) continue;
    for (const expect of ['pass', 'fail']) {
      const d = path.join(dir, level, v, expect);
      if (!existsSync(d)) continue;
      for (const f of readdirSync(d).filter((n) => n.endsWith('.yaml')).sort()) {
        const file = path.join(d, f);
        const parsed = parseYaml(readFileSync(file, 'utf8'), file, { annotationsAsText: true });
        const resources: Resource[] = [];
        for (const doc of parsed.docs) if (isMap(doc.value)) resources.push({ body: doc.value, origin: doc.location });
        const run = checkEstate(new Estate(resources), {
          rules: builtinRules,
          redactor: new SecretRedactor(),
          only: rulesOf(level),
          kubeVersion: `1.${minor}`,
          today: '2026-01-01',
        });
        const flagged = run.findings.filter((x) => x.pss !== null);
        const ok = expect === 'fail' ? flagged.length > 0 : flagged.length === 0;
        total++;
        if (ok) agree++;
        const key = `${level} 1.${minor}`;
        const pv = perVersion.get(key) ?? { total: 0, agree: 0 };
        pv.total++;
        if (ok) pv.agree++;
        perVersion.set(key, pv);
        if (!ok && verbose) {
          console.log(`MISMATCH ${level}/${v}/${expect}/${f}: ${flagged.map((x) => `${x.rule} ${x.path}`).join('; ') || 'not flagged'}`);
        }
      }
    }
  }
}
for (const [k, pv] of perVersion) console.log(`${k.padEnd(18)} ${pv.agree}/${pv.total}`);
console.log(`pod-security-admission test data, 1.${min} and newer: ${agree}/${total} agree`);
process.exit(agree === total ? 0 : 1);
