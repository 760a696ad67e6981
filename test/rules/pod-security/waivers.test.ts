/**
 * Every pod-level rule's findings can be waived with the annotation
 * `prodgate.dev/waive.<rule-id>` (reason and expiry), and per container with
 * `prodgate.dev/waive.<rule-id>.<container>`.
 */
import { describe, expect, it } from 'vitest';
import { checkEstate, runCheck } from '../../../src/index.js';
import { rules as resources } from '../../../src/rules/resources/index.js';
import { rules as health } from '../../../src/rules/health/index.js';
import { rules as images } from '../../../src/rules/images/index.js';
import { rules as podSecurity } from '../../../src/rules/pod-security/index.js';
import type { Rule } from '../../../src/engine/types.js';
import { estateFromYaml } from '../../helpers/rules.js';
import { writeTree } from '../../engine/helpers.js';
import { everythingWrongPod, strictParams, yamlOf, type Obj } from './helpers.js';
import { allPssControls } from './controls.js';

const today = '2026-06-01';
const podLevelRules: Rule[] = [...resources, ...health, ...images, ...podSecurity];

/** The manifest and Kubernetes version under which the rule reports at least one finding. */
function fixtureFor(rule: Rule): { pod: Obj; kubeVersion: string } {
  const pod = everythingWrongPod();
  if (rule.meta.id === 'pss-restricted-proc-mount-type') {
    pod.spec.hostUsers = false;
    return { pod, kubeVersion: '1.35' };
  }
  return { pod, kubeVersion: '1.34' };
}

function check(rule: Rule, pod: Obj, kubeVersion: string) {
  const params = strictParams[rule.meta.id];
  return checkEstate(estateFromYaml(yamlOf(pod), 'pod.yaml'), {
    rules: [rule],
    kubeVersion,
    today,
    ...(params ? { overrides: { [rule.meta.id]: { params } } } : {}),
  }).findings;
}

describe('annotation waivers on pod-level rules', () => {
  it.each(podLevelRules.map((r) => [r.meta.id, r] as const))('%s: findings are waived by prodgate.dev/waive.<rule-id>', (id, rule) => {
    const { pod, kubeVersion } = fixtureFor(rule);
    const unwaived = check(rule, pod, kubeVersion).filter((f) => f.rule === id);
    expect(unwaived.length).toBeGreaterThan(0);
    expect(unwaived.every((f) => f.waived === null)).toBe(true);

    pod.metadata.annotations = { [`prodgate.dev/waive.${id}`]: 'reason="accepted for this test" expires=2099-12-31 owner=platform' };
    const findings = check(rule, pod, kubeVersion);
    const own = findings.filter((f) => f.rule === id);
    expect(own).toHaveLength(unwaived.length);
    for (const f of own) expect(f.waived).toMatchObject({ reason: 'accepted for this test', expires: '2099-12-31', owner: 'platform' });
    expect(findings.filter((f) => f.rule.startsWith('waiver-'))).toEqual([]);
  });

  it('waives one container with prodgate.dev/waive.<rule-id>.<container>', () => {
    const rule = podLevelRules.find((r) => r.meta.id === 'image-allowed-registries')!;
    const pod = everythingWrongPod();
    pod.metadata.annotations = { 'prodgate.dev/waive.image-allowed-registries.web': 'reason="vendor image" expires=2099-12-31' };
    const findings = check(rule, pod, '1.34').filter((f) => f.rule === 'image-allowed-registries');
    expect(findings.map((f) => [f.container, f.waived !== null])).toEqual([['web', true]]);

    pod.metadata.annotations = { 'prodgate.dev/waive.pss-baseline-privileged-containers.app': 'reason="node agent" expires=2099-12-31' };
    const pss = check(podLevelRules.find((r) => r.meta.id === 'pss-baseline-privileged-containers')!, pod, '1.34');
    expect(pss.map((f) => [f.rule, f.container, f.waived !== null, f.pss])).toEqual([
      ['pss-baseline-privileged-containers', 'app', true, { level: 'baseline', control: 'Privileged Containers' }],
    ]);
  });
});

describe('the engine on a single bad Pod', () => {
  it('reports every Pod Security control it violates, located in the manifest', () => {
    const yaml = yamlOf(everythingWrongPod());
    const findings = checkEstate(estateFromYaml(yaml, 'pod.yaml'), { kubeVersion: '1.34', today, concerns: ['pod-security'] }).findings;
    const controls = new Set(findings.filter((f) => f.pss).map((f) => `${f.pss!.level}: ${f.pss!.control}`));
    expect([...controls].sort()).toEqual(
      [...allPssControls],
    );
    for (const f of findings) {
      expect(f.location?.file).toBe('pod.yaml');
      expect(f.location?.line).toBeGreaterThan(0);
    }
  });
});

describe('prodgate check of one manifest file', () => {
  it('judges a single Pod file and fails the gate on its Pod Security findings', () => {
    const dir = writeTree({ 'pod.yaml': yamlOf(everythingWrongPod()) });
    const run = runCheck({ inputs: ['pod.yaml'], load: { root: dir }, cli: { kubeVersion: '1.34' }, concerns: ['pod-security'], today });
    expect(run.passed).toBe(false);
    const controls = new Set(run.findings.filter((f) => f.pss).map((f) => f.pss!.control));
    expect(controls.size).toBe(16); // 18 level/control pairs; Seccomp and Capabilities belong to both levels
    expect(run.findings.every((f) => f.location?.file === 'pod.yaml')).toBe(true);
  });
});
