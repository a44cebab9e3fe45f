import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/core/errors.ts';
import { MAX_EVENTS_PER_ARTICLE } from '../../src/core/events.ts';
import type { Timeline } from '../../src/core/timeline.ts';
import { rebuildTimeline } from '../../src/rebuild-timeline.ts';
import type { SyncDependencies } from '../../src/sync-article.ts';
import { syncArticle } from '../../src/sync-article.ts';
import { type FaultyProxy, startFaultyProxy } from '../support/faulty-proxy.ts';
import { testDependencies } from '../support/handler-deps.ts';
import { assertValidTimeline } from '../support/validate-timeline.ts';
import { radosgwHandler, referenceRun, runChaos, tally, withoutUpdatedAt } from './conformance.ts';
import { newBucket, RADOSGW, radosgwClient, radosgwStorage, type TestBucket } from './radosgw.ts';
import { notificationOf, STORY_METADATA, storyText } from './story.ts';

const run = promisify(execFile);
const client = radosgwClient();
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
      `${tally.timelinesCorrupted} timelines corrupted (${seconds} s)\n`,
  );
});

async function storedTimeline(bucket: TestBucket, collection: string) {
  const stored = await bucket.read(`timelines/${collection}.json`);
  if (!stored) return undefined;
  return { ...stored, timeline: JSON.parse(stored.body) as Timeline };
}

/** Checks a stored timeline against the schema; a failure counts as a corrupted timeline. */
function expectValid(timeline: Timeline | undefined): void {
  try {
    assertValidTimeline(timeline);
  } catch (error) {
    tally.timelinesCorrupted += 1;
    throw error;
  }
}

describe('deletes stay deleted, old versions never win', () => {
  it.each(Array.from({ length: 10 }, (_, index) => ({ seed: 1001 + index })))(
    'seed $seed: 50 articles, every notification 3 times, shuffled, 10 deletes and 10 new versions, 8 concurrent invocations',
    async ({ seed }) => {
      const chaos = await runChaos(client, s3, seed);
      tally.conflictsRetried += chaos.conflicts;
      const stored = await storedTimeline(s3, chaos.collection);
      expectValid(stored?.timeline);
      const present = new Map(stored?.timeline.articles.map((article) => [article.key, article]));
      const resurrected = [...chaos.finalState].filter(
        ([key, state]) => state.kind === 'delete' && present.has(key),
      );
      const lostOrOld = [...chaos.finalState].filter(([key, state]) => {
        if (state.kind !== 'put') return false;
        const article = present.get(key);
        return article === undefined || article.events === 0;
      });
      tally.resurrected += resurrected.length;
      tally.lost += lostOrOld.length;
      process.stdout.write(
        `seed ${seed}: ${chaos.deliveries} deliveries, ${chaos.stale} stale, ${chaos.conflicts} conflicts retried, ` +
          `${chaos.failedInvocations} invocations failed and redelivered${chaos.failures.length ? ` (${[...new Set(chaos.failures)].join(' | ')})` : ''}\n`,
      );
      expect(resurrected.map(([key]) => key)).toEqual([]);
      expect(lostOrOld.map(([key]) => key)).toEqual([]);

      const reference = await newBucket(client, `reference-${seed}`);
      const expected = await referenceRun(client, reference, chaos);
      expect(withoutUpdatedAt(stored?.body)).toBe(withoutUpdatedAt(expected));
    },
  );
});

describe('concurrency', () => {
  it('lands 50 different articles uploaded at once, the handler invoked concurrently for all', async () => {
    const collection = 'fifty';
    const keys = Array.from({ length: 50 }, (_, index) => `articles/${collection}/a${index}.txt`);
    const etags = await Promise.all(
      keys.map((key, index) => s3.put(key, storyText(index, 1), STORY_METADATA)),
    );
    const { handler } = radosgwHandler(client);
    let sequence = 0x0070000000000000n;
    let redelivered = 0;
    const invoke = async (key: string, etag: string, tries = 0): Promise<number> => {
      sequence += 1n;
      try {
        const summary = await handler(
          notificationOf(s3.bucket, key, 'put', sequence.toString(16).toUpperCase(), etag),
        );
        return summary.synced.reduce((sum, outcome) => sum + outcome.conflicts, 0);
      } catch (error) {
        // Lambda retries a failed asynchronous invocation twice.
        if (tries < 2) {
          redelivered += 1;
          return invoke(key, etag, tries + 1);
        }
        throw error;
      }
    };
    const conflicts = await Promise.all(keys.map((key, index) => invoke(key, etags[index] ?? '')));
    const retried = conflicts.reduce((sum, count) => sum + count, 0);
    tally.concurrentUploads += keys.length;
    tally.conflictsRetried += retried;
    process.stdout.write(
      `50 concurrent uploads: ${retried} conflicts retried within invocations, ${redelivered} invocations failed and redelivered\n`,
    );

    const stored = await storedTimeline(s3, collection);
    expectValid(stored?.timeline);
    const timeline = stored?.timeline as Timeline;
    const missing = keys.filter((key) => !timeline.articles.some((article) => article.key === key));
    tally.lost += missing.length;
    expect(missing).toEqual([]);
    // Every event of every article is in: each article's sources add up to the events it gave.
    for (const article of timeline.articles) {
      const sources = timeline.events
        .flatMap((event) => event.sources)
        .filter((source) => source.article === article.key);
      expect(sources.length, article.key).toBe(article.events);
      expect(article.events, article.key).toBeGreaterThan(0);
    }
  });
});

/** Dependencies whose first `parties` timeline loads wait for one another: their writes race. */
function racingDependencies(base: SyncDependencies, parties: number): SyncDependencies {
  let waiting = 0;
  let release: () => void = () => {};
  const barrier = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    ...base,
    timelines: {
      loadTimeline: async (bucket, collection) => {
        const loaded = await base.timelines.loadTimeline(bucket, collection);
        if (waiting < parties) {
          waiting += 1;
          if (waiting === parties) release();
          await barrier;
        }
        return loaded;
      },
      timelineEtag: (bucket, collection) => base.timelines.timelineEtag(bucket, collection),
      saveTimeline: (bucket, timeline, etag) => base.timelines.saveTimeline(bucket, timeline, etag),
    },
  };
}

describe('conditional writes', () => {
  const depsFor = () => {
    const storage = radosgwStorage(client);
    return testDependencies(client, { articles: storage, timelines: storage, maxAttempts: 8 });
  };

  it.each([
    { name: 'a stale If-Match (the timeline exists)', existing: true },
    { name: 'a creation race (If-None-Match: *)', existing: false },
  ])('loses $name with 412, re-reads, merges again and keeps both articles', async ({ existing }) => {
    const collection = `race-${existing ? 'update' : 'create'}`;
    const first = `articles/${collection}/first.txt`;
    const second = `articles/${collection}/second.txt`;
    const base = depsFor();
    if (existing) {
      await s3.put(`articles/${collection}/zero.txt`, storyText(30, 1), STORY_METADATA);
      await syncArticle(base, s3.bucket, `articles/${collection}/zero.txt`);
    }
    await s3.put(first, storyText(31, 1), STORY_METADATA);
    await s3.put(second, storyText(32, 1), STORY_METADATA);
    const racing = racingDependencies(base, 2);
    const outcomes = await Promise.all([
      syncArticle(racing, s3.bucket, first),
      syncArticle(racing, s3.bucket, second),
    ]);
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['updated', 'updated']);
    expect(outcomes.map((outcome) => outcome.conflicts).sort()).toEqual([0, 1]);
    expect(base.counted.filter((metric) => metric.name === 'ConflictsRetried')).toHaveLength(1);
    tally.conflictsRetried += 1;
    const stored = await storedTimeline(s3, collection);
    expectValid(stored?.timeline);
    expect(stored?.timeline.articles.map((article) => article.key)).toEqual(
      existing ? [first, second, `articles/${collection}/zero.txt`] : [first, second],
    );
  });

  it('gives up after its attempts with jittered, growing waits, and writes nothing of its own', async () => {
    const collection = 'always-lost';
    const other = `articles/${collection}/other.txt`;
    const key = `articles/${collection}/mine.txt`;
    const base = depsFor();
    await s3.put(other, storyText(40, 1), STORY_METADATA);
    await syncArticle(base, s3.bucket, other);
    await s3.put(key, storyText(41, 1), STORY_METADATA);
    const waits: number[] = [];
    const storage = radosgwStorage(client);
    let meddled = 0;
    const deps: SyncDependencies = {
      ...base,
      maxAttempts: 5,
      sleep: async (ms) => {
        waits.push(ms);
      },
      timelines: {
        loadTimeline: (bucket, name) => storage.loadTimeline(bucket, name),
        timelineEtag: (bucket, name) => storage.timelineEtag(bucket, name),
        // Someone else writes between every read and write of ours: a real 412 each time.
        saveTimeline: async (bucket, timeline, etag) => {
          const theirs = await storage.loadTimeline(bucket, collection);
          meddled += 1;
          await storage.saveTimeline(
            bucket,
            { ...(theirs?.timeline as Timeline), updatedAt: `2018-12-0${meddled}T00:00:00.000Z` },
            theirs?.etag,
          );
          return storage.saveTimeline(bucket, timeline, etag);
        },
      },
    };
    await expect(syncArticle(deps, s3.bucket, key)).rejects.toThrow(ConflictError);
    expect(meddled).toBe(5);
    expect(waits).toHaveLength(4);
    waits.forEach((wait, index) => {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(Math.min(2000, 50 * 2 ** (index + 1)));
    });
    expect(new Set(waits).size).toBe(4);
    tally.conflictsRetried += 4;
    const stored = await storedTimeline(s3, collection);
    expectValid(stored?.timeline);
    expect(stored?.timeline.articles.map((article) => article.key)).toEqual([other]);
  });
});

describe('an article replaced while it is read', () => {
  it('reads it again when it changes between its HEAD and its GET, and the new version lands', async () => {
    const key = 'articles/replaced/a.txt';
    await s3.put(key, storyText(60, 1), STORY_METADATA);
    const reader = radosgwClient();
    let replaced: string | undefined;
    // A real concurrent upload, right before the handler's first GET of the article.
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
    const { handler, deps } = radosgwHandler(reader);
    const summary = await handler(notificationOf(s3.bucket, key, 'put', '0070'));
    expect(summary.synced[0]).toMatchObject({ result: 'updated', action: 'upsert' });
    expect(deps.logs.some((log) => log.message.includes('changed while being read'))).toBe(true);
    const stored = await storedTimeline(s3, 'replaced');
    expectValid(stored?.timeline);
    expect(stored?.timeline.articles[0]?.etag).toBe(replaced);
    reader.destroy();
  });
});

describe('faults between the function and S3', () => {
  let proxy: FaultyProxy;
  beforeAll(async () => {
    proxy = await startFaultyProxy(RADOSGW.endpoint);
  });
  afterAll(async () => {
    await proxy.close();
  });

  let counter = 0;
  /** A collection with one article in it, and a second article to sync through the proxy. */
  async function prepare() {
    counter += 1;
    const collection = `faults-${counter}`;
    const first = `articles/${collection}/first.txt`;
    const second = `articles/${collection}/second.txt`;
    const { handler } = radosgwHandler(client);
    await s3.put(first, storyText(50 + counter, 1), STORY_METADATA);
    await handler(notificationOf(s3.bucket, first, 'put', '0080'));
    await s3.put(second, storyText(70 + counter, 1), STORY_METADATA);
    const before = await s3.read(`timelines/${collection}.json`);
    const proxied = radosgwClient({ endpoint: proxy.endpoint, requestTimeoutMs: 500 });
    return { collection, first, second, before, proxied };
  }

  const timelinePath = (collection: string) => new RegExp(`/timelines/${collection}\\.json$`);
  const articlePath = (collection: string) => new RegExp(`/articles/${collection}/second\\.txt$`);

  it.each([
    {
      name: '503 SlowDown twice on GET of the timeline',
      method: 'GET',
      on: 'timeline',
      fault: { kind: 'status', status: 503, code: 'SlowDown' },
    },
    {
      name: '500 InternalError twice on PUT of the timeline',
      method: 'PUT',
      on: 'timeline',
      fault: { kind: 'status', status: 500, code: 'InternalError' },
    },
    {
      name: '503 ServiceUnavailable twice on GET of the article',
      method: 'GET',
      on: 'article',
      fault: { kind: 'status', status: 503, code: 'ServiceUnavailable' },
    },
    { name: 'a timeout twice on GET of the article', method: 'GET', on: 'article', fault: { kind: 'hang' } },
    {
      name: 'a timeout twice on PUT of the timeline',
      method: 'PUT',
      on: 'timeline',
      fault: { kind: 'hang' },
    },
  ] as const)('retries $name (the SDK), and the article lands', async ({ method, on, fault }) => {
    const { collection, first, second, proxied } = await prepare();
    proxy.clear();
    const injected = proxy.inject({
      method,
      path: on === 'timeline' ? timelinePath(collection) : articlePath(collection),
      times: 2,
      fault,
    });
    const { handler } = radosgwHandler(proxied);
    const summary = await handler(notificationOf(s3.bucket, second, 'put', '0081'));
    expect(injected.hits).toBe(2);
    expect(summary.synced[0]?.action).toBe('upsert');
    const stored = await storedTimeline(s3, collection);
    expectValid(stored?.timeline);
    expect(stored?.timeline.articles.map((article) => article.key)).toEqual([first, second]);
    proxied.destroy();
  });

  it('survives a write whose answer was lost: the retry meets its own write (412) and finds it done', async () => {
    const { collection, first, second, proxied } = await prepare();
    proxy.clear();
    const injected = proxy.inject({
      method: 'PUT',
      path: timelinePath(collection),
      times: 1,
      fault: { kind: 'drop-response' },
    });
    const { handler } = radosgwHandler(proxied);
    const summary = await handler(notificationOf(s3.bucket, second, 'put', '0081'));
    expect(injected.hits).toBe(1);
    expect(summary.synced[0]).toMatchObject({ action: 'upsert', conflicts: 1 });
    const stored = await storedTimeline(s3, collection);
    expectValid(stored?.timeline);
    expect(stored?.timeline.articles.map((article) => article.key)).toEqual([first, second]);
    proxied.destroy();
  });

  it.each([
    {
      name: '503 SlowDown on every PUT of the timeline',
      method: 'PUT',
      on: 'timeline',
      fault: { kind: 'status', status: 503, code: 'SlowDown' },
    },
    {
      name: '500 on every GET of the timeline',
      method: 'GET',
      on: 'timeline',
      fault: { kind: 'status', status: 500, code: 'InternalError' },
    },
    { name: 'a timeout on every GET of the article', method: 'GET', on: 'article', fault: { kind: 'hang' } },
  ] as const)(
    'fails the invocation on $name, and the stored timeline is untouched',
    async ({ method, on, fault }) => {
      const { collection, second, before, proxied } = await prepare();
      proxy.clear();
      const injected = proxy.inject({
        method,
        path: on === 'timeline' ? timelinePath(collection) : articlePath(collection),
        times: Number.POSITIVE_INFINITY,
        fault,
      });
      const { handler, deps } = radosgwHandler(proxied);
      await expect(handler(notificationOf(s3.bucket, second, 'put', '0081'))).rejects.toThrow(
        /1 of 1 records failed/,
      );
      expect(injected.hits).toBeGreaterThanOrEqual(3);
      expect(
        deps.logs.some((log) => log.level === 'error' && log.key === second && log.bucket === s3.bucket),
      ).toBe(true);
      const after = await s3.read(`timelines/${collection}.json`);
      expect(after).toEqual(before);
      expectValid(after ? (JSON.parse(after.body) as Timeline) : undefined);
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
  let counter = 0;
  async function collectionWithOneArticle() {
    counter += 1;
    const collection = `bad-${counter}`;
    const good = `articles/${collection}/good.txt`;
    await s3.put(good, storyText(90 + counter, 1), STORY_METADATA);
    await radosgwHandler(client).handler(notificationOf(s3.bucket, good, 'put', '0090'));
    return { collection, before: await s3.read(`timelines/${collection}.json`) };
  }

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
    const { collection, before } = await collectionWithOneArticle();
    const key = `articles/${collection}/${file}`;
    await s3.put(key, body, STORY_METADATA);
    const { handler, deps } = radosgwHandler(client);
    const summary = await handler(notificationOf(s3.bucket, key, 'put', '0091'));
    expect(summary.rejected).toEqual([expect.objectContaining({ key, code })]);
    const errors = deps.logs.filter((log) => log.level === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ bucket: s3.bucket, key, code, reason: expect.any(String) }),
    ]);
    expect(deps.counted).toContainEqual({ name: 'InputsRejected', value: 1, dimensions: { reason: code } });
    expect(await s3.read(`timelines/${collection}.json`)).toEqual(before);
    tally.badInputsRejected += 1;
  });

  it('refuses an article over the size limit from its size, without reading its body', async () => {
    const { collection, before } = await collectionWithOneArticle();
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
    const { handler, deps } = radosgwHandler(proxied);
    const summary = await handler(notificationOf(s3.bucket, key, 'put', '0091'));
    expect(gets.hits).toBe(0);
    expect(summary.rejected).toEqual([expect.objectContaining({ key, code: 'too-large' })]);
    expect(deps.logs.filter((log) => log.level === 'error')).toEqual([
      expect.objectContaining({
        bucket: s3.bucket,
        key,
        reason: expect.stringMatching(/too large: 5242881 bytes/),
      }),
    ]);
    expect(await s3.read(`timelines/${collection}.json`)).toEqual(before);
    tally.badInputsRejected += 1;
    proxied.destroy();
    await proxy.close();
  });

  it.each(['articles/../a.txt', 'articles/./a.txt', 'articles//a.txt'])(
    'refuses the key %s: its collection cannot name a timeline, and nothing is written for it',
    async (key) => {
      await s3.put(key, storyText(99, 1), STORY_METADATA);
      const { handler, deps } = radosgwHandler(client);
      const summary = await handler(notificationOf(s3.bucket, key, 'put', '0091'));
      expect(summary.rejected).toEqual([expect.objectContaining({ key, code: 'bad-key' })]);
      expect(deps.logs.filter((log) => log.level === 'error')).toEqual([
        expect.objectContaining({ bucket: s3.bucket, key }),
      ]);
      for (const name of ['..', '.', '']) expect(await s3.read(`timelines/${name}.json`)).toBeUndefined();
      tally.badInputsRejected += 1;
    },
  );

  it.each([
    { name: 'a stored timeline that is not JSON', stored: '{"version": 3, "collec' },
    {
      name: 'a stored timeline that is JSON but not a timeline',
      stored:
        '{"version": 3, "collection": "x", "updatedAt": "", "articles": [{}], "events": [], "summary": {"dates": []}, "removed": []}',
    },
    {
      name: 'a stored timeline of an unknown format version',
      stored: '{"version": 1, "collection": "x", "events": []}',
    },
  ])('refuses to touch $name, reports it, and never resets it', async ({ stored }) => {
    counter += 1;
    const collection = `bad-${counter}`;
    await s3.put(`timelines/${collection}.json`, stored);
    const key = `articles/${collection}/a.txt`;
    await s3.put(key, storyText(98, 1), STORY_METADATA);
    const { handler, deps } = radosgwHandler(client);
    await expect(handler(notificationOf(s3.bucket, key, 'put', '0091'))).rejects.toThrow(
      /1 of 1 records failed/,
    );
    const logged = deps.logs.find((log) => log.level === 'error');
    expect(logged).toMatchObject({ bucket: s3.bucket, key });
    expect((logged?.error as Error | undefined)?.message).toContain(`timelines/${collection}.json`);
    expect((await s3.read(`timelines/${collection}.json`))?.body).toBe(stored);
    tally.badInputsRejected += 1;
  });

  it.each([
    { name: 'spaces', file: 'nk talks – full.txt' },
    { name: 'a plus', file: 'c++ and 1+1.txt' },
    { name: 'a percent sign', file: '100% sure.txt' },
    { name: 'unicode', file: 'dépêche 北朝鮮.txt' },
  ])('reads keys with $name as S3 encodes them in notifications', async ({ file }) => {
    const { collection } = await collectionWithOneArticle();
    const key = `articles/${collection}/${file}`;
    await s3.put(key, storyText(97, 1), STORY_METADATA);
    const summary = await radosgwHandler(client).handler(notificationOf(s3.bucket, key, 'put', '0091'));
    expect(summary.synced).toEqual([expect.objectContaining({ key, result: 'updated', action: 'upsert' })]);
    const stored = await storedTimeline(s3, collection);
    expectValid(stored?.timeline);
    expect(stored?.timeline.articles.map((article) => article.key)).toContain(key);
  });

  it('reads HTML with scripts and styles for its visible text only', async () => {
    const { collection } = await collectionWithOneArticle();
    const key = `articles/${collection}/page.html`;
    const html = `<html><head><title>Talks</title><style>.x { content: "Friday" }</style></head><body>
      <script>var when = "on March 3, 2017";</script><p>KCNA said on November 2 that the talks would continue.</p></body></html>`;
    await s3.put(key, html, STORY_METADATA, 'text/html');
    const summary = await radosgwHandler(client).handler(notificationOf(s3.bucket, key, 'put', '0091'));
    expect(summary.synced[0]).toMatchObject({ result: 'updated', events: 1 });
    const stored = await storedTimeline(s3, collection);
    const texts = stored?.timeline.events
      .flatMap((event) => event.sources)
      .filter((source) => source.article === key);
    expect(texts?.map((source) => source.text)).toEqual([
      'KCNA said on November 2 that the talks would continue.',
    ]);
  });

  it('reads invalid UTF-8 as Windows-1252 and says so in a warning naming the key', async () => {
    const { collection } = await collectionWithOneArticle();
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
    const { handler, deps } = radosgwHandler(client);
    await handler(notificationOf(s3.bucket, key, 'put', '0091'));
    expect(deps.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', key, message: expect.stringMatching(/Windows-1252/) }),
    );
    const stored = await storedTimeline(s3, collection);
    expect(stored?.timeline.articles.find((article) => article.key === key)?.encoding).toBe('windows-1252');
  });

  it('takes out an article deleted before it was read, and creates no timeline for one never seen', async () => {
    const { collection, before } = await collectionWithOneArticle();
    const { handler } = radosgwHandler(client);
    const gone = await handler(notificationOf(s3.bucket, `articles/${collection}/never.txt`, 'put', '0091'));
    expect(gone.synced[0]).toMatchObject({ action: 'remove' });
    const after = await storedTimeline(s3, collection);
    expect(after?.timeline.articles).toEqual(JSON.parse(before?.body ?? '{}').articles);
    const fresh = await handler(
      notificationOf(s3.bucket, 'articles/nobody-here/never.txt', 'delete', '0091'),
    );
    expect(fresh.synced[0]).toMatchObject({ action: 'remove', result: 'unchanged' });
    expect(await s3.read('timelines/nobody-here.json')).toBeUndefined();
  });

  it('ignores a notification for another prefix and answers s3:TestEvent', async () => {
    const { handler } = radosgwHandler(client);
    const other = await handler(notificationOf(s3.bucket, 'timelines/story-1001.json', 'put', '0091'));
    expect(other.ignored).toEqual(['timelines/story-1001.json']);
    const test = await handler({ Event: 's3:TestEvent' } as never);
    expect(test).toEqual({ records: 0, synced: [], ignored: [], rejected: [] });
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
      const { handler, deps } = radosgwHandler(client);
      const start = performance.now();
      const summary = await handler(notificationOf(s3.bucket, key, 'put', '0091'));
      const seconds = (performance.now() - start) / 1000;
      process.stdout.write(
        `adversarial ${name}: ${seconds.toFixed(1)} s, ${JSON.stringify(summary.synced[0] ?? summary.rejected[0])}\n`,
      );
      // Each has more dates than the limit: the first events are kept, and the log says how many
      // were left out.
      expect(summary.synced).toEqual([
        expect.objectContaining({ key, result: 'updated', events: MAX_EVENTS_PER_ARTICLE }),
      ]);
      const limited = deps.logs.find((log) => log.level === 'warn' && typeof log.dropped === 'number');
      expect(limited).toMatchObject({ bucket: s3.bucket, key, kept: MAX_EVENTS_PER_ARTICLE });
      expectValid((await storedTimeline(s3, collection))?.timeline);
    },
    60_000,
  );
});

describe('news-timeline rebuild', () => {
  async function collectionOfThree(collection: string) {
    const { handler } = radosgwHandler(client);
    for (const [index, name] of ['a', 'b', 'c', 'gone'].entries()) {
      const key = `articles/${collection}/${name}.txt`;
      const etag = await s3.put(key, storyText(110 + index, 1), STORY_METADATA);
      await handler(notificationOf(s3.bucket, key, 'put', `00A${index}`, etag));
    }
    await s3.delete(`articles/${collection}/gone.txt`);
    await handler(notificationOf(s3.bucket, `articles/${collection}/gone.txt`, 'delete', '00B0'));
    return (await storedTimeline(s3, collection))?.timeline as Timeline;
  }
  /** What the timeline says, less what can only come from notifications (the ledger). */
  const content = (timeline: Timeline | undefined) =>
    timeline && {
      articles: timeline.articles.map(({ sequencer: _sequencer, ...article }) => article),
      events: timeline.events,
      summary: timeline.summary,
    };

  it('rebuilds a deleted timeline from the articles in the bucket', async () => {
    const before = await collectionOfThree('rebuild-deleted');
    await s3.delete('timelines/rebuild-deleted.json');
    const storage = radosgwStorage(client);
    const deps = testDependencies(client, { articles: storage, timelines: storage });
    const summary = await rebuildTimeline(deps, s3.bucket, 'rebuild-deleted');
    expect(summary).toMatchObject({ previous: 'missing', articles: 3, rejected: [] });
    const after = (await storedTimeline(s3, 'rebuild-deleted'))?.timeline;
    expectValid(after);
    expect(content(after)).toEqual(content(before));
  });

  it('rebuilds over garbage with the CLI, printing progress and a summary', async () => {
    const before = await collectionOfThree('rebuild-garbage');
    await s3.put('timelines/rebuild-garbage.json', '\u0000\u0001 not a timeline');
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
      ],
      {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: RADOSGW.accessKeyId,
          AWS_SECRET_ACCESS_KEY: RADOSGW.secretAccessKey,
        },
      },
    );
    expect(stderr).toContain('read 3 of 3 articles');
    expect(stdout).toMatch(
      /rebuilt s3:\/\/.+\/timelines\/rebuild-garbage\.json: 3 articles, \d+ events, 0 articles skipped; the stored one was unreadable/,
    );
    const after = (await storedTimeline(s3, 'rebuild-garbage'))?.timeline;
    expectValid(after);
    expect(content(after)).toEqual(content(before));
  });

  it('skips and lists an article that became unreadable, without remembering it as removed', async () => {
    await collectionOfThree('rebuild-unreadable');
    await s3.put('articles/rebuild-unreadable/c.txt', PNG);
    const storage = radosgwStorage(client);
    const deps = testDependencies(client, { articles: storage, timelines: storage });
    const summary = await rebuildTimeline(deps, s3.bucket, 'rebuild-unreadable');
    expect(summary.rejected).toEqual([
      expect.objectContaining({ key: 'articles/rebuild-unreadable/c.txt', code: 'binary' }),
    ]);
    const after = (await storedTimeline(s3, 'rebuild-unreadable'))?.timeline;
    expectValid(after);
    expect(after?.articles.map((article) => article.key)).toEqual([
      'articles/rebuild-unreadable/a.txt',
      'articles/rebuild-unreadable/b.txt',
    ]);
    expect(after?.removed.map((entry) => entry.key)).toEqual(['articles/rebuild-unreadable/gone.txt']);
  });

  it('keeps the ledger of a readable timeline, and upgrades a version 2 timeline', async () => {
    const before = await collectionOfThree('rebuild-v2');
    const { removed: _removed, ...rest } = before;
    await s3.put('timelines/rebuild-v2.json', JSON.stringify({ ...rest, version: 2 }));
    // The handler reads a version 2 timeline as it is: an old format never blocks a collection.
    const storage = radosgwStorage(client);
    expect((await storage.loadTimeline(s3.bucket, 'rebuild-v2'))?.upgradedFrom).toBe(2);
    const deps = testDependencies(client, { articles: storage, timelines: storage });
    const summary = await rebuildTimeline(deps, s3.bucket, 'rebuild-v2');
    expect(summary).toMatchObject({ previous: 'upgraded', articles: 3 });
    const after = (await storedTimeline(s3, 'rebuild-v2'))?.timeline;
    expectValid(after);
    expect(after?.version).toBe(3);
    expect(after?.articles.map((article) => article.sequencer)).toEqual(['00A0', '00A1', '00A2']);
    expect(content(after)).toEqual(content(before));
  });
});
