/**
 * `prodgate check examples` end to end: discovery of the overlays, the nearest config per
 * estate, located findings and every report format on real renders.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReport, reportFormats } from '../../src/report/index.js';
import { sarifReport } from '../../src/report/sarif.js';
import { nearestConfig } from '../../src/engine/config.js';
import { type CheckRun } from '../../src/engine/engine.js';
import { runCheck } from '../../src/index.js';

const repo = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);

describe('check examples', () => {
  let run: CheckRun;
  beforeAll(() => {
    const cache = new Map();
    run = runCheck({
      inputs: ['examples'],
      load: { root: repo },
      configFor: (t) => nearestConfig(t.abs ?? repo, cache, repo),
    });
  });

  it('renders each overlay once, not its bases', () => {
    expect(run.targets.map((t) => [t.path, t.type, t.profile])).toEqual([
      ['examples/kfm/infra/clusters/prod', 'kustomize', 'prod'],
      ['examples/lomash-wood/infra/kubernetes/overlays/production', 'kustomize', 'prod'],
    ]);
    expect(run.targets.every((t) => t.objects > 30)).toBe(true);
  });

  it('fails the gate with findings located in the example sources', () => {
    expect(run.passed).toBe(false);
    expect(run.findings.length).toBeGreaterThan(0);
    for (const f of run.findings) {
      expect(f.location?.file).toMatch(/^examples\//);
      expect(f.location!.line).toBeGreaterThan(0);
    }
    // The run-migrations init container (gap 4) is located in the overlay patch that adds it.
    const initGap = run.findings.find((f) => f.path.includes('initContainers[name=run-migrations].resources'));
    expect(initGap?.location?.file).toBe('examples/lomash-wood/infra/kubernetes/overlays/production/patches/analytics-service.yaml');
  });

  it('renders every format, and SARIF validates against the 2.1.0 schema', () => {
    for (const format of reportFormats) expect(renderReport(format, run).length).toBeGreaterThan(0);
    const Ajv = AjvDraft04Module.default;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormatsModule.default(ajv);
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    expect(validate(sarifReport(run)) ? [] : validate.errors).toEqual([]);
  });
});
