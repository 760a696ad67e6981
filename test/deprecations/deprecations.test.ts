import { describe, expect, it } from 'vitest';
import { apiDeprecations, compareVersions, deprecationStatus, notYetServed, parseKubeVersion } from '../../src/analysis/deprecations.js';
import { formatPath } from '../../src/core/resource.js';
import { bundledValidator } from '../../src/analysis/schema/catalog.js';
import { rule as apiDeprecated } from '../../src/rules/deprecations/api-deprecated.js';
import { rule as apiRemoved } from '../../src/rules/deprecations/api-removed.js';
import { rule as apiNotYetServed } from '../../src/rules/deprecations/api-not-yet-served.js';
import { estateFromYaml, runRule } from '../helpers/rules.js';

const manifests = [
  ['extensions/v1beta1', 'Ingress'],
  ['networking.k8s.io/v1beta1', 'Ingress'],
  ['policy/v1beta1', 'PodDisruptionBudget'],
  ['autoscaling/v2beta1', 'HorizontalPodAutoscaler'],
  ['autoscaling/v2beta2', 'HorizontalPodAutoscaler'],
  ['batch/v1beta1', 'CronJob'],
  ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema'],
  ['flowcontrol.apiserver.k8s.io/v1beta2', 'PriorityLevelConfiguration'],
  ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema'],
  ['apps/v1', 'Deployment'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['v1', 'Endpoints'],
]
  .map(([apiVersion, kind], i) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: obj-${i}\n`)
  .join('---\n');

function findings(kubeVersion: string): { removed: string[]; deprecated: string[] } {
  const estate = estateFromYaml(manifests, 'legacy.yaml');
  const label = (r: { resource: { body: Record<string, unknown> } }) => `${String(r.resource.body.apiVersion)} ${String(r.resource.body.kind)}`;
  return {
    removed: runRule(apiRemoved, estate, { kubeVersion }).map(label),
    deprecated: runRule(apiDeprecated, estate, { kubeVersion }).map(label),
  };
}

describe('deprecated and removed APIs by target version', () => {
  it('1.20: only deprecations', () => {
    expect(findings('1.20')).toEqual({
      removed: [],
      deprecated: ['extensions/v1beta1 Ingress', 'networking.k8s.io/v1beta1 Ingress'],
    });
  });

  it('1.22: Ingress betas removed; PDB and CronJob betas deprecated', () => {
    expect(findings('1.22')).toEqual({
      removed: ['extensions/v1beta1 Ingress', 'networking.k8s.io/v1beta1 Ingress'],
      deprecated: ['policy/v1beta1 PodDisruptionBudget', 'autoscaling/v2beta1 HorizontalPodAutoscaler', 'batch/v1beta1 CronJob'],
    });
  });

  it('1.25: PDB, CronJob and HPA v2beta1 removed; v2beta2 and flowcontrol v1beta1 deprecated', () => {
    expect(findings('1.25')).toEqual({
      removed: [
        'extensions/v1beta1 Ingress',
        'networking.k8s.io/v1beta1 Ingress',
        'policy/v1beta1 PodDisruptionBudget',
        'autoscaling/v2beta1 HorizontalPodAutoscaler',
        'batch/v1beta1 CronJob',
      ],
      deprecated: ['autoscaling/v2beta2 HorizontalPodAutoscaler', 'flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema'],
    });
  });

  it('1.29: flowcontrol v1beta2 removed, v1beta3 deprecated', () => {
    const f = findings('1.29');
    expect(f.removed).toContain('flowcontrol.apiserver.k8s.io/v1beta2 PriorityLevelConfiguration');
    expect(f.removed).toContain('autoscaling/v2beta2 HorizontalPodAutoscaler');
    expect(f.deprecated).toEqual(['flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema']);
  });

  it('1.33: every beta above removed; Endpoints deprecated', () => {
    const f = findings('v1.33.2');
    expect(f.removed).toHaveLength(9);
    expect(f.deprecated).toEqual(['v1 Endpoints']);
  });

  it('current APIs are never reported', () => {
    for (const v of ['1.16', '1.22', '1.29', '1.33']) {
      const f = findings(v);
      expect([...f.removed, ...f.deprecated].filter((x) => x === 'apps/v1 Deployment' || x === 'networking.k8s.io/v1 Ingress')).toEqual([]);
    }
  });
});

describe('messages', () => {
  it('name the versions and the replacement, at apiVersion', () => {
    const [r] = runRule(apiRemoved, estateFromYaml('apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\n'), { kubeVersion: '1.27' });
    expect(formatPath(r!.path)).toBe('apiVersion');
    expect(r!.message).toBe(
      'batch/v1beta1 CronJob is no longer served by Kubernetes 1.27: removed in 1.25 (deprecated since 1.21); use batch/v1 (served since 1.21)',
    );
  });

  it('deprecations say when the removal comes', () => {
    const [r] = runRule(apiDeprecated, estateFromYaml('apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: p}\n'), {
      kubeVersion: '1.23',
    });
    expect(r!.message).toBe(
      'policy/v1beta1 PodDisruptionBudget is deprecated since Kubernetes 1.21 and removed in 1.25; use policy/v1 (served since 1.21); ' +
        'in policy/v1 an empty spec.selector selects every pod of the namespace',
    );
  });

  it('suggest the replacement the target version serves', () => {
    const early = deprecationStatus('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', [1, 27])!;
    expect(early.replacement?.apiVersion).toBe('flowcontrol.apiserver.k8s.io/v1beta3');
    const late = deprecationStatus('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', [1, 30])!;
    expect(late.state).toBe('removed');
    expect(late.replacement?.apiVersion).toBe('flowcontrol.apiserver.k8s.io/v1');
  });

  it('say what else changes with the replacement', () => {
    expect(deprecationStatus('extensions/v1beta1', 'Ingress', [1, 22])!.message).toMatch(/use networking.k8s.io\/v1 \(served since 1.19\); in v1 spec.backend is spec.defaultBackend/);
    expect(deprecationStatus('apps/v1beta2', 'StatefulSet', [1, 16])!.message).toMatch(/spec.selector is required/);
  });

  it('an API without successor says so', () => {
    const s = deprecationStatus('policy/v1beta1', 'PodSecurityPolicy', [1, 25])!;
    expect(s.state).toBe('removed');
    expect(s.message).toMatch(/Pod Security Admission/);
  });

  it('a kind changing name is named', () => {
    expect(deprecationStatus('v1', 'Endpoints', [1, 33])!.message).toMatch(/use discovery.k8s.io\/v1 EndpointSlice/);
  });
});

describe('API versions newer than the target', () => {
  const newer = [
    ['batch/v1', 'CronJob', '1.21'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', '1.23'],
    ['policy/v1', 'PodDisruptionBudget', '1.21'],
    ['networking.k8s.io/v1', 'Ingress', '1.19'],
    ['flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', '1.29'],
    ['discovery.k8s.io/v1', 'EndpointSlice', '1.21'],
  ] as const;
  const text = newer.map(([a, k], i) => `apiVersion: ${a}\nkind: ${k}\nmetadata: {name: n${i}}\n`).join('---\n');
  const at = (v: string) => runRule(apiNotYetServed, estateFromYaml(text), { kubeVersion: v }).map((r) => `${String(r.resource.body.apiVersion)} ${String(r.resource.body.kind)}`);

  it('are errors before the release that serves them', () => {
    expect(at('1.18')).toHaveLength(6);
    expect(at('1.20')).toEqual([
      'batch/v1 CronJob',
      'autoscaling/v2 HorizontalPodAutoscaler',
      'policy/v1 PodDisruptionBudget',
      'flowcontrol.apiserver.k8s.io/v1 FlowSchema',
      'discovery.k8s.io/v1 EndpointSlice',
    ]);
    expect(at('1.23')).toEqual(['flowcontrol.apiserver.k8s.io/v1 FlowSchema']);
    expect(at('1.29')).toEqual([]);
  });

  it('say which release serves them', () => {
    const [r] = runRule(apiNotYetServed, estateFromYaml('apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n'), {
      kubeVersion: '1.22',
    });
    expect(r!.message).toBe('autoscaling/v2 HorizontalPodAutoscaler is served from Kubernetes 1.23; the target version 1.22 does not serve it yet');
    expect(formatPath(r!.path)).toBe('apiVersion');
  });

  it('are judged per kind', () => {
    expect(notYetServed('storage.k8s.io/v1', 'StorageClass', [1, 16])).toBeUndefined();
    expect(notYetServed('storage.k8s.io/v1', 'CSIDriver', [1, 16])).toBe('1.19');
    expect(notYetServed('apps/v1', 'Deployment', [1, 8])).toBe('1.9');
    expect(notYetServed('example.com/v1', 'Widget', [1, 8])).toBeUndefined();
  });
});

describe('the table', () => {
  it('is consistent: removal after deprecation, a replacement served before the removal', () => {
    for (const d of apiDeprecations) {
      const dep = parseKubeVersion(d.deprecatedIn)!;
      expect(dep, `${d.apiVersion} ${d.kind}`).toBeDefined();
      if (d.removedIn) {
        const rem = parseKubeVersion(d.removedIn)!;
        expect(compareVersions(rem, dep), `${d.apiVersion} ${d.kind}`).toBeGreaterThan(0);
        if (d.replacements.length > 0) {
          const first = d.replacements.map((r) => parseKubeVersion(r.since)!).sort(compareVersions)[0]!;
          expect(compareVersions(first, rem), `${d.apiVersion} ${d.kind}`).toBeLessThan(0);
        } else {
          expect(d.note, `${d.apiVersion} ${d.kind} needs a note`).toBeTruthy();
        }
      }
    }
  });

  it('names real API versions and kinds: each row and replacement has a bundled schema', () => {
    // The migration guide lists apps/v1beta1 among the ReplicaSet versions removed in 1.16, but
    // that version never served ReplicaSets, so no schema carries it.
    const knownAbsent = new Set(['apps/v1beta1 ReplicaSet']);
    const missing: string[] = [];
    for (const d of apiDeprecations) {
      if (!bundledValidator(d.apiVersion, d.kind) && !knownAbsent.has(`${d.apiVersion} ${d.kind}`)) missing.push(`${d.apiVersion} ${d.kind}`);
      for (const r of d.replacements) {
        if (!bundledValidator(r.apiVersion, r.kind ?? d.kind)) missing.push(`replacement ${r.apiVersion} ${r.kind ?? d.kind}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no duplicate rows', () => {
    const keys = apiDeprecations.map((d) => `${d.apiVersion} ${d.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('covers every release of the migration guide', () => {
    const removals = new Set(apiDeprecations.map((d) => d.removedIn));
    for (const v of ['1.16', '1.22', '1.25', '1.26', '1.27', '1.29', '1.32']) expect(removals).toContain(v);
  });

  it('parses versions', () => {
    expect(parseKubeVersion('1.29')).toEqual([1, 29]);
    expect(parseKubeVersion('v1.29.4')).toEqual([1, 29]);
    expect(parseKubeVersion('latest')).toBeUndefined();
  });
});
