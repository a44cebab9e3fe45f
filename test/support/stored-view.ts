import type { S3Client } from '@aws-sdk/client-s3';
import { S3Storage } from '../../src/adapters/s3-storage.ts';
import { indexKeyOf, type WholeTimeline } from '../../src/core/view.ts';
import { readWholeTimeline } from '../../src/read-view.ts';
import { readObject } from './s3-server.ts';
import { assertValidView } from './validate-timeline.ts';

/**
 * A collection's view as a reader gets it: the whole timeline assembled from the index, pages and
 * shards (checked against the schema), with the index object's raw body and ETag (the commit
 * point: unchanged body and ETag mean nothing was written).
 */
export async function storedView(
  client: S3Client,
  bucket: string,
  collection: string,
): Promise<{ timeline: WholeTimeline; body: string; etag: string } | undefined> {
  const index = await readObject(client, bucket, indexKeyOf(collection));
  if (!index) return undefined;
  const timeline = (await readWholeTimeline(new S3Storage(client), bucket, collection)) as WholeTimeline;
  assertValidView(timeline);
  return { timeline, body: index.body, etag: index.etag };
}
