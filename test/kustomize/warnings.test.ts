/**
 * Deprecation warnings: the same lines, in the same order, as `kubectl kustomize` prints on
 * stderr (one per deprecated field per kustomization file loaded), as recorded beside the fixture.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/kustomize/index.js';
import { listFixtures, recordedFixture } from '../helpers/oracle.js';

describe('deprecation warnings', () => {
  it.each(['bases-deprecated-everywhere', 'bases-legacy-field', 'images-legacy-imagetags'])('%s', (name) => {
    const c = listFixtures().find((f) => f.name === name)!;
    const ours = build(c.dir).warnings;
    expect(ours.length).toBeGreaterThan(0);
    expect(ours).toEqual(recordedFixture(c).warnings);
  });
});
