import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { LocalFifoQueue } from '../../infra/local-fifo-queue.ts';
import { LOCAL_BUCKET, LOCAL_PORT, startLocalStack } from '../../infra/local-stack.ts';
import { createS3Client, dialectNamed, S3Storage } from '../adapters/s3-storage.ts';
import { compactorDependencies, createCompactorHandler } from '../compactor-handler.ts';
import { indexKeyOf } from '../core/view.ts';
import { createHandler, type HandlerEvent, runtimeDependencies } from '../handler.ts';
import { createLogger } from '../logger.ts';
import { NO_METRICS } from '../metrics.ts';
import { readWholeTimeline } from '../read-view.ts';
import { rebuildCollection } from '../rebuild-collection.ts';
import { formatTimelineSummary } from './format-summary.ts';
import { UsageError } from './usage-error.ts';

const ENDPOINT_DEFAULT = process.env.S3_ENDPOINT ?? `http://127.0.0.1:${LOCAL_PORT}`;
const BUCKET_DEFAULT = process.env.NEWS_TIMELINE_BUCKET ?? LOCAL_BUCKET;
/** The flags of the commands that name a collection in a bucket. */
const BUCKET_OPTIONS = {
  endpoint: { type: 'string', default: ENDPOINT_DEFAULT },
  bucket: { type: 'string', default: BUCKET_DEFAULT },
} as const;

function storageFor(
  endpoint: string,
  dialect: string | undefined = process.env.S3_DIALECT,
): { storage: S3Storage; destroy: () => void } {
  const client = createS3Client(endpoint === 'aws' ? {} : { endpoint });
  return {
    storage: new S3Storage(client, { dialect: dialectNamed(dialect) }),
    destroy: () => client.destroy(),
  };
}

interface SampleManifest {
  readonly collection: string;
  readonly articles: ReadonlyArray<{ file: string; key: string; published: string; timezone: string }>;
}

export async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: String(LOCAL_PORT) },
      data: { type: 'string', default: '.data/s3' },
      'no-samples': { type: 'boolean', default: false },
    },
  });
  const logger = createLogger({ level: 'WARN' });
  const stack = await startLocalStack({
    port: Number(values.port),
    directory: values.data,
    logger,
    onInvocation: (summary, error) => {
      if (error) process.stdout.write(`handler failed: ${(error as Error).message}\n`);
      for (const outcome of summary?.synced ?? []) {
        process.stdout.write(
          `${outcome.action} ${outcome.key} → report ${outcome.result} (${outcome.events} events)\n`,
        );
      }
      for (const rejected of summary?.rejected ?? [])
        process.stdout.write(`rejected ${rejected.key}: ${rejected.reason}\n`);
    },
  });
  process.stdout.write(
    `S3-compatible server: ${stack.endpoint}  bucket: ${stack.bucket}  data: ${values.data}\n`,
  );
  if (!values['no-samples']) {
    const manifestUrl = new URL('../../events/articles/manifest.json', import.meta.url);
    const manifest = JSON.parse(await readFile(manifestUrl, 'utf8')) as SampleManifest;
    for (const sample of manifest.articles) {
      await stack.client.send(
        new PutObjectCommand({
          Bucket: stack.bucket,
          Key: sample.key,
          Body: await readFile(new URL(`../../events/articles/${sample.file}`, import.meta.url)),
          ContentType: 'text/plain; charset=utf-8',
          Metadata: { published: sample.published, timezone: sample.timezone },
        }),
      );
    }
    await stack.idle();
    const timeline = await readWholeTimeline(new S3Storage(stack.client), stack.bucket, manifest.collection);
    if (timeline) {
      const index = indexKeyOf(manifest.collection);
      process.stdout.write(`\nView index: s3://${stack.bucket}/${index}\n`);
      process.stdout.write(`            ${stack.endpoint}/${stack.bucket}/${encodeURI(index)}\n`);
      process.stdout.write(`Whole timeline: news-timeline get ${manifest.collection}\n\n`);
      process.stdout.write(`${formatTimelineSummary(timeline)}\n`);
    }
  }
  process.stdout.write(
    `\nUpload more under articles/<collection>/ (aws --endpoint-url ${stack.endpoint} s3 cp FILE s3://${stack.bucket}/articles/...; credentials S3RVER/S3RVER). Ctrl-C stops.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await stack.close();
  process.stdout.write('stopped\n');
  return 0;
}

export async function invoke(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { endpoint: { type: 'string', default: ENDPOINT_DEFAULT }, bucket: { type: 'string' } },
  });
  const [eventFile] = positionals;
  if (!eventFile) throw new UsageError('invoke needs an EVENT.json file');
  const event = JSON.parse(await readFile(eventFile, 'utf8')) as HandlerEvent;
  if (values.bucket && event.Records) {
    for (const record of event.Records) record.s3.bucket.name = values.bucket;
  }
  const { storage, destroy } = storageFor(values.endpoint);
  try {
    // Warnings and errors go to stderr; stdout is left to the summary (POWERTOOLS_LOG_LEVEL=INFO
    // shows every step, on stdout). The compactor runs here too, from an in-process queue.
    const logger = createLogger({ level: 'WARN' });
    const compactor = createCompactorHandler(compactorDependencies(storage, logger, NO_METRICS));
    const compactions: unknown[] = [];
    const queue = new LocalFifoQueue({
      consume: async (batch) => {
        const response = await compactor(batch);
        compactions.push(...response.outcomes);
        return response;
      },
      maxReceiveCount: 1,
    });
    const summary = await createHandler(runtimeDependencies(storage, queue, logger))(event);
    await queue.idle();
    process.stdout.write(`${JSON.stringify({ ...summary, compactions }, null, 2)}\n`);
    return queue.deadLetters.length > 0 ? 1 : 0;
  } finally {
    destroy();
  }
}

export async function get(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: BUCKET_OPTIONS,
  });
  const [collection] = positionals;
  if (!collection) throw new UsageError('get needs a COLLECTION name');
  const { storage, destroy } = storageFor(values.endpoint);
  try {
    const timeline = await readWholeTimeline(storage, values.bucket, collection);
    if (!timeline) {
      process.stderr.write(`no timeline: s3://${values.bucket}/${indexKeyOf(collection)} does not exist\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(timeline, null, 2)}\n`);
    return 0;
  } finally {
    destroy();
  }
}

export async function rebuild(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...BUCKET_OPTIONS, dialect: { type: 'string' } },
  });
  const [collection] = positionals;
  if (!collection) throw new UsageError('rebuild needs a COLLECTION name');
  const { storage, destroy } = storageFor(values.endpoint, values.dialect ?? process.env.S3_DIALECT);
  const where = `s3://${values.bucket}/${indexKeyOf(collection)}`;
  try {
    const summary = await rebuildCollection(
      { ...compactorDependencies(storage, createLogger({ level: 'WARN' }), NO_METRICS), articles: storage },
      values.bucket,
      collection,
      ({ read, listed }) => {
        if (read === listed || read % 50 === 0) process.stderr.write(`read ${read} of ${listed} articles\n`);
      },
    );
    for (const { key, reason } of summary.rejected) process.stderr.write(`skipped ${key}: ${reason}\n`);
    const before = {
      missing: 'there was none',
      corrupt: `the stored one was unreadable (${summary.problem ?? ''})`,
      current: 'it replaces the stored one',
      legacy: "migrated from the earlier version's timeline",
    }[summary.previous];
    process.stdout.write(
      `rebuilt ${where}: ${summary.articles} articles, ${summary.events} events, ` +
        `${summary.rejected.length} articles skipped, ${summary.swept} old documents deleted; ${before}\n`,
    );
    return summary.rejected.length > 0 ? 1 : 0;
  } finally {
    destroy();
  }
}
