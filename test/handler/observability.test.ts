import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { S3Storage } from '../../src/adapters/s3-storage.ts';
import { createHandler, runtimeDependencies } from '../../src/handler.ts';
import { instrumentHandler } from '../../src/instrument.ts';
import { createLogger } from '../../src/logger.ts';
import { createMetrics, powertoolsRecorder } from '../../src/metrics.ts';
import { notificationFor } from '../support/s3-events.ts';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3.close();
});

const CONTEXT = {
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  functionName: 'news-timeline-dev-timeline',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:news-timeline-dev-timeline',
  memoryLimitInMB: '512',
} as Context;

/** Runs `body` with stdout and stderr captured as JSON documents, one per line. */
async function captureJsonLines(body: () => Promise<void>): Promise<Array<Record<string, unknown>>> {
  const lines: string[] = [];
  const keep = (chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  try {
    await body();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** An EMF document's metric names and the dimensions they are reported under. */
function metricsOf(document: Record<string, unknown>): { names: string[]; dimensions: string[][] } {
  const directive = (
    document._aws as {
      CloudWatchMetrics: Array<{ Metrics: Array<{ Name: string }>; Dimensions: string[][] }>;
    }
  ).CloudWatchMetrics[0];
  return {
    names: directive?.Metrics.map((metric) => metric.Name) ?? [],
    dimensions: directive?.Dimensions ?? [],
  };
}

describe('Powertools logs and metrics of the Lambda handler', () => {
  it('logs JSON with the request id and writes EMF metrics: articles synced, events, rejections by reason', async () => {
    await s3.put(
      'articles/obs/good.txt',
      'The envoy left Seoul on Monday. KCNA said November 2 it would wait.',
      {
        published: '2018-11-08',
      },
    );
    await s3.put('articles/obs/photo.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const documents = await captureJsonLines(async () => {
      const logger = createLogger();
      const metrics = createMetrics();
      const handle = createHandler(
        runtimeDependencies(
          new S3Storage(s3.client),
          { send: async () => {} },
          logger,
          powertoolsRecorder(metrics),
        ),
      );
      const event = notificationFor('articles/obs/good.txt', s3.bucket);
      event.Records.push(...notificationFor('articles/obs/photo.png', s3.bucket).Records);
      await instrumentHandler(handle, { logger, metrics })(event, CONTEXT);
    });

    const logs = documents.filter((document) => 'message' in document);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'report updated',
        service: 'news-timeline',
        function_request_id: CONTEXT.awsRequestId,
        key: 'articles/obs/good.txt',
      }),
    );
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        key: 'articles/obs/photo.png',
        bucket: s3.bucket,
        code: 'binary',
        reason: 'binary data, not text',
      }),
    );

    const emf = documents.filter((document) => '_aws' in document);
    // The rejection is its own EMF document, with `reason` as a dimension.
    const rejected = emf.find((document) => metricsOf(document).names.includes('InputsRejected'));
    expect(rejected).toMatchObject({ InputsRejected: 1, reason: 'binary', service: 'news-timeline' });
    expect(metricsOf(rejected ?? {}).dimensions).toEqual([['service', 'reason']]);
    // The invocation's counts are flushed together at its end.
    const flushed = emf.find((document) => metricsOf(document).names.includes('ArticlesSynced'));
    expect(flushed).toMatchObject({ ArticlesSynced: 1, EventsExtracted: 2, service: 'news-timeline' });
    expect(flushed?._aws).toMatchObject({ CloudWatchMetrics: [{ Namespace: 'NewsTimeline' }] });
  });
});
