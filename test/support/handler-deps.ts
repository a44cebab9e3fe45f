import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { LocalFifoQueue } from '../../infra/local-fifo-queue.ts';
import { type S3Dialect, S3Storage } from '../../src/adapters/s3-storage.ts';
import {
  type CompactionOutcome,
  type CompactorDependencies,
  DocumentCache,
} from '../../src/compact-collection.ts';
import { createCompactorHandler } from '../../src/compactor-handler.ts';
import { createHandler, type HandlerEvent, type HandlerSummary } from '../../src/handler.ts';
import type { LogFields, Logger } from '../../src/logger.ts';
import type { MetricName, MetricsRecorder } from '../../src/metrics.ts';
import type { ReportChanged } from '../../src/ports.ts';
import type { ReportDependencies } from '../../src/write-report.ts';

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

export interface TestOverrides {
  readonly dialect?: S3Dialect;
  /** Attempts of both functions (default 4). */
  readonly maxAttempts?: number;
  /** The compactor's client, when it is not the article function's. */
  readonly compactorClient?: S3Client;
  /** Deliveries of a message before it is dead-lettered (default 1: a failure shows at once). */
  readonly maxReceiveCount?: number;
}

/**
 * Both functions on real S3 clients, wired as deployed: the article function sends to a FIFO
 * queue (in process) that feeds the compactor. The log is captured, retries do not wait, the
 * clock is fixed for `updatedAt`.
 */
export function testPipeline(client: S3Client, overrides: TestOverrides = {}) {
  const logger = memoryLogger();
  const metrics = memoryMetrics();
  const dialect = overrides.dialect ? { dialect: overrides.dialect } : {};
  const storage = new S3Storage(client, dialect);
  const compactorStorage = overrides.compactorClient
    ? new S3Storage(overrides.compactorClient, dialect)
    : storage;
  const compactorDeps: CompactorDependencies = {
    documents: compactorStorage,
    cache: new DocumentCache(),
    logger,
    metrics,
    now: () => new Date('2018-11-09T00:00:00.000Z'),
    sleep: async () => {},
    maxAttempts: overrides.maxAttempts ?? 4,
  };
  const compactions: CompactionOutcome[] = [];
  const compactor = createCompactorHandler(compactorDeps);
  const queue = new LocalFifoQueue({
    consume: async (event) => {
      const response = await compactor(event);
      compactions.push(...response.outcomes);
      return response;
    },
    maxReceiveCount: overrides.maxReceiveCount ?? 1,
  });
  const deps: ReportDependencies = {
    articles: storage,
    documents: storage,
    queue,
    logger,
    metrics,
    sleep: async () => {},
    maxAttempts: overrides.maxAttempts ?? 4,
  };
  const article = createHandler(deps);
  return {
    deps,
    compactorDeps,
    queue,
    compactor,
    compactions,
    deadLetters: queue.deadLetters as readonly ReportChanged[],
    logs: logger.logs,
    counted: metrics.counted,
    /** The article function on the event, then the compactor until the queue is empty. */
    handler: async (event: HandlerEvent | S3Event): Promise<HandlerSummary> => {
      const summary = await article(event);
      await queue.idle();
      return summary;
    },
  };
}

/** {@link testPipeline}, for tests that only need the handler and the log. */
export function testHandler(client: S3Client, overrides: TestOverrides = {}) {
  return testPipeline(client, overrides);
}
