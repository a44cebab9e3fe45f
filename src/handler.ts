import type { S3Event, S3EventRecord } from 'aws-lambda';
import { decodeS3EventKey } from './adapters/s3-key.ts';
import { createS3Client, S3Storage } from './adapters/s3-storage.ts';
import { ArticleFormatError, TimelineError } from './core/errors.ts';
import { collectionOfKey } from './core/route-key.ts';
import { createLogger, type Logger, type LogLevel } from './logger.ts';
import { type SyncDependencies, type SyncOutcome, syncArticle } from './sync-article.ts';

export interface HandlerSummary {
  readonly records: number;
  readonly synced: readonly SyncOutcome[];
  /** Records outside `articles/` (never our own timeline writes: see README "Routing"). */
  readonly ignored: readonly string[];
  /** Articles that cannot be read; logged, not retried, the timeline left as it was. */
  readonly rejected: ReadonlyArray<{ readonly key: string; readonly reason: string }>;
}

/** The S3 notification event, or S3's one-off `s3:TestEvent` that has no Records. */
export type HandlerEvent = S3Event | { readonly Records?: undefined; readonly Event?: string };

/**
 * The Lambda handler, with its dependencies passed in (tests and the local stack build their own).
 * Every record is handled; bad articles are logged and skipped; any other failure is thrown after
 * all records were tried, so Lambda retries the event (the sync is idempotent) and, in the end,
 * sends it to the failure queue.
 */
export function createHandler(deps: SyncDependencies): (event: HandlerEvent) => Promise<HandlerSummary> {
  return async (event) => {
    const records: readonly S3EventRecord[] = event.Records ?? [];
    const synced: SyncOutcome[] = [];
    const ignored: string[] = [];
    const rejected: Array<{ key: string; reason: string }> = [];
    const failures: Error[] = [];
    for (const record of records) {
      const bucket = record.s3.bucket.name;
      let key: string;
      try {
        key = decodeS3EventKey(record.s3.object.key);
      } catch (error) {
        deps.logger.error('undecodable object key in notification', {
          bucket,
          key: record.s3.object.key,
          error,
        });
        rejected.push({ key: record.s3.object.key, reason: 'undecodable key' });
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
        const outcome = await syncArticle(deps, bucket, key);
        deps.logger.info(`timeline ${outcome.result}`, { bucket, eventName: record.eventName, ...outcome });
        synced.push(outcome);
      } catch (error) {
        if (error instanceof ArticleFormatError) {
          deps.logger.error(error.message, { bucket, key, reason: error.reason });
          rejected.push({ key, reason: error.reason });
        } else {
          deps.logger.error('failed to update the timeline', { bucket, key, error });
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

/** Dependencies of the deployed function, from its environment. */
export function defaultDependencies(env: NodeJS.ProcessEnv = process.env): SyncDependencies {
  const storage = new S3Storage(
    createS3Client({
      ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
      ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
    }),
  );
  return runtimeDependencies(
    storage,
    createLogger({ level: (env.LOG_LEVEL as LogLevel | undefined) ?? 'info' }),
  );
}

/**
 * The handler's dependencies on real storage: the wall clock, real waits between compare-and-swap
 * attempts, 8 attempts. Lambda, the local stack and `news-timeline invoke` all run on these.
 */
export function runtimeDependencies(storage: S3Storage, logger: Logger): SyncDependencies {
  return {
    articles: storage,
    timelines: storage,
    logger,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    maxAttempts: 8,
  };
}

// Built once per Lambda container (module scope), reused across invocations.
export const handler = createHandler(defaultDependencies());
