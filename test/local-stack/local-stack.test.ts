import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalStack,
  matchesRule,
  readNotificationRules,
  startLocalStack,
} from '../../infra/local-stack.ts';
import type { HandlerSummary } from '../../src/handler.ts';
import { expectNkTalksGolden } from '../golden/nk-talks-expectations.ts';
import { memoryLogger } from '../support/handler-deps.ts';
import { SAMPLE_ARTICLES, sampleArticleBytes } from '../support/s3-events.ts';
import { storedView } from '../support/stored-view.ts';

describe('readNotificationRules', () => {
  it('reads the s3 events of serverless.yml: created and removed, prefix articles/', async () => {
    const rules = await readNotificationRules();
    expect(rules).toEqual([
      { event: 's3:ObjectCreated:*', prefix: 'articles/' },
      { event: 's3:ObjectRemoved:*', prefix: 'articles/' },
    ]);
    expect(matchesRule(rules, 'ObjectCreated:Put', 'articles/a.txt')).toBe(true);
    expect(matchesRule(rules, 'ObjectRemoved:Delete', 'articles/x/a.txt')).toBe(true);
    expect(matchesRule(rules, 'ObjectCreated:Put', 'timelines/a.json')).toBe(false);
    expect(matchesRule(rules, 'ObjectRestore:Completed', 'articles/a.txt')).toBe(false);
  });
});

describe('the local stack (npm start)', () => {
  let stack: LocalStack;
  let directory: string;
  const invocations: HandlerSummary[] = [];

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'news-timeline-stack-'));
    stack = await startLocalStack({
      port: 0,
      directory,
      logger: memoryLogger(),
      onInvocation: (summary) => {
        if (summary) invocations.push(summary);
      },
    });
  });
  afterAll(async () => {
    await stack.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('turns uploads of both sample articles into the golden timeline', async () => {
    for (const sample of SAMPLE_ARTICLES.articles) {
      await stack.client.send(
        new PutObjectCommand({
          Bucket: stack.bucket,
          Key: sample.key,
          Body: sampleArticleBytes(sample.file),
          Metadata: { published: sample.published, timezone: sample.timezone },
        }),
      );
    }
    await stack.idle();
    const stored = await storedView(stack.client, stack.bucket, SAMPLE_ARTICLES.collection);
    expect(stored).toBeDefined();
    const timeline = stored?.timeline;
    expect(stack.deadLetters).toEqual([]);
    const [full, short] = SAMPLE_ARTICLES.articles;
    expectNkTalksGolden(timeline as NonNullable<typeof timeline>, {
      full: full?.key ?? '',
      short: short?.key ?? '',
    });
    // The key with a space and an en dash reached the handler encoded and came out decoded.
    expect(invocations.flatMap((summary) => summary.synced.map((outcome) => outcome.key))).toContain(
      full?.key,
    );
  });

  it('does not notify the handler of writes outside articles/', async () => {
    await stack.idle();
    const before = invocations.length;
    await stack.client.send(
      new PutObjectCommand({ Bucket: stack.bucket, Key: 'timelines/elsewhere.json', Body: '{}' }),
    );
    await stack.client.send(
      new PutObjectCommand({ Bucket: stack.bucket, Key: 'notes/readme.txt', Body: 'Monday' }),
    );
    await stack.idle();
    expect(invocations.length).toBe(before);
  });
});
