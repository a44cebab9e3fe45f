import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, S3Event, S3EventRecord } from 'aws-lambda';
import { decodeS3EventKey } from './adapters/s3-key.ts';
import { createS3Client, dialectNamed, S3Storage } from './adapters/s3-storage.ts';
import { SqsReportQueue } from './adapters/sqs-queue.ts';
import { ArticleFormatError, TimelineError } from './core/errors.ts';
import { collectionOfKey } from './core/route-key.ts';
import { instrumentHandler } from './instrument.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type MetricsRecorder, NO_METRICS, powertoolsRecorder } from './metrics.ts';
import type { ArticleSource, DocumentStore, ReportQueue } from './ports.ts';
import { type ReportDependencies, type ReportOutcome, writeReport } from './write-report.ts';

export interface HandlerSummary {
  readonly records: number;
  readonly synced: readonly ReportOutcome[];
  /** Records outside `articles/` (never our own timeline writes: see README "Routing"). */
  readonly ignored: readonly string[];
  /** Articles that cannot be read; logged, not retried, the timeline left as it was. */
  readonly rejected: ReadonlyArray<{ readonly key: string; readonly code: string; readonly reason: string }>;
}

/** The S3 notification event, or S3's one-off `s3:TestEvent` that has no Records. */
export type HandlerEvent = S3Event | { readonly Records?: undefined; readonly Event?: string };

function countOutcome(metrics: MetricsRecorder, outcome: ReportOutcome): void {
  if (outcome.result === 'stale') metrics.count('StaleNotifications');
  else if (outcome.result === 'updated' && outcome.action === 'upsert') {
    metrics.count('ArticlesSynced');
    metrics.count('EventsExtracted', outcome.events);
  } else if (outcome.result === 'updated' && outcome.action === 'remove') metrics.count('ArticlesRemoved');
}

/**
 * The Lambda handler, with its dependencies passed in (tests and the local stack build their own).
 * Every record is handled; bad articles are logged and skipped; any other failure is thrown after
 * all records were tried, so Lambda retries the event (the sync is idempotent) and, in the end,
 * sends it to the failure queue.
 */
export function createHandler(deps: ReportDependencies): (event: HandlerEvent) => Promise<HandlerSummary> {
  return async (event) => {
    const records: readonly S3EventRecord[] = event.Records ?? [];
    const synced: ReportOutcome[] = [];
    const ignored: string[] = [];
    const rejected: Array<{ key: string; code: string; reason: string }> = [];
    const failures: Error[] = [];
    const reject = (bucket: string, key: string, code: string, reason: string, message: string) => {
      deps.logger.error(message, { bucket, key, code, reason });
      deps.metrics.count('InputsRejected', 1, { reason: code });
      rejected.push({ key, code, reason });
    };
    for (const record of records) {
      const bucket = record.s3.bucket.name;
      let key: string;
      try {
        key = decodeS3EventKey(record.s3.object.key);
      } catch {
        reject(
          bucket,
          record.s3.object.key,
          'bad-key',
          'undecodable key',
          'undecodable object key in notification',
        );
        continue;
      }
      // Second guard beside the notification filter: our own writes under timelines/ and anything
      // else outside articles/ must never trigger a timeline update (it would loop).
      if (collectionOfKey(key) === undefined) {
        deps.logger.info('ignored: not an article key', { bucket, key, eventName: record.eventName });
        ignored.push(key);
        continue;
      }
      try {
        const sequencer = record.s3.object.sequencer;
        const outcome = await writeReport(deps, bucket, key, sequencer ? { sequencer } : {});
        deps.logger.info(`report ${outcome.result}`, { bucket, eventName: record.eventName, ...outcome });
        countOutcome(deps.metrics, outcome);
        synced.push(outcome);
      } catch (error) {
        if (error instanceof ArticleFormatError) {
          reject(bucket, key, error.code, error.reason, error.message);
        } else {
          deps.logger.error('failed to write the report', { bucket, key, error });
          deps.metrics.count('RecordsFailed');
          failures.push(error instanceof Error ? error : new Error(String(error)));
        }
      }
    }
    if (failures.length > 0) {
      throw new TimelineError(`${failures.length} of ${records.length} records failed`, {
        cause: new AggregateError(failures, 'record failures'),
      });
    }
    if (records.length === 0)
      deps.logger.info('event without records', { event: (event as { Event?: string }).Event });
    return { records: records.length, synced, ignored, rejected };
  };
}

/**
 * The handler's dependencies on real storage: real waits between compare-and-swap attempts,
 * 8 attempts. Lambda, the local stack and `news-timeline invoke` all run on these.
 */
export function runtimeDependencies(
  storage: ArticleSource & DocumentStore,
  queue: ReportQueue,
  logger: Logger,
  metrics: MetricsRecorder = NO_METRICS,
): ReportDependencies {
  return {
    articles: storage,
    documents: storage,
    queue,
    logger,
    metrics,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    maxAttempts: 8,
  };
}

/** A queue that refuses every message, saying why: the function was deployed without its queue. */
const missingQueue = (variable: string): ReportQueue => ({
  send: async () => {
    throw new TimelineError(
      `${variable} is not set: the article function has no queue to tell the compactor`,
    );
  },
});

/**
 * The deployed article function, from its environment (`REPORTS_QUEUE_URL`, `S3_ENDPOINT`,
 * `S3_DIALECT`, `AWS_REGION`).
 */
export function createLambdaHandler(
  env: NodeJS.ProcessEnv = process.env,
): (event: HandlerEvent, context: Context) => Promise<HandlerSummary> {
  const region = env.AWS_REGION ? { region: env.AWS_REGION } : {};
  const storage = new S3Storage(
    createS3Client({ ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}), ...region }),
    { dialect: dialectNamed(env.S3_DIALECT) },
  );
  const queue = env.REPORTS_QUEUE_URL
    ? new SqsReportQueue(new SQSClient(region), env.REPORTS_QUEUE_URL)
    : missingQueue('REPORTS_QUEUE_URL');
  const logger = createLogger();
  const metrics = createMetrics();
  const handle = createHandler(runtimeDependencies(storage, queue, logger, powertoolsRecorder(metrics)));
  return instrumentHandler(handle, { logger, metrics });
}

// Built once per Lambda container (module scope), reused across invocations.
export const handler = createLambdaHandler();
