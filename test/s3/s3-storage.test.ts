import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_DIALECT, S3Storage } from '../../src/adapters/s3-storage.ts';
import { ConflictError } from '../../src/core/errors.ts';
import { emptyTimeline, type Timeline } from '../../src/core/timeline.ts';
import { newBucket, radosgwClient, radosgwStorage, type TestBucket } from './radosgw.ts';

// The adapter's compare-and-swap against a server that enforces it. Each of these fails when the
// conditions (If-Match / If-None-Match) are taken out of S3Storage.saveTimeline.
const client = radosgwClient();
const storage = radosgwStorage(client);
let s3: TestBucket;
let counter = 0;

beforeAll(async () => {
  s3 = await newBucket(client, 'adapter');
});
afterAll(() => client.destroy());

function timeline(collection: string, note: string): Timeline {
  return emptyTimeline(collection, `2018-11-0${note.length % 9}T00:00:00.000Z`);
}

function nextCollection(): string {
  counter += 1;
  return `adapter-${counter}`;
}

describe('S3Storage on radosgw', () => {
  it('creates with If-None-Match: *, then updates with If-Match on the ETag it read', async () => {
    const collection = nextCollection();
    await storage.saveTimeline(s3.bucket, timeline(collection, 'a'), undefined);
    const stored = await storage.loadTimeline(s3.bucket, collection);
    expect(stored?.etag).toMatch(/^"[0-9a-f]+"$/);
    const next = { ...timeline(collection, 'bb'), updatedAt: '2018-11-09T00:00:00.000Z' };
    await storage.saveTimeline(s3.bucket, next, stored?.etag);
    expect((await storage.loadTimeline(s3.bucket, collection))?.timeline.updatedAt).toBe(next.updatedAt);
  });

  it('needs the radosgw dialect: radosgw 16 answers 412 to the quoted ETag that AWS takes', async () => {
    const collection = nextCollection();
    await storage.saveTimeline(s3.bucket, timeline(collection, 'a'), undefined);
    const stored = await storage.loadTimeline(s3.bucket, collection);
    const asForAws = new S3Storage(client, { dialect: AWS_DIALECT });
    await expect(asForAws.saveTimeline(s3.bucket, timeline(collection, 'bb'), stored?.etag)).rejects.toThrow(
      ConflictError,
    );
  });

  it('refuses a write on a stale ETag (412) and leaves the stored timeline as it was', async () => {
    const collection = nextCollection();
    await storage.saveTimeline(s3.bucket, timeline(collection, 'a'), undefined);
    const first = await storage.loadTimeline(s3.bucket, collection);
    await storage.saveTimeline(
      s3.bucket,
      { ...timeline(collection, 'a'), updatedAt: '2018-11-10T00:00:00.000Z' },
      first?.etag,
    );
    const current = await s3.read(`timelines/${collection}.json`);
    await expect(
      storage.saveTimeline(
        s3.bucket,
        { ...timeline(collection, 'a'), updatedAt: '2018-11-11T00:00:00.000Z' },
        first?.etag,
      ),
    ).rejects.toThrow(ConflictError);
    expect(await s3.read(`timelines/${collection}.json`)).toEqual(current);
  });

  it('refuses to create a timeline that exists (If-None-Match: *) and leaves it as it was', async () => {
    const collection = nextCollection();
    await storage.saveTimeline(s3.bucket, timeline(collection, 'a'), undefined);
    const before = await s3.read(`timelines/${collection}.json`);
    await expect(
      storage.saveTimeline(
        s3.bucket,
        { ...timeline(collection, 'a'), updatedAt: '2018-11-12T00:00:00.000Z' },
        undefined,
      ),
    ).rejects.toThrow(ConflictError);
    expect(await s3.read(`timelines/${collection}.json`)).toEqual(before);
  });

  it('treats If-Match on a timeline deleted meanwhile as a lost race, and creates nothing', async () => {
    const collection = nextCollection();
    await storage.saveTimeline(s3.bucket, timeline(collection, 'a'), undefined);
    const stored = await storage.loadTimeline(s3.bucket, collection);
    await s3.delete(`timelines/${collection}.json`);
    await expect(storage.saveTimeline(s3.bucket, timeline(collection, 'bb'), stored?.etag)).rejects.toThrow(
      ConflictError,
    );
    expect(await s3.read(`timelines/${collection}.json`)).toBeUndefined();
  });

  it('lets exactly one of 20 concurrent writes on the same ETag land', async () => {
    const collection = nextCollection();
    await storage.saveTimeline(s3.bucket, timeline(collection, 'a'), undefined);
    const stored = await storage.loadTimeline(s3.bucket, collection);
    const writes = Array.from({ length: 20 }, (_, index) =>
      storage.saveTimeline(
        s3.bucket,
        {
          ...timeline(collection, 'a'),
          updatedAt: `2018-11-20T00:00:${String(index).padStart(2, '0')}.000Z`,
        },
        stored?.etag,
      ),
    );
    const results = await Promise.allSettled(writes);
    const landed = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
    expect(landed).toHaveLength(1);
    for (const result of results)
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConflictError);
    const winner = await storage.loadTimeline(s3.bucket, collection);
    expect(winner?.timeline.updatedAt).toBe(`2018-11-20T00:00:${String(landed[0]).padStart(2, '0')}.000Z`);
  });

  it('reads an article with If-Match on the ETag of its HEAD, in the radosgw dialect', async () => {
    const etag = await s3.put('articles/x/a.txt', 'The envoy left on Monday.');
    const article = await storage.getArticle(s3.bucket, 'articles/x/a.txt');
    expect(article?.etag).toBe(etag);
    expect(new TextDecoder().decode(article?.bytes)).toBe('The envoy left on Monday.');
    expect(await storage.getArticle(s3.bucket, 'articles/x/missing.txt')).toBeUndefined();
  });
});
