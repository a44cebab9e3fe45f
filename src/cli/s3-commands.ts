import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { LOCAL_BUCKET, LOCAL_PORT, startLocalStack } from '../../infra/local-stack.ts';
import { createS3Client, dialectNamed, S3Storage } from '../adapters/s3-storage.ts';
import { MAX_EVENTS_PER_ARTICLE } from '../core/events.ts';
import { timelineKeyOf } from '../core/route-key.ts';
import { createHandler, type HandlerEvent, runtimeDependencies } from '../handler.ts';
import { createLogger } from '../logger.ts';
import { rebuildTimeline } from '../rebuild-timeline.ts';
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
          `${outcome.action} ${outcome.key} → timeline ${outcome.collection} ${outcome.result} (${outcome.events} events)\n`,
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
    const stored = await new S3Storage(stack.client).loadTimeline(stack.bucket, manifest.collection);
    if (stored) {
      process.stdout.write(`\nTimeline: s3://${stack.bucket}/${timelineKeyOf(manifest.collection)}\n`);
      process.stdout.write(
        `          ${stack.endpoint}/${stack.bucket}/${encodeURI(timelineKeyOf(manifest.collection))}\n\n`,
      );
      process.stdout.write(`${formatTimelineSummary(stored.timeline)}\n`);
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
    // shows every step, on stdout).
    const handler = createHandler(runtimeDependencies(storage, createLogger({ level: 'WARN' })));
    process.stdout.write(`${JSON.stringify(await handler(event), null, 2)}\n`);
    return 0;
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
    const stored = await storage.loadTimeline(values.bucket, collection);
    if (!stored) {
      process.stderr.write(`no timeline s3://${values.bucket}/${timelineKeyOf(collection)}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(stored.timeline, null, 2)}\n`);
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
  const where = `s3://${values.bucket}/${timelineKeyOf(collection)}`;
  try {
    const summary = await rebuildTimeline(
      runtimeDependencies(storage, createLogger({ level: 'WARN' })),
      values.bucket,
      collection,
      ({ read, listed }) => {
        if (read === listed || read % 50 === 0) process.stderr.write(`read ${read} of ${listed} articles\n`);
      },
    );
    for (const { key, reason } of summary.rejected) process.stderr.write(`skipped ${key}: ${reason}\n`);
    for (const { key, dropped } of summary.truncated)
      process.stderr.write(
        `${key}: ${dropped} dated events past the limit of ${MAX_EVENTS_PER_ARTICLE} left out\n`,
      );
    const before = {
      missing: 'there was none',
      corrupt: `the stored one was unreadable (${summary.problem ?? ''})`,
      current: 'it replaces the stored one',
      upgraded: 'the stored one was of an older format version',
    }[summary.previous];
    process.stdout.write(
      `rebuilt ${where}: ${summary.articles} articles, ${summary.events} events, ` +
        `${summary.rejected.length} articles skipped; ${before}\n`,
    );
    return summary.rejected.length > 0 ? 1 : 0;
  } finally {
    destroy();
  }
}
