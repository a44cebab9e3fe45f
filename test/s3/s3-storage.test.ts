import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_DIALECT, S3Storage } from '../../src/adapters/s3-storage.ts';
import { ConflictError } from '../../src/core/errors.ts';
import { newBucket, radosgwClient, radosgwStorage, type TestBucket } from './radosgw.ts';

// The adapter's compare-and-swap against a server that enforces it: the one primitive both
// functions build on (a report per article key, the index of a collection's view). Each of these
// fails when the conditions (If-Match / If-None-Match) are taken out of S3Storage.write.
const client = radosgwClient();
const storage = radosgwStorage(client);
let s3: TestBucket;
let counter = 0;

beforeAll(async () => {
  s3 = await newBucket(client, 'adapter');
});
afterAll(() => client.destroy());

/** A key of its own for each test, under both prefixes the functions write conditionally. */
function nextKey(): string {
  counter += 1;
  return counter % 2 === 0
    ? `reports/adapter/a${counter}.txt.json`
    : `timelines/adapter-${counter}/index.json`;
}

const body = (note: string) => JSON.stringify({ note });

describe('S3Storage on radosgw', () => {
  it('creates with If-None-Match: *, then updates with If-Match on the ETag it read', async () => {
    const key = nextKey();
    const created = await storage.write(s3.bucket, key, body('a'), { ifNoneMatch: '*' });
    const stored = await storage.read(s3.bucket, key);
    expect(stored).toEqual({ body: body('a'), etag: created });
    expect(created).toMatch(/^"[0-9a-f]+"$/);
    if (stored === undefined || stored === 'not-modified') throw new Error('no document');
    const updated = await storage.write(s3.bucket, key, body('b'), { ifMatch: stored.etag });
    expect(await storage.read(s3.bucket, key)).toEqual({ body: body('b'), etag: updated });
    expect(await storage.etagOf(s3.bucket, key)).toBe(updated);
  });

  it('needs the radosgw dialect: radosgw 16 answers 412 to the quoted ETag that AWS takes', async () => {
    const key = nextKey();
    const etag = (await storage.write(s3.bucket, key, body('a'), { ifNoneMatch: '*' })) as string;
    const asForAws = new S3Storage(client, { dialect: AWS_DIALECT });
    await expect(asForAws.write(s3.bucket, key, body('b'), { ifMatch: etag })).rejects.toThrow(ConflictError);
    expect((await s3.read(key))?.body).toBe(body('a'));
  });

  it('refuses a write on a stale ETag (412) and leaves the stored document as it was', async () => {
    const key = nextKey();
    const first = (await storage.write(s3.bucket, key, body('a'), { ifNoneMatch: '*' })) as string;
    await storage.write(s3.bucket, key, body('b'), { ifMatch: first });
    const current = await s3.read(key);
    await expect(storage.write(s3.bucket, key, body('c'), { ifMatch: first })).rejects.toThrow(ConflictError);
    expect(await s3.read(key)).toEqual(current);
  });

  it('refuses to create a document that exists (If-None-Match: *) and leaves it as it was', async () => {
    const key = nextKey();
    await storage.write(s3.bucket, key, body('a'), { ifNoneMatch: '*' });
    const before = await s3.read(key);
    await expect(storage.write(s3.bucket, key, body('b'), { ifNoneMatch: '*' })).rejects.toThrow(
      ConflictError,
    );
    expect(await s3.read(key)).toEqual(before);
  });

  it('treats If-Match on a document deleted meanwhile as a lost race, and creates nothing', async () => {
    const key = nextKey();
    const etag = (await storage.write(s3.bucket, key, body('a'), { ifNoneMatch: '*' })) as string;
    await storage.remove(s3.bucket, key);
    await expect(storage.write(s3.bucket, key, body('b'), { ifMatch: etag })).rejects.toThrow(ConflictError);
    expect(await s3.read(key)).toBeUndefined();
  });

  it('lets exactly one of 20 concurrent writes on the same ETag land', async () => {
    const key = nextKey();
    const etag = (await storage.write(s3.bucket, key, body('a'), { ifNoneMatch: '*' })) as string;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        storage.write(s3.bucket, key, body(`w${index}`), { ifMatch: etag }),
      ),
    );
    const landed = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
    expect(landed).toHaveLength(1);
    for (const result of results)
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConflictError);
    expect((await s3.read(key))?.body).toBe(body(`w${landed[0]}`));
  });

  it('lets exactly one of 20 concurrent creations (If-None-Match: *) land', async () => {
    const key = nextKey();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        storage.write(s3.bucket, key, body(`c${index}`), { ifNoneMatch: '*' }),
      ),
    );
    const landed = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
    expect(landed).toHaveLength(1);
    for (const result of results)
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConflictError);
    expect((await s3.read(key))?.body).toBe(body(`c${landed[0]}`));
  });

  it('overwrites without a condition (the content-addressed documents of a view)', async () => {
    const key = nextKey();
    await storage.write(s3.bucket, key, body('a'));
    const etag = await storage.write(s3.bucket, key, body('b'));
    expect(await s3.read(key)).toEqual({ body: body('b'), etag });
  });

  it('answers a conditional GET with the current ETag with not-modified, and an old one with the body', async () => {
    const key = nextKey();
    const old = (await storage.write(s3.bucket, key, body('a'), { ifNoneMatch: '*' })) as string;
    const current = (await storage.write(s3.bucket, key, body('b'), { ifMatch: old })) as string;
    expect(await storage.read(s3.bucket, key, current)).toBe('not-modified');
    expect(await storage.read(s3.bucket, key, old)).toEqual({ body: body('b'), etag: current });
    await storage.remove(s3.bucket, key);
    expect(await storage.read(s3.bucket, key, current)).toBeUndefined();
  });

  it('reads, heads and deletes a missing key without an error', async () => {
    const key = nextKey();
    expect(await storage.read(s3.bucket, key)).toBeUndefined();
    expect(await storage.etagOf(s3.bucket, key)).toBeUndefined();
    await expect(storage.remove(s3.bucket, key)).resolves.toBeUndefined();
  });

  it('lists the documents under a prefix in key order, and nothing beside it', async () => {
    const prefix = `state/list-${counter}/`;
    const keys = Array.from({ length: 20 }, (_, index) => `${prefix}${String(index).padStart(2, '0')}.json`);
    await Promise.all([...keys].reverse().map((key) => storage.write(s3.bucket, key, '{}')));
    await storage.write(s3.bucket, `state/list-${counter}.json`, '{}');
    const listed: string[] = [];
    for await (const object of storage.list(s3.bucket, prefix)) listed.push(object.key);
    expect(listed).toEqual(keys);
  });

  it('reads an article with If-Match on the ETag of its HEAD, in the radosgw dialect', async () => {
    const etag = await s3.put('articles/x/a.txt', 'The envoy left on Monday.');
    const article = await storage.getArticle(s3.bucket, 'articles/x/a.txt');
    expect(article?.etag).toBe(etag);
    expect(await storage.articleEtag(s3.bucket, 'articles/x/a.txt')).toBe(etag);
    expect(new TextDecoder().decode(article?.bytes)).toBe('The envoy left on Monday.');
    expect(await storage.getArticle(s3.bucket, 'articles/x/missing.txt')).toBeUndefined();
    expect(await storage.articleEtag(s3.bucket, 'articles/x/missing.txt')).toBeUndefined();
  });
});
