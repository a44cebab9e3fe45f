import { readFile } from 'node:fs/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { LocalFifoQueue } from '../../infra/local-fifo-queue.ts';
import { startLocalStack } from '../../infra/local-stack.ts';
import { createS3Client, dialectNamed, S3Storage } from '../adapters/s3-storage.ts';
import { compactorDependencies, createCompactorHandler } from '../compactor-handler.ts';
import { indexKeyOf } from '../core/view.ts';
import { createHandler, runtimeDependencies } from '../handler.ts';
import { createLogger } from '../logger.ts';
import { NO_METRICS } from '../metrics.ts';
import { readWholeTimeline } from '../read-view.ts';
import { rebuildCollection } from '../rebuild-collection.ts';
import type { CommandInput } from './command-line.ts';
import type { GET_FLAGS, INVOKE_FLAGS, REBUILD_FLAGS, SERVE_FLAGS } from './commands.ts';
import { ensurePortFree } from './ensure-port-free.ts';
import { formatTimelineSummary } from './format-summary.ts';
import { startProgress } from './progress.ts';
import { readEventFile } from './read-event-file.ts';
import { timelineText } from './timeline-output.ts';
import { explainViewerPort } from './view-command.ts';

// Each command's flags and usage are in commands.ts; the values arrive here read and checked.

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

export async function serve({ values }: CommandInput<typeof SERVE_FLAGS>): Promise<number> {
  await ensurePortFree(values.port);
  const logger = createLogger({ level: 'WARN' });
  const stack = await startLocalStack({
    port: values.port,
    directory: values.data,
    logger,
    viewerPort: values['viewer-port'],
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
  }).catch((error: unknown) => {
    throw explainViewerPort(error, values['viewer-port'], '--viewer-port');
  });
  process.stdout.write(
    `S3-compatible server: ${stack.endpoint}  bucket: ${stack.bucket}  data: ${values.data}\n`,
  );
  process.stdout.write(`Viewer:               ${stack.viewer?.url}/  (the bucket's timelines, live)\n`);
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
      process.stdout.write(`Whole timeline: news-timeline get ${manifest.collection}\n`);
      process.stdout.write(`Viewer:         ${stack.viewer?.pageOf(manifest.collection)}\n\n`);
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

export async function invoke({ values, positionals }: CommandInput<typeof INVOKE_FLAGS>): Promise<number> {
  const event = await readEventFile(positionals[0] ?? '');
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

export async function get({ values, positionals }: CommandInput<typeof GET_FLAGS>): Promise<number> {
  const collection = positionals[0] ?? '';
  const { storage, destroy } = storageFor(values.endpoint);
  try {
    const timeline = await readWholeTimeline(storage, values.bucket, collection);
    if (!timeline) {
      process.stderr.write(`no timeline: s3://${values.bucket}/${indexKeyOf(collection)} does not exist\n`);
      return 1;
    }
    process.stdout.write(timelineText(timeline, values.format));
    return 0;
  } finally {
    destroy();
  }
}

export async function rebuild({ values, positionals }: CommandInput<typeof REBUILD_FLAGS>): Promise<number> {
  const collection = positionals[0] ?? '';
  const { storage, destroy } = storageFor(values.endpoint, values.dialect);
  const where = `s3://${values.bucket}/${indexKeyOf(collection)}`;
  try {
    const progress = startProgress({ label: 'rebuild', unit: 'articles', forced: values.progress });
    const summary = await rebuildCollection(
      { ...compactorDependencies(storage, createLogger({ level: 'WARN' }), NO_METRICS), articles: storage },
      values.bucket,
      collection,
      ({ read, listed }) => progress.update(read, { total: listed }),
    );
    progress.finish(summary.rejected.length > 0 ? `${summary.rejected.length} skipped` : undefined);
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
