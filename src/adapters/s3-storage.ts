import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { MAX_ARTICLE_BYTES } from '../core/decode-text.ts';
import { ArticleFormatError, ConflictError, TimelineCorruptError, TimelineError } from '../core/errors.ts';
import { timelineKeyOf } from '../core/route-key.ts';
import { TIMELINE_VERSION, type Timeline } from '../core/timeline.ts';
import type { ArticleSource, StoredObject, StoredTimeline, TimelineStore } from '../ports.ts';

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}

/** 412: the ETag moved (or the object now exists); 409: a concurrent conditional write is in flight. */
function isLostRace(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  const status = error.$metadata.httpStatusCode;
  return (
    status === 412 ||
    status === 409 ||
    error.name === 'PreconditionFailed' ||
    error.name === 'ConditionalRequestConflict'
  );
}

function where(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

function parseStoredTimeline(bucket: string, key: string, body: string): Timeline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new TimelineCorruptError(where(bucket, key), `not JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  const candidate = parsed as Partial<Timeline> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    candidate.version !== TIMELINE_VERSION ||
    typeof candidate.collection !== 'string' ||
    !Array.isArray(candidate.articles) ||
    !Array.isArray(candidate.events)
  ) {
    throw new TimelineCorruptError(
      where(bucket, key),
      `not a version ${TIMELINE_VERSION} timeline (collection, articles, events)`,
    );
  }
  return candidate as Timeline;
}

/**
 * Articles and timelines in one S3 bucket: the only code that speaks S3. Timeline writes are
 * conditional (`If-None-Match: *` to create, `If-Match: <ETag>` to update), so two concurrent
 * invocations cannot overwrite each other's events.
 */
export class S3Storage implements ArticleSource, TimelineStore {
  readonly #client: S3Client;

  constructor(client: S3Client) {
    this.#client = client;
  }

  async getArticle(bucket: string, key: string): Promise<StoredObject | undefined> {
    try {
      // HEAD first: a huge object is refused without downloading it.
      const head = await this.#client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      if ((head.ContentLength ?? 0) > MAX_ARTICLE_BYTES) {
        throw new ArticleFormatError(
          key,
          'too-large',
          `too large: ${head.ContentLength} bytes (limit ${MAX_ARTICLE_BYTES})`,
        );
      }
      const object = await this.#client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: head.ETag }),
      );
      const bytes = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      return {
        key,
        bytes,
        ...(object.ContentType ? { contentType: object.ContentType } : {}),
        metadata: object.Metadata ?? {},
        ...(object.LastModified ? { lastModified: object.LastModified } : {}),
        ...(object.ETag ? { etag: object.ETag } : {}),
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      // Replaced between HEAD and GET: a later notification carries the new version.
      if (isLostRace(error))
        throw new ConflictError(`article ${where(bucket, key)} changed while being read`, { cause: error });
      if (error instanceof TimelineError) throw error;
      throw new TimelineError(`cannot read article ${where(bucket, key)}`, { cause: error });
    }
  }

  async loadTimeline(bucket: string, collection: string): Promise<StoredTimeline | undefined> {
    const key = timelineKeyOf(collection);
    let body: string;
    let etag: string | undefined;
    try {
      const object = await this.#client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      body = object.Body ? await object.Body.transformToString('utf-8') : '';
      etag = object.ETag;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw new TimelineError(`cannot read timeline ${where(bucket, key)}`, { cause: error });
    }
    if (!etag) throw new TimelineError(`timeline ${where(bucket, key)} came without an ETag`);
    return { timeline: parseStoredTimeline(bucket, key, body), etag };
  }

  async saveTimeline(bucket: string, timeline: Timeline, expectedEtag: string | undefined): Promise<void> {
    const key = timelineKeyOf(timeline.collection);
    try {
      await this.#client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: `${JSON.stringify(timeline, null, 2)}\n`,
          ContentType: 'application/json; charset=utf-8',
          ...(expectedEtag === undefined ? { IfNoneMatch: '*' } : { IfMatch: expectedEtag }),
        }),
      );
    } catch (error) {
      if (isLostRace(error))
        throw new ConflictError(`timeline ${where(bucket, key)} was written concurrently`, { cause: error });
      throw new TimelineError(`cannot write timeline ${where(bucket, key)}`, { cause: error });
    }
  }
}

export interface S3ClientSettings {
  /** An S3-compatible endpoint (s3rver, Ceph); unset for AWS. */
  readonly endpoint?: string;
  readonly region?: string;
}

/**
 * An S3 client for AWS, or for a local S3-compatible server when `endpoint` is set: path-style
 * addressing, and checksums only where required (s3rver corrupts streamed bodies otherwise).
 * Local servers get s3rver's fixed credentials unless AWS credentials are in the environment.
 */
export function createS3Client(settings: S3ClientSettings = {}): S3Client {
  if (!settings.endpoint) return new S3Client(settings.region ? { region: settings.region } : {});
  const hasCredentials = Boolean(process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY);
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region ?? 'us-east-1',
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(hasCredentials ? {} : { credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }),
  });
}
