import { defineConfig } from 'vitest/config';

// The real-S3 tier: the conformance suite against Ceph's S3 gateway, which enforces conditional
// writes (s3rver ignores them). The global setup starts radosgw with infra/local/radosgw.sh and
// stops it afterwards; S3_ENDPOINT with AWS credentials in the environment points it at a
// gateway that is already running instead.
export default defineConfig({
  test: {
    include: ['test/s3/**/*.test.ts'],
    globalSetup: ['test/s3/radosgw-setup.ts'],
    // One gateway, one OSD on two cores: files one after another, so that timings mean something.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
