/**
 * Estate-level rules over real kustomize renders: objects split across a base and an overlay,
 * findings located at the file and line a human must change.
 */
import { describe, expect, it } from 'vitest';
import { rule as devSettings } from '../../../src/rules/config-hygiene/dev-settings-in-production.js';
import { rule as hpaFixedReplicas } from '../../../src/rules/availability/hpa-fixed-replicas.js';
import { rule as minReplicas } from '../../../src/rules/availability/min-replicas.js';
import { rule as pdbAllowsEviction } from '../../../src/rules/availability/pdb-allows-eviction.js';
import { rule as serviceSelectsNothing } from '../../../src/rules/references/service-selects-nothing.js';
import { rule as configMapNotFound } from '../../../src/rules/references/configmap-not-found.js';
import { checkEstate } from '../../../src/index.js';
import { runRule } from '../../helpers/rules.js';
import { renderTree } from '../kustomize/render.js';
import { deployment, where } from './helpers.js';

const baseFiles = {
  'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n  - service.yaml\n  - hpa.yaml\n',
  'base/deploy.yaml': deployment('api', { replicas: 1, podSpec: '          envFrom:\n            - configMapRef:\n                name: api-config' }),
  'base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n',
  'base/hpa.yaml':
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: api\n  minReplicas: 3\n  maxReplicas: 10\n',
};

const overlay = (kustomization: string, extra: Record<string, string> = {}) =>
  renderTree({ ...baseFiles, 'overlays/prod/kustomization.yaml': kustomization, ...extra }, 'overlays/prod');

const generator = 'configMapGenerator:\n  - name: api-config\n    literals:\n      - NODE_ENV=production\n      - LOG_LEVEL=info\n';

describe('estate rules on a rendered base and overlay', () => {
  it('a PDB in the overlay that blocks evictions of the base workload is reported at the PDB minAvailable', () => {
    const estate = overlay('resources:\n  - ../../base\n  - pdb.yaml\n', {
      'overlays/prod/pdb.yaml': 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: api\nspec:\n  minAvailable: 3\n  selector:\n    matchLabels:\n      app: api\n',
    });
    expect(runRule(pdbAllowsEviction, estate).map(where)).toEqual(['overlays/prod/pdb.yaml:6']);
  });

  it('replicas set by an overlay patch against a base HPA are reported at the patch line', () => {
    const estate = overlay('resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n', {
      'overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 5\n',
    });
    expect(runRule(hpaFixedReplicas, estate).map(where)).toEqual(['overlays/prod/replicas.yaml:6']);
  });

  it('replicas set by the kustomization replicas field are judged like a patch: equal to the HPA minimum passes, other values point at the field', () => {
    expect(runRule(hpaFixedReplicas, overlay('resources:\n  - ../../base\nreplicas:\n  - name: api\n    count: 3\n'))).toEqual([]);
    const r = runRule(hpaFixedReplicas, overlay('resources:\n  - ../../base\nreplicas:\n  - name: api\n    count: 6\n'));
    expect(r.map(where)).toEqual(['overlays/prod/kustomization.yaml:4']);
  });

  it('an HPA minimum lowered by the overlay is reported at the overlay patch', () => {
    const estate = overlay('resources:\n  - ../../base\npatches:\n  - path: hpa.yaml\n', {
      'overlays/prod/hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  minReplicas: 2\n',
    });
    expect(runRule(minReplicas, estate).map(where)).toEqual(['overlays/prod/hpa.yaml:6']);
  });

  it('pod labels changed in the overlay leave the base Service selecting nothing, reported at the Service selector', () => {
    const estate = overlay('resources:\n  - ../../base\npatches:\n  - path: labels.yaml\n', {
      'overlays/prod/labels.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    metadata:\n      labels:\n        app: api-v2\n',
    });
    expect(runRule(serviceSelectsNothing, estate).map(where)).toEqual(['base/service.yaml:6']);
  });

  it('a ConfigMap generated in the overlay satisfies the base reference (with its hash suffix)', () => {
    expect(runRule(configMapNotFound, overlay(`resources:\n  - ../../base\n${generator}`))).toEqual([]);
    expect(runRule(configMapNotFound, overlay('resources:\n  - ../../base\n')).map(where)).toEqual(['base/deploy.yaml:20']);
  });

  it('a debug setting from the overlay generator is reported at the generator literal', () => {
    const estate = overlay(`resources:\n  - ../../base\n${generator.replace('LOG_LEVEL=info', 'LOG_LEVEL=debug')}`);
    const r = runRule(devSettings, estate);
    expect(r.map((x) => x.message.split(' ')[0])).toEqual(['LOG_LEVEL=debug']);
    // The renderer attributes generated data to the generator entry that produced it.
    expect(where(r[0]!)).toBe('overlays/prod/kustomization.yaml:4');
  });

  it('an inline waiver in the overlay file that must change waives the cross-object finding', () => {
    const pdbFile = (comment: string) =>
      `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: api\nspec:\n  minAvailable: 3${comment}\n  selector:\n    matchLabels:\n      app: api\n`;
    const waived = overlay('resources:\n  - ../../base\n  - pdb.yaml\n', {
      'overlays/prod/pdb.yaml': pdbFile('  # prodgate-waive pdb-allows-eviction reason="drain handled by the maintenance runbook" expires=2026-12-31'),
    });
    const findings = checkEstate(waived, { rules: [pdbAllowsEviction], today: '2026-06-01' }).findings;
    expect(findings.map((f) => [f.rule, `${f.location?.file}:${f.location?.line}`, f.waived?.reason])).toEqual([
      ['pdb-allows-eviction', 'overlays/prod/pdb.yaml:6', 'drain handled by the maintenance runbook'],
    ]);
  });
});
