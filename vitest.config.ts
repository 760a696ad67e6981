import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxConcurrency: 4,
    // A machine-readable summary beside the usual output, for CI's closing line.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
