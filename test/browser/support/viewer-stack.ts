import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type LocalStack, startLocalStack } from '../../../infra/local-stack.ts';
import type { ViewerServer } from '../../../src/viewer/viewer-server.ts';
import { memoryLogger } from '../../support/handler-deps.ts';
import { SAMPLE_ARTICLES, sampleArticleBytes } from '../../support/s3-events.ts';

/** The local stack of `npm start` in a temporary folder, with its viewer, on free ports. */
export interface ViewerStack {
  readonly stack: LocalStack;
  readonly viewer: ViewerServer;
  /** Uploads an article as `npm start` uploads the samples, and waits until its view is written. */
  upload(key: string, body: string | Uint8Array, published: string, timezone?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startViewerStack(): Promise<ViewerStack> {
  const directory = await mkdtemp(join(tmpdir(), 'news-timeline-viewer-'));
  const stack = await startLocalStack({ port: 0, viewerPort: 0, directory, logger: memoryLogger() });
  const viewer = stack.viewer;
  if (!viewer) throw new Error('the local stack started no viewer');
  const upload = async (key: string, body: string | Uint8Array, published: string, timezone = 'UTC') => {
    await stack.client.send(
      new PutObjectCommand({
        Bucket: stack.bucket,
        Key: key,
        Body: body,
        ContentType: 'text/plain; charset=utf-8',
        Metadata: { published, timezone },
      }),
    );
    await stack.idle();
  };
  return {
    stack,
    viewer,
    upload,
    close: async () => {
      await stack.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Uploads the two sample articles of events/articles/, as `npm start` does. */
export async function uploadSamples(stack: ViewerStack): Promise<string> {
  for (const sample of SAMPLE_ARTICLES.articles)
    await stack.upload(sample.key, sampleArticleBytes(sample.file), sample.published, sample.timezone);
  return SAMPLE_ARTICLES.collection;
}
