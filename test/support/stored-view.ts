import type { S3Client } from '@aws-sdk/client-s3';
import {
  articlePageKeyOf,
  indexKeyOf,
  type MonthTable,
  monthTableKeyOf,
  shardKeysOf,
  stateKeysOf,
  timelineOfDocuments,
  type ViewIndex,
  type WholeTimeline,
} from '../../src/core/view.ts';
import { readObject } from './s3-server.ts';
import { assertValidStoredView } from './validate-timeline.ts';

/**
 * A collection's view as a reader gets it: the whole timeline assembled from the index, pages and
 * shards, with every document the index points at checked against the schema and against each
 * other (content hashes, counts, shards the public face of their state chunks, the summary the
 * top days), and the index object's raw body and ETag (the commit point: unchanged body and ETag
 * mean nothing was written).
 */
export async function storedView(
  client: S3Client,
  bucket: string,
  collection: string,
): Promise<{ timeline: WholeTimeline; body: string; etag: string } | undefined> {
  const stored = await readObject(client, bucket, indexKeyOf(collection));
  if (!stored) return undefined;
  const index = JSON.parse(stored.body) as ViewIndex;
  const documents = new Map<string, string>();
  const fetch = async (key: string) => {
    const object = await readObject(client, bucket, key);
    if (object) documents.set(key, object.body);
    return object?.body;
  };
  for (const page of index.articles.pages) await fetch(articlePageKeyOf(collection, page.page, page.hash));
  for (const month of index.months) {
    const body = await fetch(monthTableKeyOf(collection, month.month, month.hash));
    for (const entry of body ? (JSON.parse(body) as MonthTable).partitions : [])
      for (const key of [...shardKeysOf(collection, entry), ...stateKeysOf(collection, entry)])
        await fetch(key);
  }
  const read = (key: string) => documents.get(key);
  assertValidStoredView(index, read);
  return { timeline: timelineOfDocuments(index, read), body: stored.body, etag: stored.etag };
}
