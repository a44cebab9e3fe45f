import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { MAX_ARTICLE_BYTES } from '../core/decode-text.ts';
import { ArticleFormatError, ConflictError, TimelineError } from '../core/errors.ts';
import type {
  ArticleSource,
  DocumentStore,
  ListedObject,
  StoredDocument,
  StoredObject,
  WriteCondition,
} from '../ports.ts';

/**
 * Where an S3-compatible server departs from AWS S3 in what this adapter relies on, in one place.
 * The code is correct for AWS; a dialect only rewrites what another server reads differently.
 */
export interface S3Dialect {
  readonly name: 'aws' | 'radosgw';
  /**
   * The ETag as the server wants it in `If-Match`. AWS takes it back as GetObject returned it,
   * quoted (RFC 9110 entity-tag); Ceph radosgw 16 answers 412 to the quoted form and 200 to the
   * bare hex (measured: ../shared/notes/real-s3.md).
   */
  ifMatch(etag: string): string;
}

export const AWS_DIALECT: S3Dialect = { name: 'aws', ifMatch: (etag) => etag };

/**
 * Ceph radosgw 16 (Pacific). Its other differences need no rewriting: `If-Match` on a missing key
 * answers 412 where AWS answers 404 (both are a lost race to us: {@link isLostRace}), and a
 * conditional PUT that loses a race inside the gateway answers 500, which the SDK retries by
 * itself and which then meets the new ETag and gets 412.
 */
export const RADOSGW_DIALECT: S3Dialect = { name: 'radosgw', ifMatch: (etag) => etag.replace(/^"|"$/g, '') };

/** The dialect named by `S3_DIALECT` (`aws`, the default, or `radosgw`). */
export function dialectNamed(name: string | undefined): S3Dialect {
  if (name === undefined || name === '' || name === 'aws') return AWS_DIALECT;
  if (name === 'radosgw') return RADOSGW_DIALECT;
  throw new TimelineError(`unknown S3 dialect ${JSON.stringify(name)} (aws or radosgw)`);
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}

/**
 * A conditional request that lost a race: 412, the ETag moved (or, with `If-None-Match: *`, the
 * object now exists; radosgw also for `If-Match` on a deleted key); 409, a concurrent conditional
 * write is in flight (AWS); 404 on a conditional write, the object was deleted since it was read
 * (AWS). Each is answered by reading again.
 */
function isLostRace(error: unknown, conditionalWrite = false): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  const status = error.$metadata.httpStatusCode;
  return (
    status === 412 ||
    status === 409 ||
    (conditionalWrite && isMissing(error)) ||
    error.name === 'PreconditionFailed' ||
    error.name === 'ConditionalRequestConflict'
  );
}

function where(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/**
 * Articles, reports and the view in one S3 bucket: the only code that speaks S3. Writes of the
 * objects several invocations may race on (a report, a view's index) are conditional
 * (`If-None-Match: *` to create, `If-Match: <ETag>` to replace), so no one overwrites a write
 * they did not see.
 */
export class S3Storage implements ArticleSource, DocumentStore {
  readonly #client: S3Client;
  readonly #dialect: S3Dialect;

  constructor(client: S3Client, options: { dialect?: S3Dialect } = {}) {
    this.#client = client;
    this.#dialect = options.dialect ?? AWS_DIALECT;
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
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(head.ETag ? { IfMatch: this.#dialect.ifMatch(head.ETag) } : {}),
        }),
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

  /** The object's HEAD (its ETag, as S3 gives it), or undefined when there is no such object. */
  async #head(
    bucket: string,
    key: string,
    what: 'article' | 'object',
  ): Promise<{ etag?: string } | undefined> {
    try {
      const head = await this.#client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return head.ETag ? { etag: head.ETag } : {};
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw new TimelineError(`cannot read ${what} ${where(bucket, key)}`, { cause: error });
    }
  }

  async articleEtag(bucket: string, key: string): Promise<string | undefined> {
    const head = await this.#head(bucket, key, 'article');
    return head && (head.etag ?? '');
  }

  listArticles(bucket: string, prefix: string): AsyncIterable<ListedObject> {
    return this.list(bucket, prefix);
  }

  async *list(bucket: string, prefix: string): AsyncIterable<ListedObject> {
    try {
      for await (const page of paginateListObjectsV2(
        { client: this.#client },
        { Bucket: bucket, Prefix: prefix },
      )) {
        for (const object of page.Contents ?? []) {
          if (object.Key === undefined) continue;
          yield {
            key: object.Key,
            size: object.Size ?? 0,
            ...(object.ETag ? { etag: object.ETag } : {}),
            ...(object.LastModified ? { lastModified: object.LastModified } : {}),
          };
        }
      }
    } catch (error) {
      throw new TimelineError(`cannot list ${where(bucket, prefix)}`, { cause: error });
    }
  }

  async etagOf(bucket: string, key: string): Promise<string | undefined> {
    return (await this.#head(bucket, key, 'object'))?.etag;
  }

  async read(
    bucket: string,
    key: string,
    knownEtag?: string,
  ): Promise<StoredDocument | 'not-modified' | undefined> {
    try {
      const object = await this.#client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, ...(knownEtag ? { IfNoneMatch: knownEtag } : {}) }),
      );
      const body = object.Body ? await object.Body.transformToString('utf-8') : '';
      if (!object.ETag) throw new TimelineError(`${where(bucket, key)} came without an ETag`);
      return { body, etag: object.ETag };
    } catch (error) {
      if (isMissing(error)) return undefined;
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 304)
        return 'not-modified';
      if (error instanceof TimelineError) throw error;
      throw new TimelineError(`cannot read ${where(bucket, key)}`, { cause: error });
    }
  }

  async write(
    bucket: string,
    key: string,
    body: string,
    condition?: WriteCondition,
  ): Promise<string | undefined> {
    try {
      const written = await this.#client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: 'application/json; charset=utf-8',
          ...(condition === undefined
            ? {}
            : 'ifMatch' in condition
              ? { IfMatch: this.#dialect.ifMatch(condition.ifMatch) }
              : { IfNoneMatch: '*' }),
        }),
      );
      return written.ETag;
    } catch (error) {
      if (condition !== undefined && isLostRace(error, true))
        throw new ConflictError(`${where(bucket, key)} was written concurrently`, { cause: error });
      throw new TimelineError(`cannot write ${where(bucket, key)}`, { cause: error });
    }
  }

  async remove(bucket: string, key: string): Promise<void> {
    try {
      await this.#client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    } catch (error) {
      if (isMissing(error)) return;
      throw new TimelineError(`cannot delete ${where(bucket, key)}`, { cause: error });
    }
  }
}

/**
 * A request that hangs is cut and retried by the SDK (standard mode: 3 attempts with backoff)
 * instead of running into the function's timeout: no connection within 5 s, or no answer within
 * 15 s (an article is at most 5 MiB). Without `throwOnRequestTimeout` the SDK only logs a warning
 * when `requestTimeout` passes and goes on waiting (seen with a hanging proxy in test/s3).
 */
const REQUEST_TIMEOUTS = {
  connectionTimeout: 5_000,
  requestTimeout: 15_000,
  throwOnRequestTimeout: true,
} as const;

export interface S3ClientSettings {
  /** An S3-compatible endpoint (s3rver, Ceph); unset for AWS. */
  readonly endpoint?: string;
  readonly region?: string;
  /** Fixed credentials; otherwise the SDK's chain (and s3rver's keys for a local endpoint). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Milliseconds without a byte on the socket before a request is cut (default 15 s). */
  readonly requestTimeoutMs?: number;
}

/**
 * An S3 client for AWS, or for a local S3-compatible server when `endpoint` is set: path-style
 * addressing, and checksums only where required (s3rver corrupts streamed bodies otherwise).
 * Local servers get s3rver's fixed credentials unless credentials are given or in the environment.
 */
export function createS3Client(settings: S3ClientSettings = {}): S3Client {
  const requestHandler = {
    ...REQUEST_TIMEOUTS,
    ...(settings.requestTimeoutMs ? { requestTimeout: settings.requestTimeoutMs } : {}),
  };
  const credentials = settings.credentials ? { credentials: { ...settings.credentials } } : {};
  if (!settings.endpoint)
    return new S3Client({
      ...(settings.region ? { region: settings.region } : {}),
      requestHandler,
      ...credentials,
    });
  const hasCredentials =
    settings.credentials !== undefined ||
    Boolean(process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY);
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region ?? 'us-east-1',
    forcePathStyle: true,
    requestHandler,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(hasCredentials ? credentials : { credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }),
  });
}
