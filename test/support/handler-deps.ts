import type { S3Client } from '@aws-sdk/client-s3';
import { S3Storage } from '../../src/adapters/s3-storage.ts';
import { createHandler } from '../../src/handler.ts';
import { createLogger } from '../../src/logger.ts';
import type { SyncDependencies } from '../../src/sync-article.ts';

export interface CapturedLog {
  readonly level: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

/** Handler dependencies on a real S3 client, with the log captured and no waiting between retries. */
export function testDependencies(
  client: S3Client,
  overrides: Partial<SyncDependencies> = {},
): SyncDependencies & { logs: CapturedLog[] } {
  const logs: CapturedLog[] = [];
  const storage = new S3Storage(client);
  return {
    articles: storage,
    timelines: storage,
    logger: createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as CapturedLog) }),
    now: () => new Date('2018-11-09T00:00:00.000Z'),
    sleep: async () => {},
    maxAttempts: 4,
    ...overrides,
    logs,
  };
}

export function testHandler(client: S3Client, overrides: Partial<SyncDependencies> = {}) {
  const deps = testDependencies(client, overrides);
  return { handler: createHandler(deps), logs: deps.logs };
}
