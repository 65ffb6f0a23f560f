import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // web/: only the workbench's pure helpers run here; its screens are tested in a real browser (src/web-tests).
    include: ['src/**/*.test.ts', 'web/src/lib/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
