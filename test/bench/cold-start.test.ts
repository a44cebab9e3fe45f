// The cold-start bench's builds and invocations, not its timings: what it measures must be the
// deployed builds and the work of one real invocation of each function, or its numbers mean
// nothing.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as chrono from 'chrono-node/en';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageGroupOf } from '../../src/adapters/sqs-queue.ts';
import {
  buildColdStartBundles,
  type CheckedSample,
  type ColdStartServers,
  type ColdStartWorkspace,
  percentile,
  readDeployedBuild,
  readDeployedEnvironment,
  readDeployedFunctions,
  runColdStartRound,
  type SentMessage,
  type SubjectName,
  sqsEventOf,
  startColdStartServers,
} from '../../src/bench/cold-start.ts';
import { parseArticle } from '../../src/core/article.ts';
import { extractArticleEvents } from '../../src/core/events.ts';
import { type ArticleReport, readReport, reportKeyOf } from '../../src/core/report.ts';
import { timelineOfWrites, viewOfReports } from '../../src/core/view.ts';
import { readObject } from '../support/s3-server.ts';

const ARTICLE_URL = new URL('../../events/articles/nk-talks-full.txt', import.meta.url);
const ARTICLE_KEY = 'articles/north-korea/nk-talks-full.txt';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cold-start-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readDeployedBuild', () => {
  it("reads serverless.yml's custom.esbuild as esbuild options, without the plugin's own keys", async () => {
    const { options, extension } = await readDeployedBuild();
    expect(extension).toBe('.mjs');
    expect(options).toMatchObject({
      bundle: true,
      minify: true,
      sourcemap: true,
      target: 'node22',
      platform: 'node',
      format: 'esm',
      mainFields: ['module', 'main'],
      external: [],
    });
    expect(options.banner?.js).toContain('createRequire');
    expect(options).not.toHaveProperty('exclude');
    expect(options).not.toHaveProperty('outputFileExtension');
  });

  it("fills in serverless-esbuild's defaults: the runtime's target, aws-sdk excluded, .js", async () => {
    const yml = join(dir, 'defaults.yml');
    await writeFile(
      yml,
      'provider:\n  runtime: nodejs20.x\ncustom:\n  esbuild:\n    minify: true\n    concurrency: 4\n',
    );
    expect(await readDeployedBuild(yml)).toEqual({
      options: { bundle: true, platform: 'node', target: 'node20', minify: true, external: ['aws-sdk'] },
      extension: '.js',
    });
  });
});

describe('readDeployedFunctions', () => {
  it("finds both functions of serverless.yml with their sources and their bundles' paths", async () => {
    expect(await readDeployedFunctions()).toEqual([
      { name: 'article', handler: 'src/handler.handler', entry: 'src/handler.ts', bundle: 'src/handler.mjs' },
      {
        name: 'compactor',
        handler: 'src/compactor-handler.handler',
        entry: 'src/compactor-handler.ts',
        bundle: 'src/compactor-handler.mjs',
      },
    ]);
  });

  it('resolves the first extension that exists and refuses a handler without a source', async () => {
    const root = join(dir, 'functions');
    await mkdir(join(root, 'lib'), { recursive: true });
    await writeFile(join(root, 'lib/main.js'), 'export const run = () => 1;\n');
    const yml = join(root, 'serverless.yml');
    await writeFile(yml, 'custom:\n  esbuild: {}\nfunctions:\n  one:\n    handler: lib/main.run\n');
    expect(await readDeployedFunctions(yml)).toEqual([
      { name: 'one', handler: 'lib/main.run', entry: 'lib/main.js', bundle: 'lib/main.js' },
    ]);
    await writeFile(yml, 'custom:\n  esbuild: {}\nfunctions:\n  two:\n    handler: lib/missing.run\n');
    await expect(readDeployedFunctions(yml)).rejects.toThrow(
      'no source for the handler "lib/missing.run" of two',
    );
  });
});

describe('readDeployedEnvironment', () => {
  it("gives the article function the provider's variables and leaves REPORTS_QUEUE_URL to the stack", async () => {
    expect(await readDeployedEnvironment('article')).toEqual({
      variables: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_LOG_LEVEL: 'INFO' },
      fromStack: ['REPORTS_QUEUE_URL'],
    });
    expect(await readDeployedEnvironment('compactor')).toEqual({
      variables: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_LOG_LEVEL: 'INFO' },
      fromStack: [],
    });
  });
});

describe('percentile', () => {
  it.each([
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 90, expected: 9 },
    { values: [10, 1, 9, 2, 8, 3, 7, 4, 6, 5], p: 90, expected: 9 },
    { values: [...Array(15).keys()].map((index) => index + 1), p: 90, expected: 14 },
    { values: [5], p: 90, expected: 5 },
    { values: [3, 1, 2], p: 50, expected: 2 },
    { values: [], p: 90, expected: Number.NaN },
  ])('takes the nearest rank: p$p of $values is $expected', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('sqsEventOf', () => {
  it('makes one FIFO record per message, with its group, deduplication id and body MD5', () => {
    const message: SentMessage = {
      queueUrl: 'http://127.0.0.1:1/123456789012/q.fifo',
      body: '{"bucket":"b","collection":"c","key":"articles/c/k"}',
      groupId: 'b/c',
      deduplicationId: 'd1',
      messageId: 'm1',
    };
    const { Records } = sqsEventOf([message, { ...message, messageId: 'm2', deduplicationId: 'd2' }]);
    expect(Records.map((record) => record.messageId)).toEqual(['m1', 'm2']);
    expect(Records[0]).toMatchObject({
      body: message.body,
      eventSource: 'aws:sqs',
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      attributes: { MessageGroupId: 'b/c', MessageDeduplicationId: 'd1', ApproximateReceiveCount: '1' },
    });
    expect(Records[0]?.eventSourceARN).toMatch(/\.fifo$/);
  });
});

describe('a cold-start round', () => {
  let workspace: ColdStartWorkspace;
  let servers: ColdStartServers;
  let round: Record<SubjectName, CheckedSample>;

  beforeAll(async () => {
    workspace = await buildColdStartBundles(dir);
    servers = await startColdStartServers(dir);
    round = await runColdStartRound(workspace, servers, 1);
  }, 120_000);

  afterAll(async () => {
    await servers?.close();
  });

  it('builds both functions and the floors, the SQS client only where it is used', () => {
    const bytes = Object.fromEntries(workspace.bundles.map((bundle) => [bundle.name, bundle.bytes]));
    expect(Object.keys(bytes).sort()).toEqual([
      'article',
      'compactor',
      'oneSentenceFloor',
      'sqsClientFloor',
      'wholeArticleFloor',
    ]);
    expect(bytes.sqsClientFloor).toBeGreaterThan((bytes.wholeArticleFloor as number) + 10_000);
    for (const bundle of workspace.bundles) expect(bundle.sourceMapBytes, bundle.name).toBeGreaterThan(0);
  });

  it("runs our functions with serverless.yml's environment, and one variant without NODE_OPTIONS", () => {
    const environment = (name: SubjectName) =>
      workspace.subjects.find((subject) => subject.name === name)?.environment;
    expect(environment('article')).toMatchObject({ NODE_OPTIONS: '--enable-source-maps' });
    expect(environment('compactor')).toMatchObject({ NODE_OPTIONS: '--enable-source-maps' });
    expect(environment('articleWithoutSourceMaps')).not.toHaveProperty('NODE_OPTIONS');
    expect(environment('wholeArticleFloor')).toEqual({});
  });

  it('reports the sample article through the article function with the events the core finds in it', async () => {
    const article = parseArticle({
      key: ARTICLE_KEY,
      bytes: await readFile(ARTICLE_URL),
      contentType: 'text/plain; charset=utf-8',
      metadata: { published: '2018-11-08', timezone: 'America/New_York' },
    });
    const expected = extractArticleEvents(article).events.length;
    expect(expected).toBeGreaterThan(0);
    expect(round.article.results).toBe(expected);
    expect(round.articleWithoutSourceMaps.results).toBe(expected);
    for (const name of ['article', 'articleWithoutSourceMaps', 'compactor'] as const) {
      expect(round[name].importMs, name).toBeGreaterThan(round[name].bootMs);
      expect(round[name].importInvokeMs, name).toBeGreaterThan(round[name].importMs);
      expect(round[name].maxRssKb, name).toBeGreaterThan(20 * 1024);
    }
  });

  it('sends one message per article run to the FIFO queue, in the collection’s group', () => {
    expect(servers.messages).toHaveLength(2);
    for (const message of servers.messages) {
      const { bucket, collection, key } = JSON.parse(message.body) as Record<string, string>;
      expect(key).toBe(ARTICLE_KEY);
      expect(message.groupId).toBe(messageGroupOf(bucket as string, collection as string));
      expect(message.deduplicationId).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("compacts the first run's message into the view its stored report makes", async () => {
    const { bucket, collection } = JSON.parse((servers.messages[0] as SentMessage).body) as Record<
      string,
      string
    >;
    const stored = await readObject(servers.client, bucket as string, reportKeyOf(ARTICLE_KEY) as string);
    const report = readReport(stored?.body ?? 'null');
    expect(report).not.toHaveProperty('problem');
    const built = viewOfReports(collection as string, '2026-12-01T00:00:00.000Z', [
      { key: ARTICLE_KEY, report: report as ArticleReport, reportEtag: stored?.etag ?? '' },
    ]);
    const expected = built ? timelineOfWrites(built.index, built.writes).events.length : 0;
    expect(expected).toBeGreaterThan(0);
    expect(round.compactor.results).toBe(expected);
    expect(round.compactor.result).toEqual({ batchItemFailures: [] });
  });

  it('parses the article the floors read from S3, whole or one sentence', async () => {
    const text = await readFile(ARTICLE_URL, 'utf8');
    const reference = { instant: new Date('2018-11-08T12:00:00-05:00'), timezone: -300 };
    const whole = chrono.casual.parse(text, reference).length;
    expect(round.wholeArticleFloor.results).toBe(whole);
    expect(round.sqsClientFloor.results).toBe(whole);
    expect(round.oneSentenceFloor.results).toBe(1);
  });

  it('answers SendMessage as SQS FIFO does, and refuses a message without its group', async () => {
    const client = new SQSClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      // Quiet: the SDK warns when the queue URL's host is not the region's endpoint.
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
    try {
      const sent = await client.send(
        new SendMessageCommand({
          QueueUrl: servers.queueUrl,
          MessageBody: 'hello',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'd',
        }),
      );
      expect(sent.MessageId).toBe(servers.messages.at(-1)?.messageId);
      await expect(
        client.send(new SendMessageCommand({ QueueUrl: servers.queueUrl, MessageBody: 'hello' })),
      ).rejects.toMatchObject({ name: 'MissingParameter' });
      await expect(
        client.send(
          new SendMessageCommand({
            QueueUrl: `${servers.queueUrl}-other`,
            MessageBody: 'hello',
            MessageGroupId: 'g',
            MessageDeduplicationId: 'd',
          }),
        ),
      ).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
    } finally {
      client.destroy();
    }
  });
});
