import { execFile } from 'node:child_process';
import { isDeepStrictEqual, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countS3Bytes } from '../../src/bench/count-s3-bytes.ts';
import {
  type CompactorDependencies,
  compactCollection,
  DocumentCache,
} from '../../src/compact-collection.ts';
import { ConflictError } from '../../src/core/errors.ts';
import { MAX_EVENTS_PER_ARTICLE } from '../../src/core/events.ts';
import { type ArticleReport, reportKeyOf } from '../../src/core/report.ts';
import { indexKeyOf, STATE_PREFIX, type ViewIndex, type WholeTimeline } from '../../src/core/view.ts';
import { createHandler, type HandlerEvent } from '../../src/handler.ts';
import type { DocumentStore } from '../../src/ports.ts';
import { rebuildCollection } from '../../src/rebuild-collection.ts';
import { type ReportDependencies, writeReport } from '../../src/write-report.ts';
import { type FaultyProxy, startFaultyProxy } from '../support/faulty-proxy.ts';
import { memoryLogger, memoryMetrics } from '../support/handler-deps.ts';
import { refuseWrites } from '../support/refuse-writes.ts';
import { viewContent } from '../support/view-content.ts';
import {
  type Change,
  checkedDocuments,
  checkedView,
  compareWithBucket,
  deliverInAnyOrder,
  inOrderView,
  inOrderViewInMemory,
  type KeyState,
  radosgwPipeline,
  runChaos,
  tally,
} from './conformance.ts';
import { newBucket, RADOSGW, radosgwClient, radosgwStorage, type TestBucket } from './radosgw.ts';
import {
  notificationOf,
  STORY_METADATA,
  seededRandom,
  sequencerSource,
  shuffled,
  storyText,
} from './story.ts';

const run = promisify(execFile);
const client = radosgwClient();
const storage = radosgwStorage(client);
let s3: TestBucket;
const started = Date.now();

beforeAll(async () => {
  s3 = await newBucket(client, 'conformance');
});

afterAll(() => {
  client.destroy();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `conformance: ${tally.concurrentUploads} concurrent uploads, ${tally.conflictsRetried} conflicts retried, ` +
      `${tally.lost} lost, ${tally.resurrected} resurrected; ${tally.badInputsRejected} bad inputs rejected, ` +
      `${tally.viewsCorrupted} views corrupted (${seconds} s)\n`,
  );
});

let counter = 0;
function nextCollection(label: string): string {
  counter += 1;
  return `${label}-${counter}`;
}

/** What is stored for a collection that must not change: its index (raw body and ETag) and its reports. */
async function snapshot(collection: string) {
  const reports: Record<string, { body: string; etag: string } | undefined> = {};
  for await (const object of storage.list(s3.bucket, `reports/${collection}/`))
    reports[object.key] = await s3.read(object.key);
  return { index: await s3.read(indexKeyOf(collection)), reports };
}

/** A collection with one article in its view. */
async function collectionWithOneArticle(label: string) {
  const collection = nextCollection(label);
  const good = `articles/${collection}/good.txt`;
  await s3.put(good, storyText(90 + counter, 1), STORY_METADATA);
  await radosgwPipeline(client).handler(notificationOf(s3.bucket, good, 'put', '0090'));
  return { collection, good, before: await snapshot(collection) };
}

async function storedReport(key: string): Promise<ArticleReport | undefined> {
  const stored = await s3.read(reportKeyOf(key) as string);
  return stored && (JSON.parse(stored.body) as ArticleReport);
}

const keysOf = (timeline: WholeTimeline | undefined) => timeline?.articles.map((article) => article.key);

describe('deletes stay deleted, old versions never win', () => {
  it.each(Array.from({ length: 10 }, (_, index) => ({ seed: 1001 + index })))(
    'seed $seed: 50 articles, every notification 3 times, shuffled, 10 deletes and 10 new versions, 8 concurrent article functions, one compactor',
    async ({ seed }) => {
      const chaos = await runChaos(client, s3, seed, seededRandom(seed));
      tally.conflictsRetried += chaos.conflicts + chaos.compactorConflicts;
      const view = (await checkedView(client, s3.bucket, chaos.collection))?.timeline;
      const documents = await checkedDocuments(client, s3.bucket, chaos.collection);
      const { lost, resurrected, old } = await compareWithBucket(client, s3.bucket, view, chaos.finalState);
      tally.resurrected += resurrected.length;
      tally.lost += lost.length + old.length;
      process.stdout.write(
        `seed ${seed}: ${chaos.deliveries} deliveries, ${chaos.stale} stale, ${chaos.conflicts} report conflicts retried, ` +
          `${chaos.compactions} compactions (${chaos.compactorConflicts} conflicts, ${chaos.deadLetters} dead letters), ` +
          `${documents.leftOver.length} documents left over, ` +
          `${chaos.failedInvocations} invocations failed and redelivered${chaos.failures.length ? ` (${[...new Set(chaos.failures)].join(' | ')})` : ''}\n`,
      );
      expect(resurrected).toEqual([]);
      expect(lost).toEqual([]);
      expect(old).toEqual([]);
      expect(chaos.deadLetters).toBe(0);
      const expected = await inOrderView(client, `reference-${seed}`, chaos.collection, chaos.finalState);
      expect(viewContent(view as WholeTimeline)).toEqual(viewContent(expected as WholeTimeline));
    },
  );
});

describe('concurrency', () => {
  it('lands 500 different articles uploaded at once, the article function invoked concurrently for all, then survives 3 shuffled redeliveries of everything with deletes and new versions', async () => {
    const collection = 'five-hundred';
    const keyOf = (index: number) =>
      `articles/${collection}/${index % 10 === 0 ? `dépêche ${index}` : `a${index}`}.txt`;
    const keys = Array.from({ length: 500 }, (_, index) => keyOf(index));
    // Article function containers on clients of their own, the compactor on another, as deployed.
    const containers = Array.from({ length: 8 }, () => radosgwClient());
    const compactorClient = radosgwClient();
    const traffic = [...containers, compactorClient].map((each) => countS3Bytes(each));
    const moved = () =>
      traffic.reduce((sum, read) => {
        const { bytesRead, bytesWritten } = read();
        return sum + bytesRead + bytesWritten;
      }, 0);
    const pipeline = radosgwPipeline(client, { compactorClient, maxReceiveCount: 3 });
    const nextSequencer = sequencerSource();
    const finalState = new Map<string, KeyState>();

    const uploads = await Promise.all(
      keys.map(async (key, index) => {
        const body = storyText(index, 1);
        return { key, body, etag: await s3.put(key, body, STORY_METADATA) };
      }),
    );
    const notifications: HandlerEvent[] = uploads.map(({ key, body, etag }) => {
      const sequencer = nextSequencer();
      finalState.set(key, { kind: 'put', sequencer, body, etag });
      return notificationOf(s3.bucket, key, 'put', sequencer, etag);
    });
    let failed = 0;
    const failures: string[] = [];
    const start = performance.now();
    await Promise.all(
      notifications.map((event, index) =>
        pipeline
          .articleFunction(containers[index % containers.length])(event)
          .catch((error: unknown) => {
            failed += 1;
            failures.push(String(error));
          }),
      ),
    );
    await pipeline.queue.idle();
    const complete = (performance.now() - start) / 1000;
    const bytes = moved();
    const compactions = pipeline.compactions.length;
    const first = (await checkedView(client, s3.bucket, collection))?.timeline;
    const firstCheck = await compareWithBucket(client, s3.bucket, first, finalState);
    const firstExpected = await inOrderViewInMemory(collection, finalState);
    const firstEqual = isDeepStrictEqual(
      viewContent(first as WholeTimeline),
      viewContent(firstExpected as WholeTimeline),
    );
    const firstDeadLetters = pipeline.deadLetters.length;

    // Every notification 3 more times, shuffled, while 50 articles are deleted and 50 replaced.
    const random = seededRandom(500);
    const picked = shuffled(
      Array.from({ length: 500 }, (_, index) => index),
      random,
    );
    const changes: Change[] = shuffled(
      [
        ...picked
          .slice(0, 50)
          .map((index) => ({ key: keyOf(index), kind: 'delete' as const, version: 0, story: index })),
        ...picked
          .slice(50, 100)
          .map((index) => ({ key: keyOf(index), kind: 'put' as const, version: 2, story: index })),
      ],
      random,
    );
    const again = performance.now();
    const redelivery = await deliverInAnyOrder({
      s3,
      pipeline,
      containers,
      changes,
      redelivered: shuffled(
        notifications.flatMap((event) => [event, event, event]),
        random,
      ),
      finalState,
      nextSequencer,
      random,
      workers: 64,
    });
    await pipeline.queue.idle();
    const againSeconds = (performance.now() - again) / 1000;
    const second = (await checkedView(client, s3.bucket, collection))?.timeline;
    await checkedDocuments(client, s3.bucket, collection);
    const secondCheck = await compareWithBucket(client, s3.bucket, second, finalState);
    const secondExpected = await inOrderViewInMemory(collection, finalState);
    const secondEqual = isDeepStrictEqual(
      viewContent(second as WholeTimeline),
      viewContent(secondExpected as WholeTimeline),
    );
    for (const container of [...containers, compactorClient]) container.destroy();

    const lost = firstCheck.lost.length + firstCheck.old.length;
    const lostAfter = secondCheck.lost.length + secondCheck.old.length;
    const deadLetters = pipeline.deadLetters.length;
    tally.concurrentUploads += keys.length;
    tally.lost += lost + lostAfter;
    tally.resurrected += secondCheck.resurrected.length;
    tally.conflictsRetried +=
      redelivery.conflicts + pipeline.compactions.reduce((sum, outcome) => sum + outcome.conflicts, 0);
    const merged = first?.events.filter((event) => new Set(event.sources.map((s) => s.article)).size > 1);
    process.stdout.write(
      `concurrency: 500 uploads, ${failed + firstDeadLetters} failed, ${lost} lost, equal to in-order: ${firstEqual ? 'yes' : 'no'}; ` +
        `view complete in ${complete.toFixed(1)} s, ${(bytes / 1024 / 1024).toFixed(1)} MB moved by the functions, ` +
        `${compactions} compactions, ${first?.events.length} events (${merged?.length} from several articles); ` +
        `then ${redelivery.deliveries} deliveries (every notification 3 more times, 50 deletes, 50 new versions) in ` +
        `${againSeconds.toFixed(1)} s: ${redelivery.failedInvocations} failed, ${deadLetters - firstDeadLetters} dead letters, ` +
        `${lostAfter} lost, ${secondCheck.resurrected.length} resurrected, ${redelivery.stale} stale, ` +
        `${redelivery.conflicts} conflicts retried, equal to in-order: ${secondEqual ? 'yes' : 'no'}\n`,
    );
    expect(failures).toEqual([]);
    expect(firstDeadLetters).toBe(0);
    expect(firstCheck).toEqual({ lost: [], resurrected: [], old: [] });
    expect(first?.articles).toHaveLength(500);
    expect(merged?.length).toBeGreaterThan(0);
    expect(viewContent(first as WholeTimeline)).toEqual(viewContent(firstExpected as WholeTimeline));
    expect(redelivery.failures).toEqual([]);
    expect(deadLetters).toBe(0);
    expect(secondCheck).toEqual({ lost: [], resurrected: [], old: [] });
    expect(second?.articles).toHaveLength(450);
    expect(viewContent(second as WholeTimeline)).toEqual(viewContent(secondExpected as WholeTimeline));
  }, 300_000);
});

/** A store whose first `parties` reads of keys starting with `prefix` wait for one another: the writes after them race. */
function racingReads(base: DocumentStore, prefix: string, parties: number): DocumentStore {
  let waiting = 0;
  let release: () => void = () => {};
  const barrier = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    read: async (bucket, key, knownEtag) => {
      const stored = await base.read(bucket, key, knownEtag);
      if (key.startsWith(prefix) && waiting < parties) {
        waiting += 1;
        if (waiting === parties) release();
        await barrier;
      }
      return stored;
    },
    write: (bucket, key, body, condition) => base.write(bucket, key, body, condition),
    remove: (bucket, key) => base.remove(bucket, key),
    etagOf: (bucket, key) => base.etagOf(bucket, key),
    list: (bucket, prefix) => base.list(bucket, prefix),
  };
}

/** Reports written without a compaction (the queue told nothing), for the compactor tests. */
function reportOnlyDependencies(): ReportDependencies {
  return {
    articles: storage,
    documents: storage,
    queue: { send: async () => {} },
    logger: memoryLogger(),
    metrics: memoryMetrics(),
    sleep: async () => {},
    maxAttempts: 8,
  };
}

function compactorDependencies(documents: DocumentStore, overrides: Partial<CompactorDependencies> = {}) {
  const logger = memoryLogger();
  const metrics = memoryMetrics();
  const deps: CompactorDependencies = {
    documents,
    cache: new DocumentCache(),
    logger,
    metrics,
    now: () => new Date('2018-11-09T00:00:00.000Z'),
    sleep: async () => {},
    maxAttempts: 8,
    ...overrides,
  };
  return { deps, logs: logger.logs, counted: metrics.counted };
}

describe('the article function’s compare-and-swap on its report', () => {
  it.each([
    { name: 'a stale If-Match (the report exists)', existing: true },
    { name: 'a creation race (If-None-Match: *)', existing: false },
  ])(
    'loses $name with a real 412, reads again, and the later notification’s version stays',
    async ({ existing }) => {
      const collection = nextCollection(`report-race-${existing ? 'update' : 'create'}`);
      const key = `articles/${collection}/a.txt`;
      const pipeline = radosgwPipeline(client);
      if (existing) {
        await s3.put(key, storyText(30, 1), STORY_METADATA);
        await pipeline.handler(notificationOf(s3.bucket, key, 'put', '0001'));
      }
      const etag = await s3.put(key, storyText(30, 2), STORY_METADATA);
      const racing = createHandler({ ...pipeline.deps, documents: racingReads(storage, 'reports/', 2) });
      const summaries = await Promise.all([
        racing(notificationOf(s3.bucket, key, 'put', '000A', etag)),
        racing(notificationOf(s3.bucket, key, 'put', '000B', etag)),
      ]);
      await pipeline.queue.idle();
      const outcomes = summaries.flatMap((summary) => summary.synced);
      expect(outcomes.map((outcome) => outcome.conflicts).sort()).toEqual([0, 1]);
      // Whoever won, the loser read the winner's report: as the later notification it wrote over
      // it, as the earlier it found itself stale.
      expect(outcomes.filter((outcome) => outcome.conflicts === 0)[0]?.result).toBe('updated');
      expect(['updated', 'stale']).toContain(outcomes.find((outcome) => outcome.conflicts === 1)?.result);
      expect(pipeline.counted.filter((metric) => metric.name === 'ConflictsRetried')).toHaveLength(1);
      tally.conflictsRetried += 1;
      expect(await storedReport(key)).toMatchObject({ sequencer: '000B', article: { etag } });
      const view = (await checkedView(client, s3.bucket, collection))?.timeline;
      expect(view?.articles).toEqual([expect.objectContaining({ key, etag })]);
    },
  );

  it('gives up after its attempts with jittered, growing waits, writes nothing of its own and tells no one', async () => {
    const { collection, good } = await collectionWithOneArticle('report-always-lost');
    const etag = await s3.put(good, storyText(41, 2), STORY_METADATA);
    const pipeline = radosgwPipeline(client, { maxAttempts: 5 });
    const waits: number[] = [];
    let meddled = 0;
    const reportKey = reportKeyOf(good) as string;
    // Someone else writes the report between every read and write of ours: a real 412 each time.
    const documents: DocumentStore = {
      read: (bucket, key, known) => storage.read(bucket, key, known),
      etagOf: (bucket, key) => storage.etagOf(bucket, key),
      list: (bucket, prefix) => storage.list(bucket, prefix),
      remove: (bucket, key) => storage.remove(bucket, key),
      write: async (bucket, key, body, condition) => {
        if (key === reportKey) {
          const theirs = await storage.read(bucket, key);
          if (theirs === undefined || theirs === 'not-modified') throw new Error('no report to meddle with');
          meddled += 1;
          const report = JSON.parse(theirs.body) as ArticleReport;
          await storage.write(bucket, key, JSON.stringify({ ...report, extractor: `meddler-${meddled}` }), {
            ifMatch: theirs.etag,
          });
        }
        return storage.write(bucket, key, body, condition);
      },
    };
    const handler = createHandler({
      ...pipeline.deps,
      documents,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await expect(handler(notificationOf(s3.bucket, good, 'put', '0091', etag))).rejects.toThrow(
      /1 of 1 records failed/,
    );
    await pipeline.queue.idle();
    expect(meddled).toBe(5);
    expect(waits).toHaveLength(4);
    waits.forEach((wait, index) => {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(Math.min(2000, 50 * 2 ** (index + 1)));
    });
    expect(new Set(waits).size).toBe(4);
    tally.conflictsRetried += 4;
    const failure = pipeline.logs.find((log) => log.level === 'error');
    expect(failure).toMatchObject({ bucket: s3.bucket, key: good, message: 'failed to write the report' });
    expect(failure?.error).toBeInstanceOf(ConflictError);
    expect(pipeline.counted).toContainEqual({ name: 'RecordsFailed', value: 1 });
    // The meddler's report, never ours; no message, so the view still has the first version.
    expect(await storedReport(good)).toMatchObject({ sequencer: '0090', extractor: 'meddler-5' });
    expect(pipeline.compactions).toEqual([]);
    const view = (await checkedView(client, s3.bucket, collection))?.timeline;
    expect(view?.articles[0]?.etag).not.toBe(etag);
  });

  it('retries a 409 (a conditional write in flight, as AWS answers) and lands', async () => {
    const { collection, good } = await collectionWithOneArticle('report-409');
    const etag = await s3.put(good, storyText(42, 2), STORY_METADATA);
    const container = radosgwClient();
    const refusal = refuseWrites(container, {
      which: (key) => key.startsWith('reports/'),
      status: 409,
      times: 2,
    });
    const pipeline = radosgwPipeline(container, { compactorClient: client });
    const summary = await pipeline.handler(notificationOf(s3.bucket, good, 'put', '0091', etag));
    expect(refusal.refused).toBe(2);
    expect(summary.synced[0]).toMatchObject({ result: 'updated', attempts: 3, conflicts: 2 });
    tally.conflictsRetried += 2;
    const view = (await checkedView(client, s3.bucket, collection))?.timeline;
    expect(view?.articles).toEqual([expect.objectContaining({ key: good, etag })]);
    container.destroy();
  });
});

describe('the compactor’s compare-and-swap on the index', () => {
  it.each([
    { name: 'a stale If-Match (the index exists)', existing: true },
    { name: 'a creation race (If-None-Match: *)', existing: false },
  ])(
    'loses $name with a real 412, compacts again from the new index and keeps both batches',
    async ({ existing }) => {
      const collection = nextCollection(`index-race-${existing ? 'update' : 'create'}`);
      const key = (name: string) => `articles/${collection}/${name}.txt`;
      if (existing) {
        await s3.put(key('zero'), storyText(33, 1), STORY_METADATA);
        await radosgwPipeline(client).handler(notificationOf(s3.bucket, key('zero'), 'put', '0001'));
      }
      const reports = reportOnlyDependencies();
      for (const [index, name] of ['first', 'second', 'third'].entries()) {
        await s3.put(key(name), storyText(34 + index, 1), STORY_METADATA);
        await writeReport(reports, s3.bucket, key(name), { sequencer: '0002' });
      }
      // Two compactors (a second container after a visibility timeout, or a rebuild) read the
      // same index, then both commit.
      const racing = racingReads(storage, indexKeyOf(collection), 2);
      const a = compactorDependencies(racing);
      const b = compactorDependencies(racing);
      const outcomes = await Promise.all([
        compactCollection(a.deps, s3.bucket, collection, [key('first')]),
        compactCollection(b.deps, s3.bucket, collection, [key('second'), key('third')]),
      ]);
      expect(outcomes.map((outcome) => outcome.result)).toEqual(['updated', 'updated']);
      expect(outcomes.map((outcome) => outcome.conflicts).sort()).toEqual([0, 1]);
      expect(
        [...a.counted, ...b.counted].filter((metric) => metric.name === 'ConflictsRetried'),
      ).toHaveLength(1);
      expect(
        [...a.logs, ...b.logs].some((log) => log.message.includes('the view changed while it was compacted')),
      ).toBe(true);
      tally.conflictsRetried += 1;
      const view = (await checkedView(client, s3.bucket, collection))?.timeline;
      await checkedDocuments(client, s3.bucket, collection);
      expect(keysOf(view)).toEqual(
        [...(existing ? [key('zero')] : []), key('first'), key('second'), key('third')].sort(),
      );
    },
  );

  it('gives up after its attempts with jittered, growing waits; the batch fails and is dead-lettered, the view is the other writer’s', async () => {
    const { collection, before } = await collectionWithOneArticle('index-always-lost');
    const key = `articles/${collection}/mine.txt`;
    await s3.put(key, storyText(43, 1), STORY_METADATA);
    const indexKey = indexKeyOf(collection);
    const waits: number[] = [];
    let meddled = 0;
    // Someone else commits the index between every read and write of ours: a real 412 each time.
    const documents: DocumentStore = {
      read: (bucket, name, known) => storage.read(bucket, name, known),
      etagOf: (bucket, name) => storage.etagOf(bucket, name),
      list: (bucket, prefix) => storage.list(bucket, prefix),
      remove: (bucket, name) => storage.remove(bucket, name),
      write: async (bucket, name, body, condition) => {
        if (name === indexKey) {
          const theirs = await storage.read(bucket, name);
          if (theirs === undefined || theirs === 'not-modified') throw new Error('no index to meddle with');
          meddled += 1;
          const index = JSON.parse(theirs.body) as ViewIndex;
          await storage.write(
            bucket,
            name,
            JSON.stringify({ ...index, updatedAt: `2018-12-0${meddled}T00:00:00.000Z` }),
            {
              ifMatch: theirs.etag,
            },
          );
        }
        return storage.write(bucket, name, body, condition);
      },
    };
    const compactor = compactorDependencies(documents, {
      maxAttempts: 5,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await writeReport(reportOnlyDependencies(), s3.bucket, key, { sequencer: '0091' });
    await expect(compactCollection(compactor.deps, s3.bucket, collection, [key])).rejects.toThrow(
      ConflictError,
    );
    expect(meddled).toBe(5);
    expect(waits).toHaveLength(4);
    waits.forEach((wait, index) => {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(Math.min(2000, 50 * 2 ** (index + 1)));
    });
    expect(new Set(waits).size).toBe(4);
    tally.conflictsRetried += 4;
    const index = JSON.parse((await s3.read(indexKey))?.body ?? '{}') as ViewIndex;
    expect(index).toEqual({
      ...JSON.parse(before.index?.body ?? '{}'),
      updatedAt: '2018-12-05T00:00:00.000Z',
    });
    expect(keysOf((await checkedView(client, s3.bucket, collection))?.timeline)).toEqual([
      `articles/${collection}/good.txt`,
    ]);

    // Through the queue, as deployed: the batch fails and, after its receives, is dead-lettered.
    const compactorClient = radosgwClient();
    const always = refuseWrites(compactorClient, {
      which: (name) => name === indexKey,
      status: 412,
      times: Number.POSITIVE_INFINITY,
    });
    const pipeline = radosgwPipeline(client, { compactorClient, maxAttempts: 2, maxReceiveCount: 2 });
    await pipeline.handler(notificationOf(s3.bucket, key, 'put', '0092'));
    // Two deliveries of two attempts each.
    expect(always.refused).toBe(4);
    expect(pipeline.deadLetters).toEqual([{ bucket: s3.bucket, collection, key }]);
    expect(
      pipeline.logs.some((log) => log.level === 'error' && log.message === 'failed to compact the view'),
    ).toBe(true);
    expect((await s3.read(indexKey))?.body).toBe(JSON.stringify(index));
    compactorClient.destroy();
  });
});

describe('an article replaced while it is read', () => {
  it('reads it again when it changes between its HEAD and its GET, and the new version lands', async () => {
    const collection = nextCollection('replaced');
    const key = `articles/${collection}/a.txt`;
    await s3.put(key, storyText(60, 1), STORY_METADATA);
    const reader = radosgwClient();
    let replaced: string | undefined;
    // A real concurrent upload, right before the article function's first GET of the article.
    reader.middlewareStack.add(
      (next, context) => async (args) => {
        if (
          context.commandName === 'GetObjectCommand' &&
          (args.input as { Key?: string }).Key === key &&
          !replaced
        )
          replaced = await s3.put(key, storyText(60, 2), STORY_METADATA);
        return next(args);
      },
      { step: 'initialize', name: 'replaceBeforeGet' },
    );
    const pipeline = radosgwPipeline(reader, { compactorClient: client });
    const summary = await pipeline.handler(notificationOf(s3.bucket, key, 'put', '0070'));
    expect(summary.synced[0]).toMatchObject({ result: 'updated', action: 'upsert', attempts: 2 });
    expect(pipeline.logs.some((log) => log.message.includes('changed while being read'))).toBe(true);
    expect((await storedReport(key))?.article?.etag).toBe(replaced);
    const view = (await checkedView(client, s3.bucket, collection))?.timeline;
    expect(view?.articles[0]?.etag).toBe(replaced);
    reader.destroy();
  });
});

describe('faults between the functions and S3', () => {
  let proxy: FaultyProxy;
  beforeAll(async () => {
    proxy = await startFaultyProxy(RADOSGW.endpoint);
  });
  afterAll(async () => {
    await proxy.close();
  });

  /** A collection with one article in its view, a second article to sync, and a client through the proxy. */
  async function prepare() {
    const { collection, good, before } = await collectionWithOneArticle('faults');
    const second = `articles/${collection}/second.txt`;
    await s3.put(second, storyText(70 + counter, 1), STORY_METADATA);
    const proxied = radosgwClient({ endpoint: proxy.endpoint, requestTimeoutMs: 500 });
    return { collection, good, second, before, proxied };
  }

  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pathOf = (collection: string, on: string) =>
    ({
      report: new RegExp(`/reports/${escaped(collection)}/second\\.txt\\.json$`),
      article: new RegExp(`/articles/${escaped(collection)}/second\\.txt$`),
      index: new RegExp(`/timelines/${escaped(collection)}/index\\.json$`),
      shard: new RegExp(`/timelines/${escaped(collection)}/shards/`),
      state: new RegExp(`/${STATE_PREFIX}${escaped(collection)}/partitions/`),
    })[on] as RegExp;
  /** Which function's client goes through the proxy. */
  const functionOf = (on: string) => (on === 'report' || on === 'article' ? 'article' : 'compactor');
  const pipelineFor = (on: string, proxied: S3Client) =>
    functionOf(on) === 'article'
      ? radosgwPipeline(proxied, { compactorClient: client })
      : radosgwPipeline(client, { compactorClient: proxied });

  it.each([
    {
      name: '503 SlowDown twice on GET of the report',
      method: 'GET',
      on: 'report',
      fault: { kind: 'status', status: 503, code: 'SlowDown' },
    },
    {
      name: '500 InternalError twice on PUT of the report',
      method: 'PUT',
      on: 'report',
      fault: { kind: 'status', status: 500, code: 'InternalError' },
    },
    {
      name: '503 ServiceUnavailable twice on GET of the article',
      method: 'GET',
      on: 'article',
      fault: { kind: 'status', status: 503, code: 'ServiceUnavailable' },
    },
    { name: 'a timeout twice on GET of the article', method: 'GET', on: 'article', fault: { kind: 'hang' } },
    { name: 'a timeout twice on PUT of the report', method: 'PUT', on: 'report', fault: { kind: 'hang' } },
    {
      name: '503 SlowDown twice on GET of the index',
      method: 'GET',
      on: 'index',
      fault: { kind: 'status', status: 503, code: 'SlowDown' },
    },
    {
      name: '500 InternalError twice on PUT of the index',
      method: 'PUT',
      on: 'index',
      fault: { kind: 'status', status: 500, code: 'InternalError' },
    },
    {
      name: '503 twice on GET of a partition state',
      method: 'GET',
      on: 'state',
      fault: { kind: 'status', status: 503, code: 'SlowDown' },
    },
    { name: 'a timeout twice on PUT of a shard', method: 'PUT', on: 'shard', fault: { kind: 'hang' } },
    { name: 'a timeout twice on PUT of the index', method: 'PUT', on: 'index', fault: { kind: 'hang' } },
  ] as const)('retries $name (the SDK), and the article lands', async ({ method, on, fault }) => {
    const { collection, good, second, proxied } = await prepare();
    proxy.clear();
    const injected = proxy.inject({ method, path: pathOf(collection, on), times: 2, fault });
    const pipeline = pipelineFor(on, proxied);
    const summary = await pipeline.handler(notificationOf(s3.bucket, second, 'put', '0081'));
    expect(injected.hits).toBe(2);
    expect(summary.synced[0]).toMatchObject({ action: 'upsert', result: 'updated' });
    expect(pipeline.deadLetters).toEqual([]);
    expect(keysOf((await checkedView(client, s3.bucket, collection))?.timeline)).toEqual([good, second]);
    await checkedDocuments(client, s3.bucket, collection);
    proxied.destroy();
  });

  it.each([
    { name: 'the report', on: 'report', outcome: { result: 'unchanged', conflicts: 1 } },
    { name: 'the index', on: 'index', outcome: { result: 'updated', conflicts: 0 } },
  ] as const)(
    'survives a write of $name whose answer was lost: the retry meets its own write (412) and finds it done',
    async ({ on, outcome }) => {
      const { collection, good, second, proxied } = await prepare();
      proxy.clear();
      const injected = proxy.inject({
        method: 'PUT',
        path: pathOf(collection, on),
        times: 1,
        fault: { kind: 'drop-response' },
      });
      const pipeline = pipelineFor(on, proxied);
      const summary = await pipeline.handler(notificationOf(s3.bucket, second, 'put', '0081'));
      expect(injected.hits).toBe(1);
      expect(summary.synced[0]).toMatchObject({ action: 'upsert', ...outcome });
      // The index's commit is found done (its stored body is ours), and what it replaced is
      // deleted all the same: nothing is left that no index points at.
      if (on === 'index')
        expect(pipeline.compactions).toEqual([expect.objectContaining({ attempts: 1, conflicts: 0 })]);
      else tally.conflictsRetried += 1;
      expect(keysOf((await checkedView(client, s3.bucket, collection))?.timeline)).toEqual([good, second]);
      expect((await checkedDocuments(client, s3.bucket, collection)).leftOver).toEqual([]);
      proxied.destroy();
    },
  );

  it.each([
    {
      name: '503 SlowDown on every PUT of the report',
      method: 'PUT',
      on: 'report',
      fault: { kind: 'status', status: 503, code: 'SlowDown' },
    },
    {
      name: '500 on every GET of the report',
      method: 'GET',
      on: 'report',
      fault: { kind: 'status', status: 500, code: 'InternalError' },
    },
    { name: 'a timeout on every GET of the article', method: 'GET', on: 'article', fault: { kind: 'hang' } },
  ] as const)('fails the invocation on $name, and nothing stored changes', async ({ method, on, fault }) => {
    const { collection, second, before, proxied } = await prepare();
    proxy.clear();
    const injected = proxy.inject({
      method,
      path: pathOf(collection, on),
      times: Number.POSITIVE_INFINITY,
      fault,
    });
    const pipeline = pipelineFor(on, proxied);
    await expect(pipeline.handler(notificationOf(s3.bucket, second, 'put', '0081'))).rejects.toThrow(
      /1 of 1 records failed/,
    );
    expect(injected.hits).toBeGreaterThanOrEqual(3);
    expect(
      pipeline.logs.some((log) => log.level === 'error' && log.key === second && log.bucket === s3.bucket),
    ).toBe(true);
    expect(pipeline.compactions).toEqual([]);
    expect(await snapshot(collection)).toEqual(before);
    await checkedView(client, s3.bucket, collection);
    proxied.destroy();
  });

  it.each([
    {
      name: '503 SlowDown on every PUT of the index',
      method: 'PUT',
      on: 'index',
      fault: { kind: 'status', status: 503, code: 'SlowDown' },
    },
    {
      name: '500 on every GET of a partition state',
      method: 'GET',
      on: 'state',
      fault: { kind: 'status', status: 500, code: 'InternalError' },
    },
    { name: 'a timeout on every PUT of a shard', method: 'PUT', on: 'shard', fault: { kind: 'hang' } },
  ] as const)(
    'fails the batch on $name, dead-letters it with the index untouched, and lands it when sent again',
    async ({ method, on, fault }) => {
      const { collection, good, second, before, proxied } = await prepare();
      proxy.clear();
      const injected = proxy.inject({
        method,
        path: pathOf(collection, on),
        times: Number.POSITIVE_INFINITY,
        fault,
      });
      const pipeline = pipelineFor(on, proxied);
      const summary = await pipeline.handler(notificationOf(s3.bucket, second, 'put', '0081'));
      expect(summary.synced[0]).toMatchObject({ result: 'updated' });
      expect(injected.hits).toBeGreaterThanOrEqual(3);
      expect(pipeline.deadLetters).toEqual([{ bucket: s3.bucket, collection, key: second }]);
      expect(
        pipeline.logs.some((log) => log.level === 'error' && log.message === 'failed to compact the view'),
      ).toBe(true);
      expect((await snapshot(collection)).index).toEqual(before.index);
      // The dead letter redriven once S3 answers again.
      proxy.clear();
      await pipeline.queue.send(pipeline.deadLetters[0] as never, 'redrive');
      await pipeline.queue.idle();
      expect(keysOf((await checkedView(client, s3.bucket, collection))?.timeline)).toEqual([good, second]);
      proxied.destroy();
    },
  );
});

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
const PDF = new Uint8Array([
  ...new TextEncoder().encode('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<< /Length 5 >>\nstream\n'),
  0,
  1,
  2,
  0,
  3,
]);

describe('bad input: one clear error naming bucket, key and reason; nothing stored lost', () => {
  it.each([
    { name: 'an empty object', file: 'empty.txt', body: '', code: 'empty' },
    { name: 'a PNG', file: 'photo.png', body: PNG, code: 'binary' },
    { name: 'a PDF', file: 'report.pdf', body: PDF, code: 'binary' },
    { name: 'gzip', file: 'story.txt.gz', body: gzipSync('The envoy left on Monday.'), code: 'binary' },
    {
      name: 'malformed JSON',
      file: 'story.json',
      body: '{"title": "Talks", "body": ',
      code: 'malformed-json',
    },
    { name: 'JSON without a body', file: 'story.json', body: '{"title": "Talks"}', code: 'no-text' },
    {
      name: 'HTML with no visible text',
      file: 'story.html',
      body: '<html><script>var a = "Monday";</script><style>p{}</style></html>',
      code: 'no-text',
    },
    { name: 'an unknown extension holding binary', file: 'story.bin', body: PNG, code: 'binary' },
  ])('refuses $name', async ({ file, body, code }) => {
    const { collection, before } = await collectionWithOneArticle('bad');
    const key = `articles/${collection}/${file}`;
    await s3.put(key, body, STORY_METADATA);
    const pipeline = radosgwPipeline(client);
    const summary = await pipeline.handler(notificationOf(s3.bucket, key, 'put', '0091'));
    expect(summary.rejected).toEqual([expect.objectContaining({ key, code })]);
    expect(pipeline.logs.filter((log) => log.level === 'error')).toEqual([
      expect.objectContaining({ bucket: s3.bucket, key, code, reason: expect.any(String) }),
    ]);
    expect(pipeline.counted).toContainEqual({
      name: 'InputsRejected',
      value: 1,
      dimensions: { reason: code },
    });
    expect(pipeline.compactions).toEqual([]);
    expect(await snapshot(collection)).toEqual(before);
    tally.badInputsRejected += 1;
  });

  it('keeps the last readable version of an article replaced by an unreadable one', async () => {
    const { collection, good, before } = await collectionWithOneArticle('bad');
    await s3.put(good, PNG, STORY_METADATA);
    const pipeline = radosgwPipeline(client);
    const summary = await pipeline.handler(notificationOf(s3.bucket, good, 'put', '0091'));
    expect(summary.rejected).toEqual([expect.objectContaining({ key: good, code: 'binary' })]);
    expect(await snapshot(collection)).toEqual(before);
    tally.badInputsRejected += 1;
  });

  it('refuses an article over the size limit from its size, without reading its body', async () => {
    const { collection, before } = await collectionWithOneArticle('bad');
    const key = `articles/${collection}/huge.txt`;
    await s3.put(key, 'a'.repeat(5 * 1024 * 1024 + 1), STORY_METADATA);
    const proxy = await startFaultyProxy(RADOSGW.endpoint);
    // Any GET of the body would fail the invocation: the refusal must come from HEAD alone.
    const gets = proxy.inject({
      method: 'GET',
      path: /\/huge\.txt$/,
      times: Number.POSITIVE_INFINITY,
      fault: { kind: 'status', status: 500, code: 'InternalError' },
    });
    const proxied = radosgwClient({ endpoint: proxy.endpoint });
    const pipeline = radosgwPipeline(proxied);
    const summary = await pipeline.handler(notificationOf(s3.bucket, key, 'put', '0091'));
    expect(gets.hits).toBe(0);
    expect(summary.rejected).toEqual([expect.objectContaining({ key, code: 'too-large' })]);
    expect(pipeline.logs.filter((log) => log.level === 'error')).toEqual([
      expect.objectContaining({
        bucket: s3.bucket,
        key,
        reason: expect.stringMatching(/too large: 5242881 bytes/),
      }),
    ]);
    expect(await snapshot(collection)).toEqual(before);
    tally.badInputsRejected += 1;
    proxied.destroy();
    await proxy.close();
  });

  it.each([
    { name: 'articles/../a.txt', key: 'articles/../a.txt' },
    { name: 'articles/./a.txt', key: 'articles/./a.txt' },
    { name: 'articles//a.txt', key: 'articles//a.txt' },
    // 1,022 bytes, so its report key would be 1,026 (radosgw refuses such keys; AWS takes 1,024).
    { name: 'of 1,022 bytes', key: `articles/long/${'x'.repeat(1004)}.txt`, upload: false },
  ])(
    'refuses the key $name: it cannot name a view or a report, and nothing is written for it',
    async ({ key, upload }) => {
      if (upload !== false) await s3.put(key, storyText(99, 1), STORY_METADATA);
      const pipeline = radosgwPipeline(client);
      const summary = await pipeline.handler(notificationOf(s3.bucket, key, 'put', '0091'));
      expect(summary.rejected).toEqual([expect.objectContaining({ key, code: 'bad-key' })]);
      expect(pipeline.logs.filter((log) => log.level === 'error')).toEqual([
        expect.objectContaining({ bucket: s3.bucket, key }),
      ]);
      expect(pipeline.compactions).toEqual([]);
      if (upload !== false) expect(await s3.read(reportKeyOf(key) as string)).toBeUndefined();
      for (const name of ['..', '.', '', 'long']) expect(await s3.read(indexKeyOf(name))).toBeUndefined();
      tally.badInputsRejected += 1;
    },
  );

  it.each([
    { name: 'an index that is not JSON', stored: '{"version": 4, "kind": "ind' },
    {
      name: 'an index that is JSON but not an index',
      stored: '{"version": 4, "kind": "shard", "events": []}',
    },
    { name: 'an index of an unknown format version', stored: '{"version": 9, "kind": "index"}' },
  ])(
    'refuses to touch $name: the batch is dead-lettered, the error names the key, the index is never reset',
    async ({ stored }) => {
      const collection = nextCollection('bad-index');
      const indexKey = indexKeyOf(collection);
      await s3.put(indexKey, stored);
      const key = `articles/${collection}/a.txt`;
      await s3.put(key, storyText(98, 1), STORY_METADATA);
      const pipeline = radosgwPipeline(client);
      const summary = await pipeline.handler(notificationOf(s3.bucket, key, 'put', '0091'));
      expect(summary.synced[0]).toMatchObject({ result: 'updated' });
      expect(pipeline.deadLetters).toEqual([{ bucket: s3.bucket, collection, key }]);
      const logged = pipeline.logs.find((log) => log.level === 'error');
      expect(logged).toMatchObject({ bucket: s3.bucket, collection, message: 'failed to compact the view' });
      expect((logged?.error as Error | undefined)?.message).toContain(indexKey);
      expect((await s3.read(indexKey))?.body).toBe(stored);
      tally.badInputsRejected += 1;
    },
  );

  it('refuses to compact over a partition state that is not one, and leaves the index as it was', async () => {
    const { collection, before } = await collectionWithOneArticle('bad-state');
    // Every stored chunk of the day both articles report.
    const states: string[] = [];
    for await (const object of storage.list(s3.bucket, `${STATE_PREFIX}${collection}/partitions/2018-11-02.`))
      states.push(object.key);
    expect(states.length).toBeGreaterThan(0);
    for (const state of states)
      await s3.put(state, '{"version": 4, "kind": "partition-state", "events": [{}]');
    const key = `articles/${collection}/second.txt`;
    await s3.put(key, storyText(97, 1), STORY_METADATA);
    const pipeline = radosgwPipeline(client);
    await pipeline.handler(notificationOf(s3.bucket, key, 'put', '0091'));
    expect(pipeline.deadLetters).toEqual([{ bucket: s3.bucket, collection, key }]);
    const failure = pipeline.logs.find((log) => log.level === 'error')?.error as Error | undefined;
    expect(states.some((state) => failure?.message.includes(state))).toBe(true);
    expect((await snapshot(collection)).index).toEqual(before.index);
    tally.badInputsRejected += 1;
  });

  it('replaces a stored report that is not a report, saying so (a report is derived from its article)', async () => {
    const { collection, good } = await collectionWithOneArticle('bad-report');
    await s3.put(reportKeyOf(good) as string, '{"version": 1, "key": ');
    const pipeline = radosgwPipeline(client);
    const summary = await pipeline.handler(notificationOf(s3.bucket, good, 'put', '0091'));
    expect(summary.synced[0]).toMatchObject({ result: 'updated', action: 'upsert' });
    expect(pipeline.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        key: reportKeyOf(good),
        message: expect.stringMatching(/replaced/),
      }),
    );
    expect(await storedReport(good)).toMatchObject({ key: good, sequencer: '0091' });
    expect(keysOf((await checkedView(client, s3.bucket, collection))?.timeline)).toEqual([good]);
  });

  it.each([
    { name: 'spaces', file: 'nk talks – full.txt' },
    { name: 'a plus', file: 'c++ and 1+1.txt' },
    { name: 'a percent sign', file: '100% sure.txt' },
    { name: 'unicode', file: 'dépêche 北朝鮮.txt' },
  ])('reads keys with $name as S3 encodes them in notifications', async ({ file }) => {
    const { collection } = await collectionWithOneArticle('keys');
    const key = `articles/${collection}/${file}`;
    await s3.put(key, storyText(96, 1), STORY_METADATA);
    const summary = await radosgwPipeline(client).handler(notificationOf(s3.bucket, key, 'put', '0091'));
    expect(summary.synced).toEqual([expect.objectContaining({ key, result: 'updated', action: 'upsert' })]);
    expect(await storedReport(key)).toMatchObject({ key, sequencer: '0091' });
    expect(keysOf((await checkedView(client, s3.bucket, collection))?.timeline)).toContain(key);
  });

  it('reads HTML with scripts and styles for its visible text only', async () => {
    const { collection } = await collectionWithOneArticle('html');
    const key = `articles/${collection}/page.html`;
    const html = `<html><head><title>Talks</title><style>.x { content: "Friday" }</style></head><body>
      <script>var when = "on March 3, 2017";</script><p>KCNA said on November 2 that the talks would continue.</p></body></html>`;
    await s3.put(key, html, STORY_METADATA, 'text/html');
    const summary = await radosgwPipeline(client).handler(notificationOf(s3.bucket, key, 'put', '0091'));
    expect(summary.synced[0]).toMatchObject({ result: 'updated', events: 1 });
    const view = (await checkedView(client, s3.bucket, collection))?.timeline;
    const texts = view?.events.flatMap((event) => event.sources).filter((source) => source.article === key);
    expect(texts?.map((source) => source.text)).toEqual([
      'KCNA said on November 2 that the talks would continue.',
    ]);
  });

  it('reads invalid UTF-8 as Windows-1252 and says so in a warning naming the key', async () => {
    const { collection } = await collectionWithOneArticle('latin');
    const key = `articles/${collection}/latin.txt`;
    await s3.put(
      key,
      Uint8Array.from([
        ...new TextEncoder().encode('The caf'),
        0xe9,
        ...new TextEncoder().encode(' opened on Monday.'),
      ]),
      STORY_METADATA,
    );
    const pipeline = radosgwPipeline(client);
    await pipeline.handler(notificationOf(s3.bucket, key, 'put', '0091'));
    expect(pipeline.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', key, message: expect.stringMatching(/Windows-1252/) }),
    );
    const view = (await checkedView(client, s3.bucket, collection))?.timeline;
    expect(view?.articles.find((article) => article.key === key)?.encoding).toBe('windows-1252');
  });

  it('leaves a tombstone for an article deleted before it was read, and creates no view for one never seen', async () => {
    const { collection, before } = await collectionWithOneArticle('gone');
    const pipeline = radosgwPipeline(client);
    const never = `articles/${collection}/never.txt`;
    const gone = await pipeline.handler(notificationOf(s3.bucket, never, 'put', '0091'));
    expect(gone.synced[0]).toMatchObject({ action: 'remove' });
    expect(await storedReport(never)).toMatchObject({ key: never, sequencer: '0091', events: [] });
    expect((await snapshot(collection)).index).toEqual(before.index);
    const fresh = await pipeline.handler(
      notificationOf(s3.bucket, 'articles/nobody-here/never.txt', 'delete', '0091'),
    );
    expect(fresh.synced[0]).toMatchObject({ action: 'remove' });
    expect(await s3.read(indexKeyOf('nobody-here'))).toBeUndefined();
  });

  it('ignores a notification for another prefix and answers s3:TestEvent', async () => {
    const pipeline = radosgwPipeline(client);
    const keys = [
      'timelines/story-1001/index.json',
      'reports/story-1001/report 0.txt.json',
      'state/x/partitions/a.json',
    ];
    for (const key of keys) {
      const other = await pipeline.handler(notificationOf(s3.bucket, key, 'put', '0091'));
      expect(other.ignored).toEqual([key]);
    }
    const test = await pipeline.handler({ Event: 's3:TestEvent' } as never);
    expect(test).toEqual({ records: 0, synced: [], ignored: [], rejected: [] });
    expect(pipeline.compactions).toEqual([]);
  });
});

describe('adversarial text, within the function’s 60 s', () => {
  const FIVE_MB = 5_000_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(FIVE_MB / unit.length)).slice(0, FIVE_MB);
  it.each([
    {
      name: 'no sentence breaks',
      body: () => fill('officials will meet on Monday and will talk and will decide by March 3 '),
    },
    {
      name: 'a date every ten words',
      body: () => fill('The envoy met the minister in Seoul on March 3, 2018. '),
    },
    {
      name: 'one quotation',
      body: () => `"${fill('We will meet on Monday and talk until Friday, ').slice(2)}"`,
    },
  ])(
    '$name (5 MB)',
    async ({ name, body }) => {
      const collection = `adversarial-${name.replace(/\W+/g, '-')}`;
      const key = `articles/${collection}/big.txt`;
      await s3.put(key, body(), STORY_METADATA);
      const pipeline = radosgwPipeline(client);
      const start = performance.now();
      const summary = await pipeline.handler(notificationOf(s3.bucket, key, 'put', '0091'));
      const seconds = (performance.now() - start) / 1000;
      process.stdout.write(
        `adversarial ${name}: ${seconds.toFixed(1)} s, ${JSON.stringify(summary.synced[0] ?? summary.rejected[0])}\n`,
      );
      // Each has more dates than the limit: the first events are kept, and the log says how many
      // were left out.
      expect(summary.synced).toEqual([
        expect.objectContaining({ key, result: 'updated', events: MAX_EVENTS_PER_ARTICLE }),
      ]);
      const limited = pipeline.logs.find((log) => log.level === 'warn' && typeof log.dropped === 'number');
      expect(limited).toMatchObject({ bucket: s3.bucket, key, kept: MAX_EVENTS_PER_ARTICLE });
      const view = (await checkedView(client, s3.bucket, collection))?.timeline;
      expect(view?.articles).toEqual([expect.objectContaining({ key, events: MAX_EVENTS_PER_ARTICLE })]);
    },
    60_000,
  );
});

describe('news-timeline rebuild', () => {
  async function collectionOfThree(collection: string) {
    const pipeline = radosgwPipeline(client);
    for (const [index, name] of ['a', 'b', 'c', 'gone'].entries()) {
      const key = `articles/${collection}/${name}.txt`;
      const etag = await s3.put(key, storyText(110 + index, 1), STORY_METADATA);
      await pipeline.handler(notificationOf(s3.bucket, key, 'put', `00A${index}`, etag));
    }
    await s3.delete(`articles/${collection}/gone.txt`);
    await pipeline.handler(notificationOf(s3.bucket, `articles/${collection}/gone.txt`, 'delete', '00B0'));
    return (await checkedView(client, s3.bucket, collection))?.timeline as WholeTimeline;
  }
  const rebuildDependencies = () => ({
    articles: storage,
    documents: storage,
    logger: memoryLogger(),
    metrics: memoryMetrics(),
    now: () => new Date(),
    sleep: async () => {},
    maxAttempts: 4,
  });
  async function removeView(collection: string) {
    for (const prefix of [`timelines/${collection}/`, `${STATE_PREFIX}${collection}/`])
      for await (const object of storage.list(s3.bucket, prefix)) await s3.delete(object.key);
  }

  it('rebuilds a deleted view from the articles in the bucket', async () => {
    const before = await collectionOfThree('rebuild-deleted');
    await removeView('rebuild-deleted');
    const summary = await rebuildCollection(rebuildDependencies(), s3.bucket, 'rebuild-deleted');
    expect(summary).toMatchObject({ previous: 'missing', articles: 3, rejected: [] });
    const after = (await checkedView(client, s3.bucket, 'rebuild-deleted'))?.timeline as WholeTimeline;
    expect(viewContent(after)).toEqual(viewContent(before));
    // The ledger is in the reports: a late notification of the delete's key is still stale.
    expect(await storedReport('articles/rebuild-deleted/gone.txt')).toMatchObject({
      sequencer: '00B0',
      events: [],
    });
  });

  it('rebuilds over a garbage index with the CLI, printing progress and a summary, and sweeps the old documents', async () => {
    const before = await collectionOfThree('rebuild-garbage');
    await s3.put(indexKeyOf('rebuild-garbage'), '\u0000\u0001 not an index');
    // Left over by compactions that lost their compare-and-swap: nothing points at them.
    const leftOver = [
      'timelines/rebuild-garbage/shards/1999-01-01.0.0000000000000000.json',
      `${STATE_PREFIX}rebuild-garbage/partitions/1999-01-01.0.0000000000000000.json`,
    ];
    for (const key of leftOver) await s3.put(key, '{}');
    const cli = new URL('../../bin/news-timeline.js', import.meta.url).pathname;
    const { stdout, stderr } = await run(
      process.execPath,
      [
        cli,
        'rebuild',
        'rebuild-garbage',
        '--endpoint',
        RADOSGW.endpoint,
        '--bucket',
        s3.bucket,
        '--dialect',
        'radosgw',
        '--progress',
      ],
      {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: RADOSGW.accessKeyId,
          AWS_SECRET_ACCESS_KEY: RADOSGW.secretAccessKey,
        },
      },
    );
    expect(stderr).toMatch(/^rebuild: 4 articles in/m);
    expect(stdout).toMatch(
      /rebuilt s3:\/\/.+\/timelines\/rebuild-garbage\/index\.json: 3 articles, \d+ events, 0 articles skipped, 2 old documents deleted; the stored one was unreadable/,
    );
    const after = (await checkedView(client, s3.bucket, 'rebuild-garbage'))?.timeline as WholeTimeline;
    expect(viewContent(after)).toEqual(viewContent(before));
    expect((await checkedDocuments(client, s3.bucket, 'rebuild-garbage')).leftOver).toEqual([]);
    for (const key of leftOver) expect(await s3.read(key)).toBeUndefined();
  });

  it('skips and lists an article that became unreadable, keeping its last readable report', async () => {
    const before = await collectionOfThree('rebuild-unreadable');
    await s3.put('articles/rebuild-unreadable/c.txt', PNG);
    const summary = await rebuildCollection(rebuildDependencies(), s3.bucket, 'rebuild-unreadable');
    expect(summary.rejected).toEqual([
      expect.objectContaining({ key: 'articles/rebuild-unreadable/c.txt', code: 'binary' }),
    ]);
    const after = (await checkedView(client, s3.bucket, 'rebuild-unreadable'))?.timeline as WholeTimeline;
    expect(viewContent(after)).toEqual(viewContent(before));
  });

  it('migrates an earlier version’s timeline, keeping its ledger: older notifications stay stale', async () => {
    const collection = 'rebuild-legacy';
    const key = (name: string) => `articles/${collection}/${name}.txt`;
    for (const [index, name] of ['a', 'b'].entries())
      await s3.put(key(name), storyText(120 + index, 1), STORY_METADATA);
    const legacy = {
      version: 3,
      collection,
      updatedAt: '2018-11-09T00:00:00.000Z',
      articles: [
        { key: key('a'), sequencer: '00A0' },
        { key: key('b'), sequencer: '00A1' },
      ],
      events: [],
      summary: { dates: [] },
      removed: [{ key: key('gone'), sequencer: '00B0' }],
    };
    await s3.put(`timelines/${collection}.json`, JSON.stringify(legacy));
    // Before the migration, the compactor says the earlier timeline is there.
    await s3.put(key('c'), storyText(122, 1), STORY_METADATA);
    const pipeline = radosgwPipeline(client);
    await pipeline.handler(notificationOf(s3.bucket, key('c'), 'put', '00C0'));
    expect(pipeline.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        legacy: `timelines/${collection}.json`,
        message: expect.stringMatching(/rebuild/),
      }),
    );
    const summary = await rebuildCollection(rebuildDependencies(), s3.bucket, collection);
    expect(summary).toMatchObject({ previous: 'current', articles: 3 });
    expect(await s3.read(`timelines/${collection}.json`)).toBeUndefined();
    expect(await storedReport(key('a'))).toMatchObject({ sequencer: '00A0' });
    expect(await storedReport(key('gone'))).toMatchObject({ sequencer: '00B0', events: [] });
    // A late notification older than the ledger's changes nothing; the deleted key stays deleted
    // even when an upload older than its delete is announced late.
    await s3.put(key('gone'), storyText(123, 1), STORY_METADATA);
    const late = await pipeline.handler({
      Records: [
        ...(notificationOf(s3.bucket, key('a'), 'put', '0099').Records ?? []),
        ...(notificationOf(s3.bucket, key('gone'), 'put', '00AF').Records ?? []),
      ],
    });
    expect(late.synced.map((outcome) => outcome.result)).toEqual(['stale', 'stale']);
    expect(keysOf((await checkedView(client, s3.bucket, collection))?.timeline)).toEqual([
      key('a'),
      key('b'),
      key('c'),
    ]);
  });
});
