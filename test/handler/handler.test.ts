import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TimelineError } from '../../src/core/errors.ts';
import type { ArticleReport } from '../../src/core/report.ts';
import type { WholeTimeline } from '../../src/core/view.ts';
import { expectNkTalksGolden } from '../golden/nk-talks-expectations.ts';
import { testHandler } from '../support/handler-deps.ts';
import { refuseWrites } from '../support/refuse-writes.ts';
import { notificationFor, SAMPLE_ARTICLES, sampleArticleBytes, sampleEvent } from '../support/s3-events.ts';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';
import { storedView } from '../support/stored-view.ts';

const [FULL, SHORT] = SAMPLE_ARTICLES.articles as [
  (typeof SAMPLE_ARTICLES.articles)[0],
  (typeof SAMPLE_ARTICLES.articles)[0],
];
const NEW_YORK = { published: '2018-11-08', timezone: 'America/New_York' };

let s3: TestS3Server;
let bucketCounter = 0;

beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3.close();
});

// Each test works in its own collection so that tests cannot see each other's timelines.
let collection: string;
beforeEach(() => {
  bucketCounter += 1;
  collection = `c${bucketCounter}`;
});

/** The collection's view as a reader gets it, with its index's body and ETag (the commit point). */
const storedTimeline = (name = collection) => storedView(s3.client, s3.bucket, name);

/** The stored report of an article key. */
async function storedReport(key: string): Promise<ArticleReport | undefined> {
  const stored = await s3.read(`reports/${key.slice('articles/'.length)}.json`);
  return stored ? (JSON.parse(stored.body) as ArticleReport) : undefined;
}

async function uploadSamples(): Promise<void> {
  for (const sample of SAMPLE_ARTICLES.articles) {
    await s3.put(sample.key, sampleArticleBytes(sample.file), {
      published: sample.published,
      timezone: sample.timezone,
    });
  }
}

describe('handler on the sample events of events/', () => {
  it('builds the golden timeline from s3-put.json and s3-put-short.json, and s3-delete.json takes the short article out', async () => {
    await uploadSamples();
    const { handler } = testHandler(s3.client);
    const put = await handler(sampleEvent('s3-put.json', s3.bucket));
    expect(put.synced.map((outcome) => [outcome.key, outcome.action, outcome.result])).toEqual([
      [FULL.key, 'upsert', 'updated'],
    ]);
    await handler(sampleEvent('s3-put-short.json', s3.bucket));
    const both = await storedTimeline(SAMPLE_ARTICLES.collection);
    expect(both).toBeDefined();
    expectNkTalksGolden(both?.timeline as WholeTimeline, { full: FULL.key, short: SHORT.key });
    expect(both?.timeline.articles.map((article) => article.reference.source)).toEqual([
      'object-metadata',
      'object-metadata',
    ]);

    await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: SHORT.key }));
    const removed = await handler(sampleEvent('s3-delete.json', s3.bucket));
    expect(removed.synced.map((outcome) => [outcome.key, outcome.action, outcome.result])).toEqual([
      [SHORT.key, 'remove', 'updated'],
    ]);
    const after = (await storedTimeline(SAMPLE_ARTICLES.collection))?.timeline as WholeTimeline;
    expect(after.articles.map((article) => article.key)).toEqual([FULL.key]);
    const sourceArticles = new Set(
      after.events.flatMap((event) => event.sources.map((source) => source.article)),
    );
    expect([...sourceArticles]).toEqual([FULL.key]);
    // The shared events stay, now with one source each.
    expect(after.events.map((event) => event.id).sort()).toEqual(
      both?.timeline.events.map((event) => event.id).sort(),
    );
  });
});

describe('handler', () => {
  it('decodes keys as S3 encodes them: + is a space, %2B a plus, UTF-8 escapes', async () => {
    const key = `articles/${collection}/Gespräch über C++ + mehr (1).txt`;
    await s3.put(key, 'Officials met on Monday to discuss the talks.', NEW_YORK);
    const { handler } = testHandler(s3.client);
    const event = notificationFor(key, s3.bucket);
    expect(event.Records[0]?.s3.object.key).toBe(
      `articles/${collection}/Gespr%C3%A4ch+%C3%BCber+C%2B%2B+%2B+mehr+%281%29.txt`,
    );
    const summary = await handler(event);
    expect(summary.synced[0]?.key).toBe(key);
    const stored = (await storedTimeline())?.timeline;
    expect(stored?.articles.map((article) => article.key)).toEqual([key]);
    expect(stored?.events.map((event) => event.date.value)).toEqual(['2018-11-05']);
  });

  it('puts a file directly under articles/ into the default collection', async () => {
    const key = `articles/${collection}-loose.txt`;
    await s3.put(key, 'The minister resigned on Tuesday.', NEW_YORK);
    const { handler } = testHandler(s3.client);
    const summary = await handler(notificationFor(key, s3.bucket));
    expect(summary.synced[0]?.collection).toBe('default');
    expect((await storedTimeline('default'))?.timeline.articles.some((article) => article.key === key)).toBe(
      true,
    );
  });

  it('replaces an article’s events when it is uploaded again', async () => {
    const key = `articles/${collection}/report.txt`;
    const { handler } = testHandler(s3.client);
    await s3.put(key, 'The ministers met on Monday in Seoul.', NEW_YORK);
    await handler(notificationFor(key, s3.bucket));
    await s3.put(key, 'The ministers met on Tuesday in Seoul, not Monday as first reported.', NEW_YORK);
    await handler(notificationFor(key, s3.bucket));
    const stored = (await storedTimeline())?.timeline as WholeTimeline;
    expect(stored.articles).toHaveLength(1);
    expect(stored.events.map((event) => event.date.value)).toEqual(['2018-11-05', '2018-11-06']);
    expect(
      stored.events.every(
        (event) => event.sources.length === 1 && event.sources[0]?.text.includes('Tuesday'),
      ),
    ).toBe(true);
  });

  it('removes an article’s events on delete, and an event with no source left disappears', async () => {
    const keep = `articles/${collection}/a.txt`;
    const gone = `articles/${collection}/b.txt`;
    const { handler } = testHandler(s3.client);
    await s3.put(keep, 'KCNA said November 2 that talks had stalled.', NEW_YORK);
    await s3.put(gone, 'KCNA said November 2 that talks had stalled. The envoy left on Monday.', NEW_YORK);
    await handler(notificationFor(keep, s3.bucket));
    await handler(notificationFor(gone, s3.bucket));
    const before = (await storedTimeline())?.timeline as WholeTimeline;
    expect(before.events.map((event) => [event.date.value, event.sources.length])).toEqual([
      ['2018-11-02', 2],
      ['2018-11-05', 1],
    ]);
    await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: gone }));
    await handler(notificationFor(gone, s3.bucket, 'delete'));
    const after = (await storedTimeline())?.timeline as WholeTimeline;
    expect(after.events.map((event) => [event.date.value, event.sources.length])).toEqual([
      ['2018-11-02', 1],
    ]);
    expect(after.articles.map((article) => article.key)).toEqual([keep]);
  });

  it('changes nothing when the same notification is delivered twice', async () => {
    const key = `articles/${collection}/a.txt`;
    await s3.put(key, 'Dunford hinted Monday that troops could move.', NEW_YORK);
    const { handler } = testHandler(s3.client);
    await handler(notificationFor(key, s3.bucket));
    const first = await storedTimeline();
    const again = await handler(notificationFor(key, s3.bucket));
    expect(again.synced[0]?.result).toBe('unchanged');
    const second = await storedTimeline();
    expect(second?.body).toBe(first?.body);
    expect(second?.etag).toBe(first?.etag);
  });

  it('treats a delete of an object that exists again as the object it is, and remembers the later sequencer', async () => {
    const key = `articles/${collection}/a.txt`;
    await s3.put(key, 'Dunford hinted Monday that troops could move.', NEW_YORK);
    const { handler } = testHandler(s3.client);
    await handler(notificationFor(key, s3.bucket, 'put', '00A1'));
    const before = await storedTimeline();
    // Deleted and uploaded again: the delete's notification (00A2) arrives while the object is back.
    const late = await handler(notificationFor(key, s3.bucket, 'delete', '00A2'));
    expect(late.synced[0]).toMatchObject({ action: 'upsert', result: 'updated' });
    const after = await storedTimeline();
    expect(after?.timeline.events).toEqual(before?.timeline.events);
    expect(await storedReport(key)).toMatchObject({ sequencer: '00A2', article: { format: 'text' } });
  });

  it('changes nothing for a notification older than the one applied (a late delete of an old version)', async () => {
    const key = `articles/${collection}/a.txt`;
    await s3.put(key, 'Dunford hinted Monday that troops could move.', NEW_YORK);
    const { handler } = testHandler(s3.client);
    await handler(notificationFor(key, s3.bucket, 'put', '00B2'));
    const before = await storedTimeline();
    await s3.delete(key);
    const late = await handler(notificationFor(key, s3.bucket, 'delete', '00B1'));
    expect(late.synced[0]).toMatchObject({ action: 'none', result: 'stale' });
    expect((await storedTimeline())?.body).toBe(before?.body);
  });

  it('remembers a deleted key with its sequencer, so an older "created" notification cannot bring it back', async () => {
    const key = `articles/${collection}/a.txt`;
    const other = `articles/${collection}/b.txt`;
    await s3.put(key, 'Dunford hinted Monday that troops could move.', NEW_YORK);
    await s3.put(other, 'The envoy left on Tuesday.', NEW_YORK);
    const { handler } = testHandler(s3.client);
    await handler(notificationFor(key, s3.bucket, 'put', '0010'));
    await handler(notificationFor(other, s3.bucket, 'put', '0010'));
    await s3.delete(key);
    await handler(notificationFor(key, s3.bucket, 'delete', '0020'));
    // The tombstone: no article, the delete's sequencer.
    const tombstone = await storedReport(key);
    expect(tombstone).toMatchObject({ key, sequencer: '0020', events: [] });
    expect(tombstone?.article).toBeUndefined();
    // Uploaded again, but the redelivered notification of the first upload is older than the delete.
    await s3.put(key, 'Dunford hinted Monday that troops could move.', NEW_YORK);
    const late = await handler(notificationFor(key, s3.bucket, 'put', '0010'));
    expect(late.synced[0]?.result).toBe('stale');
    expect((await storedTimeline())?.timeline.articles.map((article) => article.key)).toEqual([other]);
    // The re-upload's own notification brings it back and clears the tombstone.
    await handler(notificationFor(key, s3.bucket, 'put', '0030'));
    const back = (await storedTimeline())?.timeline;
    expect(back?.articles.map((article) => article.key)).toEqual([key, other]);
    expect((await storedReport(key))?.sequencer).toBe('0030');
  });

  it('re-reads and writes its report again when it loses the report’s conditional write (412), keeping the other writer’s version', async () => {
    const key = `articles/${collection}/a.txt`;
    await s3.put(key, 'The envoy arrived in Pyongyang on Monday.', NEW_YORK);
    await testHandler(s3.client).handler(notificationFor(key, s3.bucket, 'put', '0001'));
    // A second "container": its first report write is preceded by a real concurrent one, for a
    // newer version of the article, and then refused with 412, as S3 would refuse it.
    const client = s3.newClient();
    const refusal = refuseWrites(client, {
      which: (written) => written.startsWith('reports/'),
      status: 412,
      times: 1,
      before: async () => {
        await s3.put(key, 'The envoy arrived in Pyongyang on Wednesday.', NEW_YORK);
        await testHandler(s3.newClient()).handler(notificationFor(key, s3.bucket, 'put', '0003'));
      },
    });
    await s3.put(key, 'The envoy arrived in Pyongyang on Tuesday.', NEW_YORK);
    const { handler, logs } = testHandler(client);
    const summary = await handler(notificationFor(key, s3.bucket, 'put', '0002'));
    expect(refusal.refused).toBe(1);
    // Read again, its notification is older than the report's: the newer version stays.
    expect(summary.synced[0]).toMatchObject({ result: 'stale', attempts: 2, conflicts: 1 });
    expect(logs.some((log) => log.message.includes('lost a concurrent report write'))).toBe(true);
    expect((await storedReport(key))?.sequencer).toBe('0003');
    expect((await storedTimeline())?.timeline.events.map((event) => event.date.value)).toEqual([
      '2018-11-07',
    ]);
  });

  it('compacts again from the new index when it loses the index’s compare-and-swap, keeping the other compaction’s articles', async () => {
    const ours = `articles/${collection}/ours.txt`;
    const theirs = `articles/${collection}/theirs.txt`;
    await s3.put(ours, 'The envoy arrived in Pyongyang on Monday.', NEW_YORK);
    await s3.put(theirs, 'KCNA said November 2 that the talks had stalled.', NEW_YORK);
    await testHandler(s3.client).handler(notificationFor(ours, s3.bucket));
    const compactorClient = s3.newClient();
    const refusal = refuseWrites(compactorClient, {
      which: (written) => written.endsWith('/index.json'),
      status: 412,
      times: 1,
      before: async () => {
        await testHandler(s3.newClient()).handler(notificationFor(theirs, s3.bucket));
      },
    });
    await s3.put(ours, 'The envoy arrived in Pyongyang on Tuesday.', NEW_YORK);
    const { handler, logs, compactions } = testHandler(s3.client, { compactorClient });
    await handler(notificationFor(ours, s3.bucket));
    expect(refusal.refused).toBe(1);
    expect(compactions[0]).toMatchObject({ result: 'updated', attempts: 2, conflicts: 1 });
    expect(logs.some((log) => log.message.includes('the view changed while it was compacted'))).toBe(true);
    const stored = (await storedTimeline())?.timeline as WholeTimeline;
    expect(stored.articles.map((article) => article.key).sort()).toEqual([ours, theirs].sort());
    expect(stored.events.map((event) => event.date.value)).toEqual(['2018-11-02', '2018-11-06']);
  });

  it('gives up after its attempts when every report write conflicts, and throws so Lambda retries', async () => {
    const key = `articles/${collection}/a.txt`;
    await s3.put(key, 'The envoy arrived on Monday.', NEW_YORK);
    const client = s3.newClient();
    const refusal = refuseWrites(client, {
      which: (written) => written.startsWith('reports/'),
      status: 409,
      times: Number.POSITIVE_INFINITY,
    });
    const { handler, logs } = testHandler(client, { maxAttempts: 3 });
    await expect(handler(notificationFor(key, s3.bucket))).rejects.toThrow(TimelineError);
    expect(refusal.refused).toBe(3);
    expect(logs.some((log) => log.level === 'error' && log.key === key)).toBe(true);
    expect(await storedReport(key)).toBeUndefined();
    expect(await storedTimeline()).toBeUndefined();
  });

  it('fails the batch when every index write conflicts, so the queue delivers it again, the view left as it was', async () => {
    const key = `articles/${collection}/a.txt`;
    await s3.put(key, 'The envoy arrived on Monday.', NEW_YORK);
    const compactorClient = s3.newClient();
    const refusal = refuseWrites(compactorClient, {
      which: (written) => written.endsWith('/index.json'),
      status: 409,
      times: Number.POSITIVE_INFINITY,
    });
    const { handler, deadLetters, logs } = testHandler(s3.client, {
      compactorClient,
      maxAttempts: 3,
      maxReceiveCount: 2,
    });
    await handler(notificationFor(key, s3.bucket));
    // Two deliveries of three attempts each, then the dead-letter queue.
    expect(refusal.refused).toBe(6);
    expect(deadLetters).toEqual([{ bucket: s3.bucket, collection, key }]);
    expect(logs.some((log) => log.message === 'failed to compact the view')).toBe(true);
    expect(await storedTimeline()).toBeUndefined();
  });

  it.each([
    {
      name: 'binary',
      body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      reason: /binary/,
    },
    { name: 'empty', body: '', reason: /empty/ },
    { name: 'whitespace', body: ' \n\t \n', reason: /empty/ },
    { name: 'malformed JSON', body: '{"title": "x", "body": ', reason: /malformed JSON/, ext: 'json' },
  ])(
    'logs a clear error for an unreadable ($name) article and leaves the timeline as it was',
    async ({ body, reason, ext }) => {
      const key = `articles/${collection}/report.${ext ?? 'txt'}`;
      const { handler, logs } = testHandler(s3.client);
      const good =
        ext === 'json'
          ? JSON.stringify({ title: 'T', body: 'The envoy left on Monday.' })
          : 'The envoy left on Monday.';
      await s3.put(key, good, NEW_YORK);
      await handler(notificationFor(key, s3.bucket));
      const before = await storedTimeline();
      await s3.put(key, body, NEW_YORK);
      const summary = await handler(notificationFor(key, s3.bucket));
      expect(summary.rejected).toHaveLength(1);
      expect(summary.rejected[0]?.reason).toMatch(reason);
      const logged = logs.find((log) => log.level === 'error');
      expect(logged?.message).toContain(key);
      expect(String(logged?.reason)).toMatch(reason);
      const after = await storedTimeline();
      expect(after?.body).toBe(before?.body);
      expect(after?.etag).toBe(before?.etag);
    },
  );

  it('refuses an article over the size limit without downloading it', async () => {
    const key = `articles/${collection}/huge.txt`;
    await s3.put(key, 'a'.repeat(5 * 1024 * 1024 + 1), NEW_YORK);
    const { handler } = testHandler(s3.client);
    const summary = await handler(notificationFor(key, s3.bucket));
    expect(summary.rejected[0]?.reason).toMatch(/too large: 5242881 bytes/);
    expect(await storedTimeline()).toBeUndefined();
  });

  it('ignores keys outside articles/, its own timeline writes above all', async () => {
    const { handler, logs } = testHandler(s3.client);
    const summary = await handler(notificationFor(`timelines/${collection}.json`, s3.bucket));
    expect(summary.ignored).toEqual([`timelines/${collection}.json`]);
    expect(summary.synced).toEqual([]);
    expect(logs.some((log) => log.message.includes('not an article key'))).toBe(true);
    expect(await storedTimeline()).toBeUndefined();
  });

  it('handles every record of an event, not only the first', async () => {
    const first = `articles/${collection}/1.txt`;
    const second = `articles/${collection}/2.txt`;
    await s3.put(first, 'The envoy left on Monday.', NEW_YORK);
    await s3.put(second, 'The treaty was signed on November 2.', NEW_YORK);
    const event = notificationFor(first, s3.bucket);
    event.Records.push(...notificationFor(second, s3.bucket).Records);
    const summary = await testHandler(s3.client).handler(event);
    expect(summary.synced.map((outcome) => outcome.key)).toEqual([first, second]);
    expect((await storedTimeline())?.timeline.articles).toHaveLength(2);
  });

  it('counts the reports the compactor merges and the documents it writes', async () => {
    const first = `articles/${collection}/1.txt`;
    const second = `articles/${collection}/2.txt`;
    await s3.put(first, 'The envoy left on Monday.', NEW_YORK);
    await s3.put(second, 'The treaty was signed on November 2.', NEW_YORK);
    const event = notificationFor(first, s3.bucket);
    event.Records.push(...notificationFor(second, s3.bucket).Records);
    const pipeline = testHandler(s3.client);
    const summary = await pipeline.handler(event);
    expect(summary.synced).toHaveLength(2);
    const merged = pipeline.counted.filter((metric) => metric.name === 'ReportsMerged');
    const written = pipeline.counted.filter((metric) => metric.name === 'ViewDocumentsWritten');
    expect(merged.reduce((sum, metric) => sum + metric.value, 0)).toBe(2);
    expect(pipeline.compactions.reduce((sum, outcome) => sum + outcome.written, 0)).toBe(
      written.reduce((sum, metric) => sum + metric.value, 0),
    );
    expect(pipeline.counted.filter((metric) => metric.name === 'ArticlesSynced')).toHaveLength(2);
  });

  it('answers S3’s test event (no Records) without error', async () => {
    const summary = await testHandler(s3.client).handler({ Event: 's3:TestEvent' });
    expect(summary).toEqual({ records: 0, synced: [], ignored: [], rejected: [] });
  });

  it('never overwrites a stored index it cannot parse, and says which', async () => {
    const key = `articles/${collection}/a.txt`;
    await s3.put(`timelines/${collection}/index.json`, '{"not": "an index"}');
    await s3.put(key, 'The envoy left on Monday.', NEW_YORK);
    const { handler, logs, deadLetters } = testHandler(s3.client);
    await handler(notificationFor(key, s3.bucket));
    expect(deadLetters).toHaveLength(1);
    const error = logs.find((log) => log.level === 'error')?.error as Error | undefined;
    expect(error?.message).toContain(`timelines/${collection}/index.json`);
    expect((await s3.read(`timelines/${collection}/index.json`))?.body).toBe('{"not": "an index"}');
    // The report is written all the same: a rebuild makes the view from it.
    expect((await storedReport(key))?.events).toHaveLength(1);
  });

  it('says in its log that a collection has an earlier version’s timeline, and builds the new view beside it', async () => {
    const key = `articles/${collection}/a.txt`;
    await s3.put(`timelines/${collection}.json`, '{"version": 3, "articles": [], "events": []}');
    await s3.put(key, 'The envoy left on Monday.', NEW_YORK);
    const { handler, logs } = testHandler(s3.client);
    await handler(notificationFor(key, s3.bucket));
    const warning = logs.find((log) => log.level === 'warn');
    expect(warning?.message).toContain(`news-timeline rebuild ${collection}`);
    expect(warning?.legacy).toBe(`timelines/${collection}.json`);
    expect((await storedTimeline())?.timeline.articles.map((article) => article.key)).toEqual([key]);
  });

  it('reads the reference date from the document when the object has no metadata', async () => {
    const key = `articles/${collection}/page.html`;
    const html = `<html><head><title>Talks</title><meta property="article:published_time" content="2018-11-08T10:00:00-05:00"></head>
      <body><nav>Home News Posted</nav><h1>Talks stall</h1><p>Officials met on Monday in Hanoi.</p><script>var x = "Friday";</script></body></html>`;
    await s3.put(key, html, { timezone: 'America/New_York' });
    await testHandler(s3.client).handler(notificationFor(key, s3.bucket));
    const stored = (await storedTimeline())?.timeline as WholeTimeline;
    expect(stored.articles[0]).toMatchObject({
      title: 'Talks stall',
      format: 'html',
      reference: { date: '2018-11-08', source: 'document' },
    });
    expect(stored.events.map((event) => event.date.value)).toEqual(['2018-11-05']);
  });
});
