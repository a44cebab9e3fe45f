import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/corpora reads ../shared/corpora, which users' clones do not have: `npm run test:corpora`.
    // test/s3 needs a Ceph radosgw (infra/local/radosgw.sh), which they need not have: `npm run test:s3`.
    exclude: [...configDefaults.exclude, 'test/corpora/**', 'test/s3/**', 'test/browser/**'],
    // Tests spawn the CLI and start real servers; a slow CI machine needs more than 5 s.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
