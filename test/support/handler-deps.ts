import type { S3Client } from '@aws-sdk/client-s3';
import { type S3Dialect, S3Storage } from '../../src/adapters/s3-storage.ts';
import { createHandler } from '../../src/handler.ts';
import type { LogFields, Logger } from '../../src/logger.ts';
import type { MetricName, MetricsRecorder } from '../../src/metrics.ts';
import type { SyncDependencies } from '../../src/sync-article.ts';

export interface CapturedLog {
  readonly level: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

/** A logger port that keeps what it is told (the Powertools wiring has its own test). */
export function memoryLogger(): Logger & { readonly logs: CapturedLog[] } {
  const logs: CapturedLog[] = [];
  const log =
    (level: string) =>
    (message: string, ...fields: LogFields[]) =>
      logs.push(Object.assign({ level, message }, ...fields) as CapturedLog);
  return { logs, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export interface CountedMetric {
  readonly name: MetricName;
  readonly value: number;
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** A metrics port that keeps every count. */
export function memoryMetrics(): MetricsRecorder & { readonly counted: CountedMetric[] } {
  const counted: CountedMetric[] = [];
  return {
    counted,
    count: (name, value = 1, dimensions) =>
      counted.push({ name, value, ...(dimensions ? { dimensions } : {}) }),
  };
}

/** Handler dependencies on a real S3 client, with the log captured and no waiting between retries. */
export function testDependencies(
  client: S3Client,
  overrides: Partial<SyncDependencies> & { dialect?: S3Dialect } = {},
): SyncDependencies & { logs: CapturedLog[]; counted: CountedMetric[] } {
  const { dialect, ...rest } = overrides;
  const logger = memoryLogger();
  const metrics = memoryMetrics();
  const storage = new S3Storage(client, dialect ? { dialect } : {});
  return {
    articles: storage,
    timelines: storage,
    logger,
    metrics,
    now: () => new Date('2018-11-09T00:00:00.000Z'),
    sleep: async () => {},
    maxAttempts: 4,
    ...rest,
    logs: logger.logs,
    counted: metrics.counted,
  };
}

export function testHandler(
  client: S3Client,
  overrides: Partial<SyncDependencies> & { dialect?: S3Dialect } = {},
) {
  const deps = testDependencies(client, overrides);
  return { handler: createHandler(deps), logs: deps.logs, counted: deps.counted };
}
