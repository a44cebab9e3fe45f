import type { S3Client } from '@aws-sdk/client-s3';
import { LocalFifoQueue } from '../../infra/local-fifo-queue.ts';
import { RADOSGW_DIALECT } from '../../src/adapters/s3-storage.ts';
import { DocumentCache } from '../../src/compact-collection.ts';
import { createCompactorHandler } from '../../src/compactor-handler.ts';
import { reportKeyOf } from '../../src/core/report.ts';
import { TIMELINES_PREFIX } from '../../src/core/route-key.ts';
import { STATE_PREFIX, type WholeTimeline } from '../../src/core/view.ts';
import { createHandler, type HandlerEvent } from '../../src/handler.ts';
import type { DocumentStore } from '../../src/ports.ts';
import { readWholeTimeline } from '../../src/read-view.ts';
import { memoryLogger, memoryMetrics, type TestOverrides, testPipeline } from '../support/handler-deps.ts';
import { storedView } from '../support/stored-view.ts';
import { assertValidView, assertValidViewDocument } from '../support/validate-timeline.ts';
import { MemoryBuckets } from './memory-bucket.ts';
import { newBucket, radosgwStorage, type TestBucket } from './radosgw.ts';
import { notificationOf, STORY_METADATA, sequencerSource, shuffled, storyText } from './story.ts';

/** The suite's tallies, for the line it prints at the end. */
export const tally = {
  concurrentUploads: 0,
  conflictsRetried: 0,
  lost: 0,
  resurrected: 0,
  badInputsRejected: 0,
  viewsCorrupted: 0,
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `work` on every item, 16 at a time, results in item order. */
async function eachOf<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += 16)
    results.push(...(await Promise.all(items.slice(at, at + 16).map(work))));
  return results;
}

/**
 * Both functions on radosgw, wired as deployed (article functions → one FIFO queue → one
 * compactor; see testPipeline), 8 attempts each. `articleFunction(client)` is one more article
 * function container on its own client, telling the same queue, with real jittered waits between
 * its compare-and-swap attempts.
 */
export function radosgwPipeline(client: S3Client, overrides: Omit<TestOverrides, 'dialect'> = {}) {
  const pipeline = testPipeline(client, { dialect: RADOSGW_DIALECT, maxAttempts: 8, ...overrides });
  const articleFunction = (container: S3Client = client) => {
    const storage = radosgwStorage(container);
    return createHandler({ ...pipeline.deps, articles: storage, documents: storage, sleep: realSleep });
  };
  return { ...pipeline, articleFunction };
}

export type RadosgwPipeline = ReturnType<typeof radosgwPipeline>;

/** Counts a view that does not pass the schema and its invariants as a corrupted one. */
async function counted<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    tally.viewsCorrupted += 1;
    throw error;
  }
}

/** The collection's view as a reader gets it (checked against the schema), or undefined. */
export function checkedView(client: S3Client, bucket: string, collection: string) {
  return counted(() => storedView(client, bucket, collection));
}

/**
 * Every document stored under the collection's view prefixes (`timelines/<collection>/`,
 * `state/<collection>/`), each checked against the schema, and the public ones a reader of the
 * whole view does not read: left over by a compaction that lost its compare-and-swap or the
 * answer to its write (harmless, nothing points at them; `rebuild` sweeps them).
 */
export async function checkedDocuments(
  client: S3Client,
  bucket: string,
  collection: string,
): Promise<{ readonly documents: number; readonly leftOver: readonly string[] }> {
  return counted(async () => {
    const storage = radosgwStorage(client);
    const read = new Set<string>();
    const recording: DocumentStore = {
      read: (name, key, known) => {
        read.add(key);
        return storage.read(name, key, known);
      },
      write: () => Promise.reject(new Error('a reader does not write')),
      remove: () => Promise.reject(new Error('a reader does not delete')),
      etagOf: (name, key) => storage.etagOf(name, key),
      list: (name, prefix) => storage.list(name, prefix),
    };
    await readWholeTimeline(recording, bucket, collection);
    const listed: Array<{ key: string; public: boolean }> = [];
    for (const prefix of [`${TIMELINES_PREFIX}${collection}/`, `${STATE_PREFIX}${collection}/`])
      for await (const object of storage.list(bucket, prefix))
        listed.push({ key: object.key, public: prefix.startsWith(TIMELINES_PREFIX) });
    const found = await eachOf(listed, async (object) => {
      const stored = await storage.read(bucket, object.key);
      if (stored === undefined || stored === 'not-modified') return false; // deleted since listed
      assertValidViewDocument(JSON.parse(stored.body));
      return true;
    });
    const documents = found.filter(Boolean).length;
    const leftOver = listed
      .filter((object, at) => found[at] && object.public && !read.has(object.key))
      .map((object) => object.key);
    return { documents, leftOver };
  });
}

export interface Change {
  readonly key: string;
  readonly kind: 'put' | 'delete';
  /** The version of the article text a put uploads (storyText). */
  readonly version: number;
  /** The number storyText writes the article from. */
  readonly story: number;
}

/** A key's last change: what the bucket holds now, and the notification S3 sent for it. */
export interface KeyState {
  readonly kind: 'put' | 'delete';
  readonly sequencer: string;
  readonly body?: string;
  readonly etag?: string;
}

export interface DeliveryRun {
  readonly deliveries: number;
  readonly failedInvocations: number;
  /** Why they failed (Lambda would retry them, and so does the run). */
  readonly failures: readonly string[];
  readonly conflicts: number;
  readonly stale: number;
}

function failureOf(error: unknown): string {
  const cause = (error as Error).cause;
  return cause instanceof AggregateError
    ? cause.errors.map((each: Error) => `${each.name}: ${each.message}`).join('; ')
    : String(error);
}

/**
 * Makes `changes` in the bucket one after another, a few milliseconds apart, while `workers`
 * article function containers take notifications from a pool at random. Each change's
 * notification joins the pool `copies` times at random places once the change is made (S3: after
 * the change, at least once, in no guaranteed order), beside the `redelivered` ones already
 * there. An invocation that fails is delivered again, twice (Lambda's asynchronous retries).
 * `finalState` is updated with every change. Resolves when every article function is done; the
 * compactor may still be draining the queue.
 */
export async function deliverInAnyOrder(options: {
  readonly s3: TestBucket;
  readonly pipeline: RadosgwPipeline;
  readonly containers: readonly S3Client[];
  readonly changes: readonly Change[];
  readonly redelivered?: readonly HandlerEvent[];
  readonly finalState: Map<string, KeyState>;
  readonly nextSequencer: () => string;
  readonly random: () => number;
  readonly workers: number;
  readonly copies?: number;
}): Promise<DeliveryRun> {
  const { s3, random, finalState } = options;
  const copies = options.copies ?? 3;
  const pending: Array<{ event: HandlerEvent; tries: number }> = (options.redelivered ?? []).map((event) => ({
    event,
    tries: 0,
  }));
  let changing = true;
  let deliveries = 0;
  let failedInvocations = 0;
  let conflicts = 0;
  let stale = 0;
  const failures: string[] = [];

  const changer = (async () => {
    for (const change of options.changes) {
      const sequencer = options.nextSequencer();
      let etag: string | undefined;
      if (change.kind === 'put') {
        const body = storyText(change.story, change.version);
        etag = await s3.put(change.key, body, STORY_METADATA);
        finalState.set(change.key, { kind: 'put', sequencer, body, etag });
      } else {
        await s3.delete(change.key);
        finalState.set(change.key, { kind: 'delete', sequencer });
      }
      for (let copy = 0; copy < copies; copy += 1) {
        const at = Math.floor(random() * (pending.length + 1));
        pending.splice(at, 0, {
          event: notificationOf(s3.bucket, change.key, change.kind, sequencer, etag),
          tries: 0,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, random() * 6));
    }
    changing = false;
  })();

  const worker = async (index: number) => {
    const handler = options.pipeline.articleFunction(options.containers[index % options.containers.length]);
    for (;;) {
      const next = pending.splice(Math.floor(random() * pending.length), 1)[0];
      if (!next) {
        if (!changing) return;
        await new Promise((resolve) => setTimeout(resolve, 2));
        continue;
      }
      deliveries += 1;
      try {
        const summary = await handler(next.event);
        for (const outcome of summary.synced) {
          conflicts += outcome.conflicts;
          if (outcome.result === 'stale') stale += 1;
        }
      } catch (error) {
        failedInvocations += 1;
        failures.push(failureOf(error));
        if (next.tries < 2) pending.push({ event: next.event, tries: next.tries + 1 });
      }
    }
  };
  await Promise.all([changer, ...Array.from({ length: options.workers }, (_, index) => worker(index))]);
  return { deliveries, failedInvocations, failures, conflicts, stale };
}

/** What a chaotic run left, beside the delivery figures. */
export interface ChaosResult extends DeliveryRun {
  readonly collection: string;
  readonly finalState: ReadonlyMap<string, KeyState>;
  /** Index compare-and-swaps the compactor lost and did again. */
  readonly compactorConflicts: number;
  readonly compactions: number;
  readonly deadLetters: number;
}

/**
 * 50 articles uploaded one after another, with 10 deletes and 10 re-uploads of a changed version
 * mixed in; every change's notification delivered 3 times, in random order, to `workers`
 * concurrent article functions, all telling one queue that feeds one compactor.
 */
export async function runChaos(
  client: S3Client,
  s3: TestBucket,
  seed: number,
  random: () => number,
  options: { articles?: number; workers?: number } = {},
): Promise<ChaosResult> {
  const articles = options.articles ?? 50;
  const collection = `story-${seed}`;
  // Keys as users write them: spaces, a plus, unicode.
  const keyOf = (index: number) =>
    `articles/${collection}/${index % 3 === 0 ? `report ${index}` : index % 3 === 1 ? `r+${index}` : `dépêche-${index}`}.txt`;
  const changes: Change[] = Array.from({ length: articles }, (_, index) => ({
    key: keyOf(index),
    kind: 'put' as const,
    version: 1,
    story: index,
  }));
  const picked = shuffled(
    Array.from({ length: articles }, (_, index) => index),
    random,
  );
  const extra = [
    ...picked
      .slice(0, 10)
      .map((index) => ({ key: keyOf(index), kind: 'delete' as const, version: 0, story: index })),
    ...picked
      .slice(10, 20)
      .map((index) => ({ key: keyOf(index), kind: 'put' as const, version: 2, story: index })),
  ];
  for (const change of extra) {
    // Somewhere after the key's first upload.
    const first = changes.findIndex((candidate) => candidate.key === change.key);
    changes.splice(first + 1 + Math.floor(random() * (changes.length - first)), 0, change);
  }
  const pipeline = radosgwPipeline(client, { maxReceiveCount: 3 });
  const finalState = new Map<string, KeyState>();
  const run = await deliverInAnyOrder({
    s3,
    pipeline,
    containers: [client],
    changes,
    finalState,
    nextSequencer: sequencerSource(),
    random,
    workers: options.workers ?? 8,
  });
  await pipeline.queue.idle();
  return {
    ...run,
    collection,
    finalState,
    compactorConflicts: pipeline.compactions.reduce((sum, outcome) => sum + outcome.conflicts, 0),
    compactions: pipeline.compactions.length,
    deadLetters: pipeline.deadLetters.length,
  };
}

/** What the view and the reports say of each key of `finalState`, against what the bucket holds. */
export async function compareWithBucket(
  client: S3Client,
  bucket: string,
  timeline: WholeTimeline | undefined,
  finalState: ReadonlyMap<string, KeyState>,
): Promise<{ lost: string[]; resurrected: string[]; old: string[] }> {
  const present = new Map(timeline?.articles.map((article) => [article.key, article]));
  const storage = radosgwStorage(client);
  const lost: string[] = [];
  const resurrected: string[] = [];
  const old: string[] = [];
  const states = [...finalState];
  const reports = await eachOf(states, async ([key]) => {
    const report = await storage.read(bucket, reportKeyOf(key) as string);
    return report && report !== 'not-modified'
      ? (JSON.parse(report.body) as { sequencer?: string; article?: { etag?: string } })
      : undefined;
  });
  states.forEach(([key, state], at) => {
    const article = present.get(key);
    if (state.kind === 'delete') {
      if (article) resurrected.push(key);
    } else if (article === undefined || article.events === 0) lost.push(key);
    else if (article.etag !== state.etag) old.push(key);
    // The report says the same: a tombstone with the delete's sequencer, or the last version.
    const report = reports[at];
    if (report?.sequencer !== state.sequencer || report.article?.etag !== state.etag) old.push(key);
  });
  return { lost, resurrected, old: [...new Set(old)] };
}

/** Delivers `finalState` in order: each surviving object's notification, then each delete's. */
async function deliverInOrder(
  bucket: string,
  finalState: ReadonlyMap<string, KeyState>,
  etags: ReadonlyMap<string, string>,
  deliver: (event: HandlerEvent) => Promise<unknown>,
): Promise<void> {
  const keys = [...finalState.keys()].sort();
  for (const key of keys) {
    const state = finalState.get(key);
    if (state?.kind === 'put')
      await deliver(notificationOf(bucket, key, 'put', state.sequencer, etags.get(key)));
  }
  for (const key of keys) {
    const state = finalState.get(key);
    if (state?.kind === 'delete') await deliver(notificationOf(bucket, key, 'delete', state.sequencer));
  }
}

const surviving = (finalState: ReadonlyMap<string, KeyState>) =>
  [...finalState]
    .filter(([, state]) => state.kind === 'put')
    .map(([key, state]) => ({ key, body: state.body as string }));

/**
 * The view a single in-order run gives in a fresh bucket: the surviving objects uploaded as
 * they are now, then each key's last notification delivered once, one at a time, in key order
 * (the surviving articles first, then the deletes, whose tombstones the chaotic run also keeps),
 * the compactor draining the queue alongside, as deployed.
 */
export async function inOrderView(
  client: S3Client,
  label: string,
  collection: string,
  finalState: ReadonlyMap<string, KeyState>,
): Promise<WholeTimeline | undefined> {
  const reference = await newBucket(client, label);
  const pipeline = radosgwPipeline(client);
  const objects = surviving(finalState);
  const etags = await eachOf(objects, ({ key, body }) => reference.put(key, body, STORY_METADATA));
  await deliverInOrder(
    reference.bucket,
    finalState,
    new Map(objects.map(({ key }, at) => [key, etags[at] as string])),
    pipeline.articleFunction(),
  );
  await pipeline.queue.idle();
  if (pipeline.deadLetters.length > 0)
    throw new Error(`the in-order run dead-lettered ${pipeline.deadLetters.length}`);
  return (await checkedView(client, reference.bucket, collection))?.timeline;
}

/**
 * {@link inOrderView} with both functions on buckets in memory (the same code over another
 * store): the oracle for runs too large to repeat one notification at a time over HTTP.
 */
export async function inOrderViewInMemory(
  collection: string,
  finalState: ReadonlyMap<string, KeyState>,
): Promise<WholeTimeline | undefined> {
  const memory = new MemoryBuckets();
  const bucket = 'in-order';
  const logger = memoryLogger();
  const metrics = memoryMetrics();
  const compactor = createCompactorHandler({
    documents: memory,
    cache: new DocumentCache(),
    logger,
    metrics,
    now: () => new Date('2018-11-09T00:00:00.000Z'),
    sleep: async () => {},
    maxAttempts: 8,
  });
  const queue = new LocalFifoQueue({ consume: compactor, maxReceiveCount: 1 });
  const handler = createHandler({
    articles: memory,
    documents: memory,
    queue,
    logger,
    metrics,
    sleep: async () => {},
    maxAttempts: 8,
  });
  const etags = new Map(
    surviving(finalState).map(({ key, body }) => [key, memory.put(bucket, key, body, STORY_METADATA)]),
  );
  await deliverInOrder(bucket, finalState, etags, handler);
  await queue.idle();
  if (queue.deadLetters.length > 0)
    throw new Error(`the in-order run dead-lettered ${queue.deadLetters.length}`);
  const timeline = await readWholeTimeline(memory, bucket, collection);
  if (timeline) await counted(async () => assertValidView(timeline));
  return timeline;
}
