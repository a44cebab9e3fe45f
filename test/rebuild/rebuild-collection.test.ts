import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '../../src/adapters/s3-storage.ts';
import { indexKeyOf } from '../../src/core/view.ts';
import { rebuildCollection } from '../../src/rebuild-collection.ts';
import { memoryLogger, memoryMetrics, testHandler } from '../support/handler-deps.ts';
import { notificationFor } from '../support/s3-events.ts';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';
import { storedView } from '../support/stored-view.ts';

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3.close();
});

const rebuild = (collection: string) =>
  rebuildCollection(
    {
      articles: new S3Storage(s3.client),
      documents: new S3Storage(s3.client),
      logger: memoryLogger(),
      metrics: memoryMetrics(),
      now: () => new Date(),
      sleep: async () => {},
      maxAttempts: 4,
    },
    s3.bucket,
    collection,
  );

// Two reports of one event; the one published first arrives last.
async function uploadLateFirstReport(collection: string): Promise<string> {
  const later = `articles/${collection}/later.txt`;
  const earlier = `articles/${collection}/earlier.txt`;
  await s3.put(later, 'KCNA said November 2 that North Korea would not move.', { published: '2018-11-09' });
  await s3.put(earlier, 'KCNA said on November 2 that North Korea would not move.', {
    published: '2018-11-03',
  });
  const { handler } = testHandler(s3.client);
  await handler(notificationFor(later, s3.bucket));
  const first = (await storedView(s3.client, s3.bucket, collection))?.timeline.events[0]?.id as string;
  await handler(notificationFor(earlier, s3.bucket));
  const joined = (await storedView(s3.client, s3.bucket, collection))?.timeline;
  expect(joined?.events).toHaveLength(1);
  expect(joined?.events[0]?.id).toBe(first);
  return first;
}

describe('rebuildCollection', () => {
  it('keeps the ids of a readable view: it updates it like the compactor, every key as changed', async () => {
    const id = await uploadLateFirstReport('keep');
    const before = await storedView(s3.client, s3.bucket, 'keep');
    const summary = await rebuild('keep');
    expect(summary).toMatchObject({ previous: 'current', articles: 2, events: 1, rejected: [] });
    const after = await storedView(s3.client, s3.bucket, 'keep');
    expect(after?.timeline.events.map((event) => event.id)).toEqual([id]);
    // Nothing changed: nothing written, the index as it was.
    expect(after?.etag).toBe(before?.etag);
  });

  it('builds a view from nothing when the index is gone: ids are those of the first reports', async () => {
    const id = await uploadLateFirstReport('fresh');
    await s3.delete(indexKeyOf('fresh'));
    const summary = await rebuild('fresh');
    expect(summary).toMatchObject({ previous: 'missing', articles: 2, events: 1 });
    const after = await storedView(s3.client, s3.bucket, 'fresh');
    expect(after?.timeline.articles.map((article) => article.key)).toEqual([
      'articles/fresh/earlier.txt',
      'articles/fresh/later.txt',
    ]);
    // Named after the earliest-published report now, not the first to arrive.
    expect(after?.timeline.events[0]?.id).not.toBe(id);
  });

  it('deletes what no index points at, and the earlier version’s timeline it migrates', async () => {
    await uploadLateFirstReport('sweep');
    await s3.put('timelines/sweep/shards/2018-11-02.0.000000000000.json', '{}');
    await s3.put('timelines/sweep.json', '{"version": 3, "articles": [], "events": [], "removed": []}');
    await new Promise((resolve) => setTimeout(resolve, 1100)); // S3's LastModified has seconds
    const summary = await rebuild('sweep');
    expect(summary.swept).toBe(2);
    expect(await s3.read('timelines/sweep/shards/2018-11-02.0.000000000000.json')).toBeUndefined();
    expect(await s3.read('timelines/sweep.json')).toBeUndefined();
    expect((await storedView(s3.client, s3.bucket, 'sweep'))?.timeline.events).toHaveLength(1);
  });
});
