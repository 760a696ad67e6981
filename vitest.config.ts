import { defineConfig } from 'vitest/config';

/**
 * Test kinds, each runnable alone (`npm run test:<kind>`); `npm test` runs all of them.
 * conformance: prodgate against the oracle's recorded answers (test/fixtures/kustomize/README.md);
 * browser: needs Chromium; unit: everything else. test/kinds.test.ts checks that every test
 * file belongs to exactly one kind.
 */
const conformance = ['test/kustomize/differential.test.ts', 'test/kustomize/examples.test.ts', 'test/kustomize/warnings.test.ts', 'test/yaml/emit.test.ts'];
const browser = ['test/report/html.test.ts'];
export const testKinds = {
  unit: { include: ['test/**/*.test.ts'], exclude: [...conformance, ...browser] },
  conformance: { include: conformance, exclude: [] as string[] },
  browser: { include: browser, exclude: [] as string[] },
};

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxConcurrency: 4,
    // A machine-readable summary beside the usual output, for CI's closing line.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    projects: Object.entries(testKinds).map(([name, kind]) => ({ extends: true, test: { name, ...kind } })),
  },
});
