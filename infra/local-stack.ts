import type { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import S3rver from 's3rver';
import { parse as parseYaml } from 'yaml';
import { encodeS3EventKey } from '../src/adapters/s3-key.ts';
import { createS3Client, S3Storage } from '../src/adapters/s3-storage.ts';
import type { CompactionOutcome } from '../src/compact-collection.ts';
import { compactorDependencies, createCompactorHandler } from '../src/compactor-handler.ts';
import { createHandler, type HandlerSummary, runtimeDependencies } from '../src/handler.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { NO_METRICS } from '../src/metrics.ts';
import { startViewerServer, type ViewerServer } from '../src/viewer/viewer-server.ts';
import { LOCAL_BUCKET, LOCAL_PORT } from './local-defaults.ts';
import { LocalFifoQueue } from './local-fifo-queue.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One notification rule of serverless.yml: which events, which keys. */
export interface NotificationRule {
  /** `s3:ObjectCreated:*`, `s3:ObjectRemoved:Delete`… */
  readonly event: string;
  readonly prefix?: string;
  readonly suffix?: string;
}

/**
 * The S3 notification rules of serverless.yml, read from the file itself so that the local stack
 * filters exactly as the deployed bucket does (s3rver ignores prefix filters).
 */
export async function readNotificationRules(
  serverlessYml = join(REPO_ROOT, 'serverless.yml'),
): Promise<NotificationRule[]> {
  const config = parseYaml(await readFile(serverlessYml, 'utf8')) as {
    functions?: Record<
      string,
      { events?: Array<{ s3?: { event?: string; rules?: Array<{ prefix?: string; suffix?: string }> } }> }
    >;
  };
  const rules: NotificationRule[] = [];
  for (const fn of Object.values(config.functions ?? {})) {
    for (const { s3 } of fn.events ?? []) {
      if (!s3?.event) continue;
      const filter = Object.assign({}, ...(s3.rules ?? [])) as { prefix?: string; suffix?: string };
      rules.push({ event: s3.event, ...filter });
    }
  }
  if (rules.length === 0) throw new Error(`no s3 events in ${serverlessYml}`);
  return rules;
}

/** Whether S3 would notify for this event name (`ObjectCreated:Put`) and raw key. */
export function matchesRule(rules: readonly NotificationRule[], eventName: string, key: string): boolean {
  return rules.some((rule) => {
    const pattern = rule.event.replace(/^s3:/, '');
    const eventMatches = pattern.endsWith(':*')
      ? eventName.startsWith(pattern.slice(0, -1))
      : eventName === pattern;
    return eventMatches && key.startsWith(rule.prefix ?? '') && key.endsWith(rule.suffix ?? '');
  });
}

let lastSequencer = 0n;

/**
 * A sequencer as S3 gives one, increasing with every event of this process and across restarts
 * (the stored timelines remember the last one per key): hexadecimal milliseconds since the epoch
 * times 4096, plus a counter within the millisecond. s3rver's own is `Date.now()` in decimal,
 * the same for two events in one millisecond.
 */
export function nextSequencer(now: number = Date.now()): string {
  lastSequencer = BigInt(now) * 4096n > lastSequencer ? BigInt(now) * 4096n : lastSequencer + 1n;
  return lastSequencer.toString(16).toUpperCase();
}

/**
 * Rewrites one of s3rver's in-process event records into the exact shape S3 sends: key
 * URL-encoded with spaces as `+`, a proper bucket ARN, the ETag without quotes, an S3-style
 * sequencer.
 */
export function toS3NotificationRecord(record: S3EventRecord, region: string): S3EventRecord {
  const object = record.s3.object;
  return {
    ...record,
    eventVersion: '2.1',
    awsRegion: region,
    s3: {
      ...record.s3,
      configurationId: 'news-timeline-articles',
      bucket: { ...record.s3.bucket, arn: `arn:aws:s3:::${record.s3.bucket.name}` },
      object: {
        ...object,
        key: encodeS3EventKey(object.key),
        ...(object.eTag ? { eTag: object.eTag.replace(/"/g, '') } : {}),
        sequencer: nextSequencer(),
      },
    },
  };
}

export interface LocalStackOptions {
  /** 0 picks a free port. Default 4568 (s3rver's own). */
  readonly port?: number;
  /** Where objects are kept; survives restarts. */
  readonly directory: string;
  readonly bucket?: string;
  readonly logger?: Logger;
  /** Called after each invocation of the article function. */
  readonly onInvocation?: (summary: HandlerSummary | undefined, error?: unknown) => void;
  /** Called after each compaction of a collection's view. */
  readonly onCompaction?: (outcome: CompactionOutcome) => void;
  /** Serves the viewer of the bucket's timelines on this port (0: a free one); none when unset. */
  readonly viewerPort?: number;
}

export interface LocalStack {
  readonly endpoint: string;
  readonly bucket: string;
  readonly client: S3Client;
  /** Resolves once every notification so far has been handled and every view compacted. */
  idle(): Promise<void>;
  /** Messages the compactor failed on every delivery (the dead-letter queue). */
  readonly deadLetters: readonly unknown[];
  /** The viewer's server, when `viewerPort` was given. */
  readonly viewer?: ViewerServer;
  close(): Promise<void>;
}

export { LOCAL_BUCKET, LOCAL_PORT };

const LOCAL_REGION = 'us-east-1';

/**
 * s3rver on 127.0.0.1 with the bucket, its notifications wired to the real article function
 * through the serverless.yml rules, and the article function's messages to the real compactor
 * through an in-process FIFO queue. Article invocations run one at a time: s3rver ignores
 * conditional writes, so two invocations for one key could overwrite each other here, as they
 * cannot on AWS.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const bucket = options.bucket ?? LOCAL_BUCKET;
  const logger = options.logger ?? createLogger();
  const rules = await readNotificationRules();
  const server = new S3rver({
    port: options.port ?? LOCAL_PORT,
    address: '127.0.0.1',
    silent: true,
    directory: options.directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const address = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = createS3Client({ endpoint });
  const storage = new S3Storage(client);
  const compactor = createCompactorHandler(compactorDependencies(storage, logger, NO_METRICS));
  const reports = new LocalFifoQueue({
    consume: async (event) => {
      const response = await compactor(event);
      for (const outcome of response.outcomes) options.onCompaction?.(outcome);
      return response;
    },
  });
  const handler = createHandler(runtimeDependencies(storage, reports, logger));
  let viewer: ViewerServer | undefined;
  if (options.viewerPort !== undefined) {
    try {
      viewer = await startViewerServer({
        documents: storage,
        bucket,
        port: options.viewerPort,
        onError: (error) => logger.error('viewer failed', { error }),
      });
    } catch (error) {
      client.destroy();
      await server.close();
      throw error;
    }
  }
  let queue: Promise<void> = Promise.resolve();
  // s3rver is a Koa app (an EventEmitter) that emits 'event'; @types/s3rver leaves that out.
  (server as unknown as EventEmitter).on('event', (event: S3Event) => {
    const records = event.Records.filter((record) =>
      matchesRule(rules, record.eventName, record.s3.object.key),
    ).map((record) => toS3NotificationRecord(record, LOCAL_REGION));
    if (records.length === 0) return;
    queue = queue.then(async () => {
      try {
        // Not `onInvocation?.(await handler(…))`: optional chaining would skip the handler too.
        const summary = await handler({ Records: records });
        options.onInvocation?.(summary);
      } catch (error) {
        logger.error('handler failed', { error });
        options.onInvocation?.(undefined, error);
      }
    });
  });
  return {
    endpoint,
    bucket,
    client,
    idle: async () => {
      // Handling one notification can queue no other (the functions write only reports/,
      // state/ and timelines/), but wait until the chain stops growing anyway.
      let seen: Promise<void>;
      do {
        seen = queue;
        await seen;
        await reports.idle();
      } while (seen !== queue);
    },
    deadLetters: reports.deadLetters,
    ...(viewer ? { viewer } : {}),
    close: async () => {
      await viewer?.close();
      await queue;
      await reports.idle();
      client.destroy();
      await server.close();
    },
  };
}
