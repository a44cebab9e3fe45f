import { defineConfig } from 'vitest/config';

// Tests against the research corpora beside the repository (SHARED_DIR, default ../shared):
// never part of `npm test`, since the corpora may not be copied into the repository.
export default defineConfig({
  test: {
    include: ['test/corpora/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
