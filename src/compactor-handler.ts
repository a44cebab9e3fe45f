import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createS3Client, dialectNamed, S3Storage } from './adapters/s3-storage.ts';
import { readReportChanged } from './adapters/sqs-queue.ts';
import {
  type CompactionOutcome,
  type CompactorDependencies,
  compactCollection,
  DocumentCache,
} from './compact-collection.ts';
import { instrumentHandler } from './instrument.ts';
import { createLogger } from './logger.ts';
import { createMetrics, powertoolsRecorder } from './metrics.ts';

/**
 * The compactor's SQS handler. A batch (up to 10 messages, several collections possibly) is
 * grouped by collection and each collection compacted once with all its keys: one update of its
 * view per batch, whatever the number of its messages. The records are then settled by
 * Powertools' FIFO batch processor: a collection whose compaction failed fails all its records,
 * and with `skipGroupOnError` the other collections' records still succeed (partial batch
 * response; the queue needs `ReportBatchItemFailures`).
 */
export function createCompactorHandler(
  deps: CompactorDependencies,
): (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse & { outcomes: CompactionOutcome[] }> {
  return async (event, context) => {
    const keysOf = new Map<string, { bucket: string; collection: string; keys: string[] }>();
    const groupOf = new Map<SQSRecord, string>();
    for (const record of event.Records) {
      const message = readReportChanged(record.body);
      if ('problem' in message) {
        deps.logger.error('dropped a message that is not ours', {
          messageId: record.messageId,
          problem: message.problem,
        });
        continue;
      }
      const group = `${message.bucket}\n${message.collection}`;
      groupOf.set(record, group);
      const entry = keysOf.get(group) ?? { bucket: message.bucket, collection: message.collection, keys: [] };
      if (!entry.keys.includes(message.key)) entry.keys.push(message.key);
      keysOf.set(group, entry);
    }
    const compactions = new Map<string, Promise<CompactionOutcome>>();
    const outcomes: CompactionOutcome[] = [];
    const compactionOf = (group: string): Promise<CompactionOutcome> => {
      let running = compactions.get(group);
      if (!running) {
        const { bucket, collection, keys } = keysOf.get(group) as {
          bucket: string;
          collection: string;
          keys: string[];
        };
        running = compactCollection(deps, bucket, collection, keys).then(
          (outcome) => {
            deps.logger.info(`view ${outcome.result}`, { bucket, ...outcome });
            deps.metrics.count('ReportsMerged', outcome.merged);
            deps.metrics.count('ViewDocumentsWritten', outcome.written);
            outcomes.push(outcome);
            return outcome;
          },
          (error: unknown) => {
            deps.logger.error('failed to compact the view', { bucket, collection, keys, error });
            deps.metrics.count('RecordsFailed', keys.length);
            throw error;
          },
        );
        compactions.set(group, running);
      }
      return running;
    };
    const response = await processPartialResponse(
      event,
      async (record: SQSRecord) => {
        const group = groupOf.get(record);
        if (group !== undefined) await compactionOf(group);
      },
      new SqsFifoPartialProcessorAsync(),
      { ...(context ? { context } : {}), skipGroupOnError: true },
    );
    return { ...response, outcomes };
  };
}

/** The dependencies on real storage: the wall clock, real waits, 8 attempts, a cache per container. */
export function compactorDependencies(
  documents: CompactorDependencies['documents'],
  logger: CompactorDependencies['logger'],
  metrics: CompactorDependencies['metrics'],
  cache: DocumentCache = new DocumentCache(),
): CompactorDependencies {
  return {
    documents,
    cache,
    logger,
    metrics,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    maxAttempts: 8,
  };
}

/** The deployed compactor, from its environment (`S3_ENDPOINT`, `S3_DIALECT`, `AWS_REGION`). */
export function createLambdaCompactor(env: NodeJS.ProcessEnv = process.env) {
  const storage = new S3Storage(
    createS3Client({
      ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
      ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
    }),
    { dialect: dialectNamed(env.S3_DIALECT) },
  );
  const logger = createLogger();
  const metrics = createMetrics();
  const handle = createCompactorHandler(compactorDependencies(storage, logger, powertoolsRecorder(metrics)));
  // Lambda reads only `batchItemFailures`; the outcomes are for tests and the local stack.
  return instrumentHandler(
    async (event: SQSEvent): Promise<SQSBatchResponse> => ({
      batchItemFailures: (await handle(event)).batchItemFailures,
    }),
    { logger, metrics },
  );
}

// Built once per Lambda container (module scope): the cache lives as long as the container.
export const handler = createLambdaCompactor();
