import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fast-check.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CLI tests spawn the built binary; two cores here, so keep the pool small.
    maxWorkers: 2,
  },
});
