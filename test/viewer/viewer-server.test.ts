import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '../../src/adapters/s3-storage.ts';
import { TimelineError } from '../../src/core/errors.ts';
import {
  articlePageKeyOf,
  indexKeyOf,
  type MonthTable,
  monthTableKeyOf,
  shardKeysOf,
  type ViewIndex,
} from '../../src/core/view.ts';
import type { DocumentStore } from '../../src/ports.ts';
import {
  startViewerServer,
  ViewerPortInUseError,
  type ViewerServer,
} from '../../src/viewer/viewer-server.ts';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';
import { largeCollection } from './support/large-collection.ts';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A request with the path exactly as given (fetch would resolve `..` before sending it). */
function get(
  server: ViewerServer,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const errorOf = (answer: Answer): string => (JSON.parse(answer.body) as { error: string }).error;

describe('the viewer server', () => {
  let s3: TestS3Server;
  let server: ViewerServer;
  let only: ViewerServer;
  let index: ViewIndex;
  let monthKey: string;
  let shardKey: string;
  let pageKey: string;
  const COLLECTION = 'gulf spill';

  beforeAll(async () => {
    s3 = await startS3Server();
    const view = largeCollection({ collection: COLLECTION, articles: 30 });
    index = view.index;
    for (const write of view.writes) await s3.put(write.key, write.body);
    await s3.put(indexKeyOf(COLLECTION), JSON.stringify(index));
    const other = largeCollection({ collection: 'other', articles: 3, seed: 7 });
    for (const write of other.writes) await s3.put(write.key, write.body);
    await s3.put(indexKeyOf('other'), JSON.stringify(other.index));
    // What the bucket holds beside the view: none of it may be served.
    await s3.put('articles/other/secret.txt', 'not for the page');
    await s3.put('reports/other/secret.txt.json', '{}');
    const month = index.months[0] as ViewIndex['months'][number];
    monthKey = monthTableKeyOf(COLLECTION, month.month, month.hash);
    const table = JSON.parse((await s3.read(monthKey))?.body ?? '{}') as MonthTable;
    shardKey = shardKeysOf(COLLECTION, table.partitions[0] as MonthTable['partitions'][number])[0] as string;
    const page = index.articles.pages[0] as ViewIndex['articles']['pages'][number];
    pageKey = articlePageKeyOf(COLLECTION, page.page, page.hash);
    const documents = new S3Storage(s3.client);
    server = await startViewerServer({ documents, bucket: s3.bucket });
    only = await startViewerServer({ documents, bucket: s3.bucket, collections: [COLLECTION] });
  });
  afterAll(async () => {
    await server?.close();
    await only?.close();
    await s3?.close();
  });

  const documentPath = (key: string) => `/api/documents/${key.split('/').map(encodeURIComponent).join('/')}`;
  const indexPath = (collection: string) => `/api/collections/${encodeURIComponent(collection)}/index`;

  it('lists the collections of the bucket, or only those it serves', async () => {
    const all = await get(server, '/api/collections');
    expect(all.status).toBe(200);
    expect(JSON.parse(all.body)).toEqual({ bucket: s3.bucket, collections: [COLLECTION, 'other'] });
    expect(JSON.parse((await get(only, '/api/collections')).body).collections).toEqual([COLLECTION]);
  });

  it('serves the index as stored, revalidated on every read, 304 while its ETag holds', async () => {
    const first = await get(server, indexPath(COLLECTION));
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(JSON.parse(first.body)).toEqual(index);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await get(server, indexPath(COLLECTION), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const head = await get(server, indexPath(COLLECTION), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers 404 with a message for a collection with no timeline, or one it does not serve', async () => {
    const missing = await get(server, indexPath('nowhere'));
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(missing.headers['cache-control']).toBe('no-store');
    expect(errorOf(missing)).toContain('no timeline for the collection "nowhere"');
    const elsewhere = await get(only, indexPath('other'));
    expect(elsewhere.status).toBe(404);
    expect(errorOf(elsewhere)).toBe(`this viewer serves "${COLLECTION}", not "other"`);
    expect((await get(server, indexPath('..'))).status).toBe(400);
  });

  it('serves month tables, shards and article pages as immutable JSON', async () => {
    for (const key of [monthKey, shardKey, pageKey]) {
      const answer = await get(server, documentPath(key));
      expect(answer.status, key).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.body).toBe((await s3.read(key))?.body);
      const again = await get(server, documentPath(key), {
        headers: { 'if-none-match': answer.headers.etag as string },
      });
      expect(again.status).toBe(304);
    }
  });

  it.each([
    ['the merge state', '/api/documents/state/gulf%20spill/partitions/2010-04-20.0.0123456789ab.json'],
    ['an article', '/api/documents/articles/other/secret.txt'],
    ['a report', '/api/documents/reports/other/secret.txt.json'],
    ['the index by its key', '/api/documents/timelines/other/index.json'],
    ['a name of no document', '/api/documents/timelines/other/shards/secret.txt'],
    ['another folder', '/api/documents/timelines/other/drafts/2010-04.0123456789ab.json'],
  ])('serves no other key of the bucket: %s', async (_what, path) => {
    const answer = await get(server, path);
    expect(answer.status).toBe(404);
    expect(errorOf(answer)).toContain("only a view's documents are served");
  });

  it.each([
    ['dot segments', '/api/documents/timelines/other/shards/../../../articles/other/secret.txt'],
    ['encoded dot segments', '/api/documents/timelines/other/%2e%2e/%2E%2E/articles/other/secret.txt'],
    ['an encoded slash', '/api/documents/timelines/other%2F..%2F..%2Farticles/other/secret.txt'],
    ['a backslash', '/api/documents/timelines/other/shards/..%5C..%5Csecret.txt'],
    ['broken percent-encoding', '/api/documents/timelines/%E0%A4%A/months/2010-04.0123456789ab.json'],
  ])('refuses a path that could leave the view: %s', async (_what, path) => {
    const answer = await get(server, path);
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(errorOf(answer)).toMatch(/path segment/);
  });

  it("serves another collection's documents only when it serves that collection", async () => {
    const month = JSON.parse((await s3.read(indexKeyOf('other')))?.body ?? '{}').months[0];
    const key = monthTableKeyOf('other', month.month, month.hash);
    expect((await get(server, documentPath(key))).status).toBe(200);
    expect((await get(only, documentPath(key))).status).toBe(404);
  });

  it('answers 404 for a document gone since its index was read, 502 for one that is not ours', async () => {
    const gone = await get(server, documentPath(monthTableKeyOf(COLLECTION, '2010-04', '000000000000')));
    expect(gone.status).toBe(404);
    expect(errorOf(gone)).toContain('read the index again');
    const foreign = monthTableKeyOf(COLLECTION, '1999-01', 'aaaaaaaaaaaa');
    await s3.put(foreign, '<html>not a table</html>');
    const corrupt = await get(server, documentPath(foreign));
    expect(corrupt.status).toBe(502);
    expect(errorOf(corrupt)).toContain('not JSON');
    const misplaced = monthTableKeyOf(COLLECTION, '1999-02', 'bbbbbbbbbbbb');
    await s3.put(misplaced, (await s3.read(monthKey))?.body.replace(`"${COLLECTION}"`, '"other"') ?? '');
    const moved = await get(server, documentPath(misplaced));
    expect(moved.status).toBe(502);
    expect(errorOf(moved)).toContain('belongs to "other"');
  });

  it('serves the page, its files and nothing else from the folder', async () => {
    const page = await get(server, `/c/${encodeURIComponent(COLLECTION)}?q=spill`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<script type="module" src="/assets/viewer.js">');
    const script = await get(server, '/assets/viewer.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('no-cache');
    expect(
      (
        await get(server, '/assets/viewer.js', {
          headers: { 'if-none-match': script.headers.etag as string },
        })
      ).status,
    ).toBe(304);
    expect((await get(server, '/assets/viewer.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(server, '/assets/nothing.js')).status).toBe(404);
    expect((await get(server, '/assets/..%2Fpackage.json')).status).toBe(400);
    expect((await get(server, '/assets/../package.json')).status).toBe(400);
    expect((await get(server, '/package.json')).status).toBe(404);
    // One collection: the home page is its page.
    const home = await get(only, '/');
    expect(home.status).toBe(302);
    expect(home.headers.location).toBe('/c/gulf%20spill');
    expect((await get(server, '/')).status).toBe(200);
  });

  it('is read-only, and answers only to its own address', async () => {
    const post = await get(server, indexPath(COLLECTION), { method: 'PUT' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect(errorOf(post)).toContain('read-only');
    const rebound = await get(server, indexPath(COLLECTION), { headers: { host: 'attacker.example:80' } });
    expect(rebound.status).toBe(403);
    expect(errorOf(rebound)).toContain(`answers only at http://127.0.0.1:${server.port}`);
    expect(
      (await get(server, indexPath(COLLECTION), { headers: { host: `localhost:${server.port}` } })).status,
    ).toBe(200);
  });

  it('says what failed when the bucket cannot be read (502), and reports it', async () => {
    const failures: unknown[] = [];
    const broken: DocumentStore = {
      read: async (bucket, key) => {
        throw new TimelineError(`cannot read s3://${bucket}/${key}`, { cause: new Error('Access Denied') });
      },
      write: async () => undefined,
      remove: async () => {},
      etagOf: async () => undefined,
      list: async function* () {},
    };
    const failing = await startViewerServer({
      documents: broken,
      bucket: 'private',
      onError: (error) => failures.push(error),
    });
    try {
      const answer = await get(failing, indexPath('north-korea'));
      expect(answer.status).toBe(502);
      expect(errorOf(answer)).toBe(
        'cannot read s3://private/timelines/north-korea/index.json: Access Denied',
      );
      expect(failures).toHaveLength(1);
    } finally {
      await failing.close();
    }
  });

  it('says which port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const attempt = startViewerServer({ documents: new S3Storage(s3.client), bucket: s3.bucket, port });
      await expect(attempt).rejects.toBeInstanceOf(ViewerPortInUseError);
      await expect(attempt).rejects.toThrow(`port ${port} on 127.0.0.1 is in use`);
    } finally {
      blocker.close();
    }
  });
});
