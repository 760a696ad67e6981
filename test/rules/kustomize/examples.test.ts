/**
 * The bundled example estate through our renderer and the engine: the estate-level rules find
 * exactly the gaps the examples leave on purpose (examples/README.md, gaps 1, 2, 5 and 7), at the
 * file and line that must change, and nothing else.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules as availability } from '../../../src/rules/availability/index.js';
import { rules as configHygiene } from '../../../src/rules/config-hygiene/index.js';
import { runCheck } from '../../../src/index.js';
import { rules as kustomize } from '../../../src/rules/kustomize/index.js';
import { rules as persistence } from '../../../src/rules/persistence/index.js';
import { rules as rbac } from '../../../src/rules/rbac/index.js';
import { rules as references } from '../../../src/rules/references/index.js';

const estateRules = [...availability, ...references, ...rbac, ...configHygiene, ...persistence, ...kustomize];

describe('estate-level rules on examples/', () => {
  it('find exactly the deliberate gaps', () => {
    const root = path.resolve('.');
    const run = runCheck({ inputs: ['examples'], rules: estateRules, today: '2026-06-01', load: { root } });
    const found = run.findings
      .filter((f) => !f.rule.startsWith('waiver-'))
      .map((f) => `${f.rule} ${f.object.kind}/${f.object.name} ${f.path} ${f.location?.file}:${f.location?.line}`)
      .sort();
    expect(found).toEqual([
      'dev-settings-in-production Deployment/auth-service spec.template.spec.containers[name=auth-service].env[name=LOG_LEVEL].value examples/lomash-wood/infra/kubernetes/base/auth-service/deployment.yaml:32',
      'kustomize-deprecated-field Kustomization/examples/lomash-wood/infra/kubernetes/overlays/production/kustomization.yaml bases examples/lomash-wood/infra/kubernetes/overlays/production/kustomization.yaml:6',
      'pdb-allows-eviction PodDisruptionBudget/notification-service spec.minAvailable examples/lomash-wood/infra/kubernetes/overlays/production/pdb.yaml:36',
      'rbac-cluster-secret-read ClusterRole/kfm-auditor rules[0].resources examples/kfm/infra/clusters/prod/policies/rbac.yaml:34',
    ]);
  });
});
