import { readFileSync } from 'node:fs';
import type { S3Event } from 'aws-lambda';
import { encodeS3EventKey } from '../../src/adapters/s3-key.ts';

const EVENTS_DIR = new URL('../../events/', import.meta.url);

/** A sample event from events/, pointed at `bucket`. */
export function sampleEvent(file: string, bucket: string): S3Event {
  const event = JSON.parse(readFileSync(new URL(file, EVENTS_DIR), 'utf8')) as S3Event;
  for (const record of event.Records) record.s3.bucket.name = bucket;
  return event;
}

/** An S3 notification for `key`, encoded as S3 encodes it, built from the sample put/delete event. */
export function notificationFor(
  key: string,
  bucket: string,
  kind: 'put' | 'delete' = 'put',
  sequencer?: string,
): S3Event {
  const event = sampleEvent(kind === 'put' ? 's3-put.json' : 's3-delete.json', bucket);
  for (const record of event.Records) {
    record.s3.object.key = encodeS3EventKey(key);
    if (sequencer !== undefined) record.s3.object.sequencer = sequencer;
  }
  return event;
}

/** The sample articles shipped in events/articles/, with the metadata `npm start` gives them. */
export const SAMPLE_ARTICLES = JSON.parse(
  readFileSync(new URL('articles/manifest.json', EVENTS_DIR), 'utf8'),
) as {
  collection: string;
  articles: Array<{ file: string; key: string; published: string; timezone: string }>;
};

export function sampleArticleBytes(file: string): Buffer {
  return readFileSync(new URL(`articles/${file}`, EVENTS_DIR));
}
