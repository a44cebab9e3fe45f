// npm run bench:growth -- T17_DIR [--topic bpoil] [--limit N] [--max-seconds S] [--json]
// Cost per article as a collection grows. The articles of every source of one Timeline17 topic,
// pooled in publication order, are uploaded one at a time to an S3 server (s3rver, in a child
// process) and each goes through the real article function and compactor (an in-process FIFO
// queue between them), as they run in Lambda. Each upload is timed until the view has it, and the
// bytes both functions' S3 clients move are counted; the index's size and this process's RSS are
// sampled after each article. Prints the first 100 against the last 100 articles; stops feeding
// after --max-seconds. Prints numbers; asserts nothing.

import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { LocalFifoQueue } from '../../infra/local-fifo-queue.ts';
import { encodeS3EventKey } from '../adapters/s3-key.ts';
import { createS3Client, S3Storage } from '../adapters/s3-storage.ts';
import { runMain } from '../cli/run-main.ts';
import { UsageError } from '../cli/usage-error.ts';
import { compactorDependencies, createCompactorHandler } from '../compactor-handler.ts';
import { TIMELINES_PREFIX } from '../core/route-key.ts';
import { indexKeyOf, type ViewIndex } from '../core/view.ts';
import { readTimeline17 } from '../eval/timeline17.ts';
import { createHandler, runtimeDependencies } from '../handler.ts';
import { createLogger } from '../logger.ts';
import { NO_METRICS } from '../metrics.ts';
import { viewDocumentKeys } from '../read-view.ts';
import { countS3Bytes, type S3Traffic } from './count-s3-bytes.ts';
import { median } from './median.ts';

const BUCKET = 'growth-bench';
export const DEFAULT_TOPIC = 'bpoil';
export const DEFAULT_MAX_SECONDS = 600;
const WINDOW = 100;
const PROGRESS_EVERY = 50;
const KB = 1024;
const MB = 1024 * 1024;

const USAGE = `npm run bench:growth -- T17_DIR [--topic bpoil] [--limit N] [--max-seconds S] [--json]
  Feeds a Timeline17 topic's articles (all its sources, in publication order) one at a time
  through the article function and the compactor on a local S3 server; prints time and S3 bytes per article for the
  first and the last 100, the timeline's final size, its events and the peak RSS.
  --limit N        the first N articles only (default: all)
  --max-seconds S  stop feeding after S seconds (default ${DEFAULT_MAX_SECONDS}) and say how far it got
  --json           one JSON object instead of the table
`;

/** One article of the corpus, as it will be uploaded. */
export interface GrowthArticle {
  /** The object key: `articles/<topic>/<source folder>/<file>`. */
  readonly key: string;
  /** The folder's date, the reference date relative dates resolve against. */
  readonly published: string;
  readonly text: string;
}

/** An article now in the bucket, with the notification S3 would send for it. */
export interface UploadedArticle {
  readonly bucket: string;
  readonly key: string;
  /** Bytes of the object, as the notification gives them. */
  readonly size: number;
  readonly sequencer: string;
}

/**
 * One design's way from an uploaded article to an updated timeline view. The bench times
 * `applyUpload` and reads `traffic` around it; a design with more functions (a compactor fed by a
 * queue) counts the S3 clients of all of them and resolves once the view says the article.
 */
export interface ViewPipeline {
  readonly name: string;
  /** Resolves when the view includes the article; `rejected` when the article was refused. */
  applyUpload(uploaded: UploadedArticle): Promise<{ readonly rejected: boolean }>;
  /** Bytes and requests of the pipeline's own S3 clients so far (not the uploader's). */
  traffic(): S3Traffic;
  close(): void;
}

/** The notification S3 sends for a put of `uploaded.key` (shaped as events/s3-put.json). */
function putNotification(uploaded: UploadedArticle): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:GROWTHBENCH' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': uploaded.sequencer, 'x-amz-id-2': uploaded.sequencer },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'news-timeline-articles',
          bucket: {
            name: uploaded.bucket,
            ownerIdentity: { principalId: 'GROWTHBENCH' },
            arn: `arn:aws:s3:::${uploaded.bucket}`,
          },
          object: {
            key: encodeS3EventKey(uploaded.key),
            size: uploaded.size,
            eTag: '',
            sequencer: uploaded.sequencer,
          },
        },
      },
    ],
  };
}

/**
 * The design as deployed: the S3 notification invokes the article function, which writes the
 * article's report and sends a message; the compactor takes it from a FIFO queue (in process, as
 * in the local stack) and updates the view. Each function has its own S3 client, as each Lambda
 * has, and both are counted; the compactor keeps its cache between batches, as a warm container
 * does. The view includes the article once the queue is idle.
 */
export function reportPipeline(endpoint: string): ViewPipeline {
  const articleClient = createS3Client({ endpoint });
  const compactorClient = createS3Client({ endpoint });
  const articleTraffic = countS3Bytes(articleClient);
  const compactorTraffic = countS3Bytes(compactorClient);
  const logger = createLogger({ level: 'ERROR' });
  const compactor = createCompactorHandler(
    compactorDependencies(new S3Storage(compactorClient), logger, NO_METRICS),
  );
  const queue = new LocalFifoQueue({ consume: (event) => compactor(event), maxReceiveCount: 1 });
  const handle = createHandler(runtimeDependencies(new S3Storage(articleClient), queue, logger));
  return {
    name: 'article function → report → FIFO queue → compactor → view',
    applyUpload: async (uploaded) => {
      const summary = await handle(putNotification(uploaded));
      await queue.idle();
      if (queue.deadLetters.length > 0) throw new Error(`the compactor failed on ${uploaded.key}`);
      return { rejected: summary.rejected.length > 0 };
    },
    traffic: () => {
      const a = articleTraffic();
      const c = compactorTraffic();
      return {
        bytesRead: a.bytesRead + c.bytesRead,
        bytesWritten: a.bytesWritten + c.bytesWritten,
        requests: a.requests + c.requests,
      };
    },
    close: () => {
      articleClient.destroy();
      compactorClient.destroy();
    },
  };
}

/** The topic's articles from every source folder, pooled, by publication date then key. */
export async function topicArticles(
  dir: string,
  topic: string,
): Promise<{ sources: string[]; articles: GrowthArticle[] }> {
  const sources = (await readTimeline17(dir)).filter((source) => source.topic === topic);
  const articles: GrowthArticle[] = [];
  for (const source of sources) {
    for (const item of source.articles) {
      // The reader's key is `<source folder>/<date>/<file>`; a file name is unique in its folder.
      const file = item.key.slice(item.key.lastIndexOf('/') + 1);
      articles.push({
        key: `articles/${topic}/${source.name}/${file}`,
        published: item.published,
        text: item.text,
      });
    }
  }
  // Plain comparison, not localeCompare: the order must not depend on the host's ICU data.
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  articles.sort((a, b) => compare(a.published, b.published) || compare(a.key, b.key));
  return { sources: sources.map((source) => source.name), articles };
}

/**
 * An S3 server (s3rver) with one bucket, in a temp folder that `close` removes, in a process of
 * its own: the peak RSS measured is then the functions' and the bench's, not the server's.
 */
async function startEmbeddedS3(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'news-timeline-growth-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./s3rver-process.ts', import.meta.url)), directory, BUCKET],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  // A run cut by `timeout` or ^C must not leave the bucket's files or the server behind.
  const removeOnSignal = (signal: NodeJS.Signals) => {
    child.kill();
    rmSync(directory, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', removeOnSignal);
  process.once('SIGTERM', removeOnSignal);
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const line = output.split('\n')[0] as string;
      if (output.includes('\n')) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code} before it listened`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
      await rm(directory, { recursive: true, force: true });
      process.off('SIGINT', removeOnSignal);
      process.off('SIGTERM', removeOnSignal);
    },
  };
}

/** Fixed width: S3 compares sequencers of one key right-padded, so widths must not vary. */
const sequencerOf = (index: number): string => (index + 1).toString(16).toUpperCase().padStart(16, '0');

async function sizeOf(observer: S3Client, key: string): Promise<number> {
  const head = await observer.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
  return head.ContentLength ?? 0;
}

/**
 * The view's documents now: total bytes, the largest chunk, and the index. Walked from the index
 * (HEAD of each document) rather than listed: s3rver 3.7 cannot list past 1,000 keys on Node 17+
 * (its continuation token uses DES, which OpenSSL 3 no longer provides).
 */
async function measureView(
  observer: S3Client,
  topic: string,
): Promise<{ bytes: number; largestShardBytes: number; documents: number; index: ViewIndex }> {
  const read = async (key: string): Promise<string> => {
    const object = await observer.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return (await object.Body?.transformToString('utf-8')) ?? '';
  };
  const indexBody = await read(indexKeyOf(topic));
  const index = JSON.parse(indexBody) as ViewIndex;
  let bytes = Buffer.byteLength(indexBody);
  let largestShardBytes = 0;
  let documents = 1;
  for (const key of await viewDocumentKeys(new S3Storage(observer), BUCKET, index)) {
    if (!key.startsWith(TIMELINES_PREFIX)) continue; // the merge's private state
    const size = await sizeOf(observer, key);
    bytes += size;
    documents += 1;
    if (key.includes('/shards/')) largestShardBytes = Math.max(largestShardBytes, size);
  }
  return { bytes, largestShardBytes, documents, index };
}

/** What one article cost. */
interface ArticleCost {
  readonly ms: number;
  readonly bytesRead: number;
  readonly bytesWritten: number;
  readonly requests: number;
  /** The view's index after the article. */
  readonly indexBytes: number;
  readonly rssBytes: number;
}

/** Time and bytes per article over a run of consecutive articles. */
export interface WindowStats {
  readonly articles: number;
  /** The median. */
  readonly msPerArticle: number;
  readonly p95MsPerArticle: number;
  /** The mean of bytes read plus bytes written. */
  readonly bytesPerArticle: number;
  readonly bytesReadPerArticle: number;
  readonly bytesWrittenPerArticle: number;
  readonly requestsPerArticle: number;
}

export interface GrowthReport {
  readonly topic: string;
  readonly sources: readonly string[];
  readonly available: number;
  readonly pipeline: string;
  readonly maxSeconds: number;
  readonly growth: {
    readonly articles: number;
    readonly rejected: number;
    readonly first100: WindowStats;
    readonly last100: WindowStats;
    /** last100 / first100. */
    readonly ratio: {
      readonly msPerArticle: number;
      readonly p95MsPerArticle: number;
      readonly bytesPerArticle: number;
    };
    /** All the view's documents after the last article (index, article pages, shards). */
    readonly viewBytes: number;
    readonly viewDocuments: number;
    /** The index, which a reader loads first. */
    readonly indexBytes: number;
    /** The largest shard, the most a reader loads for one partition. */
    readonly largestShardBytes: number;
    readonly events: number;
    readonly viewArticles: number;
    /** The larger of the RSS sampled after each article and the OS's maxRSS. */
    readonly peakRssBytes: number;
    readonly sampledPeakRssBytes: number;
    readonly maxRssBytes: number;
    /**
     * V8's heap limit in this process: Node sizes it from the machine's memory, so an
     * unconstrained process lets garbage pile up where a small function would collect it
     * (NODE_OPTIONS=--max-old-space-size=N sets it).
     */
    readonly heapLimitBytes: number;
    /** RSS with the corpus read and the server started, before the first article. */
    readonly rssBeforeBytes: number;
    readonly stoppedEarly: boolean;
    readonly wallSeconds: number;
    readonly handlerSeconds: number;
    readonly uploadSeconds: number;
    readonly readSeconds: number;
  };
}

const mean = (values: readonly number[]): number =>
  values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;

/** Nearest rank: the smallest value with at least `fraction` of the values at or below it. */
function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

function statsOf(costs: readonly ArticleCost[]): WindowStats {
  const ms = costs.map((cost) => cost.ms);
  return {
    articles: costs.length,
    msPerArticle: median(ms),
    p95MsPerArticle: percentile(ms, 0.95),
    bytesPerArticle: mean(costs.map((cost) => cost.bytesRead + cost.bytesWritten)),
    bytesReadPerArticle: mean(costs.map((cost) => cost.bytesRead)),
    bytesWrittenPerArticle: mean(costs.map((cost) => cost.bytesWritten)),
    requestsPerArticle: mean(costs.map((cost) => cost.requests)),
  };
}

export interface GrowthOptions {
  readonly dir: string;
  readonly topic: string;
  readonly limit?: number;
  readonly maxSeconds: number;
  /** Builds the design under test on the server's endpoint (default: {@link reportPipeline}). */
  readonly pipeline?: (endpoint: string) => ViewPipeline;
  /** Every few articles: how many of how many, the seconds so far, and the recent costs in words. */
  readonly onProgress?: (progress: GrowthProgress) => void;
}

/** Where a growth run is, for a progress line. */
export interface GrowthProgress {
  readonly articles: number;
  readonly of: number;
  readonly seconds: number;
  /** "last 50: median 61 ms, 125 KB/article; index 20 KB, RSS 180 MB". */
  readonly note: string;
}

/** Feeds the topic through the pipeline, one article at a time, and measures each. */
export async function measureGrowth(options: GrowthOptions): Promise<GrowthReport> {
  const readStarted = performance.now();
  const { sources, articles } = await topicArticles(options.dir, options.topic);
  if (articles.length === 0) throw new UsageError(`no articles of topic ${options.topic} in ${options.dir}`);
  const selected = articles.slice(0, options.limit ?? articles.length);
  const readSeconds = (performance.now() - readStarted) / 1000;

  const server = await startEmbeddedS3();
  const uploader = createS3Client({ endpoint: server.endpoint });
  const pipeline = (options.pipeline ?? reportPipeline)(server.endpoint);
  const viewKey = indexKeyOf(options.topic);
  const costs: ArticleCost[] = [];
  let rejected = 0;
  let stoppedEarly = false;
  let handlerMs = 0;
  let uploadMs = 0;
  const rssBeforeBytes = process.memoryUsage().rss;
  const started = performance.now();
  try {
    for (const [index, article] of selected.entries()) {
      if ((performance.now() - started) / 1000 >= options.maxSeconds) {
        stoppedEarly = true;
        break;
      }
      const uploadStarted = performance.now();
      await uploader.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: article.key,
          Body: article.text,
          ContentType: 'text/plain; charset=utf-8',
          Metadata: { published: article.published },
        }),
      );
      uploadMs += performance.now() - uploadStarted;

      const before = pipeline.traffic();
      const applyStarted = performance.now();
      const outcome = await pipeline.applyUpload({
        bucket: BUCKET,
        key: article.key,
        size: Buffer.byteLength(article.text),
        sequencer: sequencerOf(index),
      });
      const ms = performance.now() - applyStarted;
      const after = pipeline.traffic();
      handlerMs += ms;
      if (outcome.rejected) rejected += 1;
      costs.push({
        ms,
        bytesRead: after.bytesRead - before.bytesRead,
        bytesWritten: after.bytesWritten - before.bytesWritten,
        requests: after.requests - before.requests,
        indexBytes: await sizeOf(uploader, viewKey),
        rssBytes: process.memoryUsage().rss,
      });
      if (costs.length % PROGRESS_EVERY === 0) {
        const recent = statsOf(costs.slice(-PROGRESS_EVERY));
        const last = costs.at(-1) as ArticleCost;
        options.onProgress?.({
          articles: costs.length,
          of: selected.length,
          seconds: (performance.now() - started) / 1000,
          note:
            `last ${PROGRESS_EVERY}: median ${recent.msPerArticle.toFixed(0)} ms, ` +
            `${(recent.bytesPerArticle / KB).toFixed(0)} KB/article; ` +
            `index ${(last.indexBytes / KB).toFixed(0)} KB, RSS ${(last.rssBytes / MB).toFixed(0)} MB`,
        });
      }
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const view = costs.length > 0 ? await measureView(uploader, options.topic) : undefined;
    const first100 = statsOf(costs.slice(0, WINDOW));
    const last100 = statsOf(costs.slice(-WINDOW));
    const sampledPeakRssBytes = Math.max(rssBeforeBytes, ...costs.map((cost) => cost.rssBytes));
    // maxRSS is in kilobytes (getrusage's ru_maxrss on Linux).
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    const heapLimitBytes = getHeapStatistics().heap_size_limit;
    return {
      topic: options.topic,
      sources,
      available: articles.length,
      pipeline: pipeline.name,
      maxSeconds: options.maxSeconds,
      growth: {
        articles: costs.length,
        rejected,
        first100,
        last100,
        ratio: {
          msPerArticle: last100.msPerArticle / first100.msPerArticle,
          p95MsPerArticle: last100.p95MsPerArticle / first100.p95MsPerArticle,
          bytesPerArticle: last100.bytesPerArticle / first100.bytesPerArticle,
        },
        viewBytes: view?.bytes ?? 0,
        viewDocuments: view?.documents ?? 0,
        indexBytes: costs.at(-1)?.indexBytes ?? 0,
        largestShardBytes: view?.largestShardBytes ?? 0,
        events: view?.index.months.reduce((sum, entry) => sum + entry.events, 0) ?? 0,
        viewArticles: view?.index.articles.count ?? 0,
        peakRssBytes: Math.max(sampledPeakRssBytes, maxRssBytes),
        sampledPeakRssBytes,
        maxRssBytes,
        heapLimitBytes,
        rssBeforeBytes,
        stoppedEarly,
        wallSeconds,
        handlerSeconds: handlerMs / 1000,
        uploadSeconds: uploadMs / 1000,
        readSeconds,
      },
    };
  } finally {
    pipeline.close();
    uploader.destroy();
    await server.close();
  }
}

/** The issue's targets for the whole topic, each met or missed. */
export const GROWTH_TARGETS = { ratio: 1.5, peakRssBytes: 256 * MB, wallSeconds: 180 } as const;

function targetsLine(report: GrowthReport): string {
  const { growth } = report;
  const mark = (met: boolean) => (met ? 'met' : 'MISSED');
  const whole = growth.articles === report.available && !growth.stoppedEarly;
  return [
    `targets: last/first <= ${GROWTH_TARGETS.ratio}x in time ${mark(growth.ratio.msPerArticle <= GROWTH_TARGETS.ratio)}`,
    `in bytes ${mark(growth.ratio.bytesPerArticle <= GROWTH_TARGETS.ratio)}`,
    `peak RSS <= ${GROWTH_TARGETS.peakRssBytes / MB} MB ${mark(growth.peakRssBytes <= GROWTH_TARGETS.peakRssBytes)}`,
    whole
      ? `whole topic < ${GROWTH_TARGETS.wallSeconds} s ${mark(growth.wallSeconds < GROWTH_TARGETS.wallSeconds)}`
      : 'whole topic: not fed',
  ].join('; ');
}

export function formatGrowthReport(report: GrowthReport, limit: number | undefined): string {
  const { growth } = report;
  const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
  const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
  const row = (label: string, stats: WindowStats) =>
    [
      label.padEnd(16),
      String(stats.articles).padStart(8),
      stats.msPerArticle.toFixed(1).padStart(10),
      stats.p95MsPerArticle.toFixed(1).padStart(9),
      (stats.bytesReadPerArticle / KB).toFixed(1).padStart(10),
      (stats.bytesWrittenPerArticle / KB).toFixed(1).padStart(10),
      (stats.bytesPerArticle / KB).toFixed(1).padStart(10),
      stats.requestsPerArticle.toFixed(1).padStart(9),
    ].join(' ');
  const lines = [
    `growth: topic ${report.topic} (${report.sources.join(', ')}): ${growth.articles} of ${report.available} articles` +
      `${limit === undefined ? '' : ` (--limit ${limit})`}, in publication order`,
    `pipeline: ${report.pipeline}; s3rver in a child process`,
    '',
    `${'articles'.padEnd(16)} ${'count'.padStart(8)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(9)} ` +
      `${'KB read'.padStart(10)} ${'KB written'.padStart(10)} ${'KB moved'.padStart(10)} ${'requests'.padStart(9)}`,
    row(`first ${WINDOW}`, growth.first100),
    row(`last ${WINDOW}`, growth.last100),
    [
      'last/first'.padEnd(16),
      ''.padStart(8),
      `${growth.ratio.msPerArticle.toFixed(2)}x`.padStart(10),
      `${growth.ratio.p95MsPerArticle.toFixed(2)}x`.padStart(9),
      ''.padStart(10),
      ''.padStart(10),
      `${growth.ratio.bytesPerArticle.toFixed(2)}x`.padStart(10),
    ].join(' '),
    "(KB per article: bytes both functions' S3 clients read and wrote over HTTP, means; ms: from the notification until the view has the article)",
    '',
    `view: timelines/${report.topic}/ ${kb(growth.viewBytes)} in ${growth.viewDocuments} documents; index ${kb(growth.indexBytes)}, ` +
      `largest shard ${kb(growth.largestShardBytes)}; ${growth.events} events, ${growth.viewArticles} articles` +
      (growth.rejected > 0 ? ` (${growth.rejected} rejected)` : ''),
    `peak RSS: ${mb(growth.peakRssBytes)} (sampled after each article ${mb(growth.sampledPeakRssBytes)}, ` +
      `maxRSS ${mb(growth.maxRssBytes)}; ${mb(growth.rssBeforeBytes)} before the first article; V8 heap limit ${mb(growth.heapLimitBytes)})`,
    `wall: ${growth.wallSeconds.toFixed(1)} s feeding (handler ${growth.handlerSeconds.toFixed(1)} s, ` +
      `uploads ${growth.uploadSeconds.toFixed(1)} s), ${growth.readSeconds.toFixed(1)} s reading the corpus`,
    growth.stoppedEarly
      ? `stopped early: --max-seconds ${report.maxSeconds} passed after ${growth.articles} of ` +
        `${limit === undefined ? report.available : Math.min(limit, report.available)} articles`
      : 'fed every article',
    targetsLine(report),
  ];
  return `${lines.join('\n')}\n`;
}

function positiveNumber(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!(number > 0) || (integer && !Number.isInteger(number)))
    throw new UsageError(
      `--${name} wants a positive ${integer ? 'integer' : 'number'}, not ${JSON.stringify(value)}`,
    );
  return number;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      topic: { type: 'string', default: DEFAULT_TOPIC },
      limit: { type: 'string' },
      'max-seconds': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) throw new UsageError('give exactly one T17_DIR');
  const limit = positiveNumber('limit', values.limit, true);
  const maxSeconds = positiveNumber('max-seconds', values['max-seconds'], false) ?? DEFAULT_MAX_SECONDS;
  const report = await measureGrowth({
    dir,
    topic: values.topic,
    ...(limit === undefined ? {} : { limit }),
    maxSeconds,
    onProgress: ({ articles, of, seconds, note }) =>
      process.stderr.write(`growth: ${articles}/${of} articles, ${seconds.toFixed(1)} s; ${note}\n`),
  });
  process.stdout.write(
    values.json ? `${JSON.stringify(report, null, 2)}\n` : formatGrowthReport(report, limit),
  );
  return 0;
}

// Run as a script; imported (by its test), only the exports.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runMain(main, USAGE);
