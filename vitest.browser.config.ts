import { defineConfig } from 'vitest/config';

// The browser tier: pages served on 127.0.0.1 and driven in headless Chromium (Debian's
// `chromium`, through playwright-core; no browser is downloaded). `npm test` leaves it out, as a
// user's clone has no browser; `.ci/run` installs Chromium and runs it.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
