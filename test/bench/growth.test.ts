import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countS3Bytes } from '../../src/bench/count-s3-bytes.ts';
import { measureGrowth, topicArticles } from '../../src/bench/growth.ts';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';

describe('countS3Bytes', () => {
  let s3: TestS3Server;
  beforeAll(async () => {
    s3 = await startS3Server('count-bytes');
  });
  afterAll(async () => {
    await s3.close();
  });

  it('counts the bodies the client sends and receives, in bytes, and no other client', async () => {
    const client = s3.newClient();
    const traffic = countS3Bytes(client);
    const body = 'é'.repeat(500); // 1000 bytes of UTF-8
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'x.txt', Body: body }));
    expect(traffic()).toEqual({ bytesRead: 0, bytesWritten: 1000, requests: 1 });

    await s3.put('other.txt', 'a'.repeat(777));
    expect(traffic().requests).toBe(1);

    await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'x.txt' }));
    expect(traffic()).toEqual({ bytesRead: 0, bytesWritten: 1000, requests: 2 });

    const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'x.txt' }));
    expect(await object.Body?.transformToString('utf-8')).toBe(body);
    expect(traffic()).toEqual({ bytesRead: 1000, bytesWritten: 1000, requests: 3 });
  });

  it('counts the error document of a request that fails', async () => {
    const client = s3.newClient();
    const traffic = countS3Bytes(client);
    await expect(client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'missing' }))).rejects.toThrow();
    expect(traffic().requests).toBe(1);
    expect(traffic().bytesRead).toBeGreaterThan(0);
  });
});

describe('measureGrowth', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'growth-t17-'));
    const articles: Array<[string, string, string, string]> = [
      ['spill_b', '2010-04-21', '7.htm.txt', 'The rig sank on Thursday .\nCrews searched for 11 workers .'],
      ['spill_a', '2010-04-21', '3.htm.txt', 'The rig exploded on Tuesday , April 20 .'],
      ['spill_a', '2010-04-20', '9.htm.txt', 'A rig caught fire on Tuesday night .'],
      ['other_a', '2010-04-20', '1.htm.txt', 'An unrelated topic on Monday .'],
    ];
    for (const [source, date, file, text] of articles) {
      await mkdir(join(dir, source, 'InputDocs', date), { recursive: true });
      await mkdir(join(dir, source, 'timelines'), { recursive: true });
      await writeFile(join(dir, source, 'InputDocs', date, file), text);
      await writeFile(join(dir, source, 'timelines', 'gold.txt'), '2010-04-20\nThe rig explodes .\n');
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("pools the topic's sources in publication order, ties by key", async () => {
    const { sources, articles } = await topicArticles(dir, 'spill');
    expect(sources).toEqual(['spill_a', 'spill_b']);
    expect(articles.map((article) => [article.published, article.key])).toEqual([
      ['2010-04-20', 'articles/spill/spill_a/9.htm.txt'],
      ['2010-04-21', 'articles/spill/spill_a/3.htm.txt'],
      ['2010-04-21', 'articles/spill/spill_b/7.htm.txt'],
    ]);
  });

  it('feeds every article through both functions into one view and counts their S3 traffic', async () => {
    const report = await measureGrowth({ dir, topic: 'spill', maxSeconds: 600 });
    const { growth } = report;
    expect(growth.articles).toBe(3);
    expect(growth.rejected).toBe(0);
    expect(growth.stoppedEarly).toBe(false);
    expect(growth.viewArticles).toBe(3);
    expect(growth.events).toBeGreaterThan(0);
    expect(growth.first100.articles).toBe(3);
    // Each upload: HEAD and GET of the article, GET and PUT of its report, GET of the report and the
    // index, PUTs of a chunk, a month table, a page and the index.
    expect(growth.first100.requestsPerArticle).toBeGreaterThanOrEqual(10);
    expect(growth.indexBytes).toBeGreaterThan(0);
    expect(growth.largestShardBytes).toBeGreaterThan(0);
    expect(growth.first100.bytesWrittenPerArticle).toBeGreaterThan(0);
    expect(growth.viewBytes).toBeGreaterThan(0);
    expect(growth.peakRssBytes).toBeGreaterThan(0);
  });

  it('takes only the first --limit articles', async () => {
    const report = await measureGrowth({ dir, topic: 'spill', limit: 2, maxSeconds: 600 });
    expect(report.available).toBe(3);
    expect(report.growth.articles).toBe(2);
    expect(report.growth.viewArticles).toBe(2);
  });
});
