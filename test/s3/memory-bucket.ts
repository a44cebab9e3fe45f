import { createHash } from 'node:crypto';
import { ConflictError } from '../../src/core/errors.ts';
import type {
  ArticleSource,
  DocumentStore,
  ListedObject,
  StoredDocument,
  StoredObject,
  WriteCondition,
} from '../../src/ports.ts';

interface MemoryObject {
  readonly bytes: Uint8Array;
  readonly metadata: Readonly<Record<string, string>>;
  readonly etag: string;
  readonly lastModified: Date;
}

/**
 * Buckets in memory with S3's semantics as the functions use them: conditional writes (a lost
 * one is a ConflictError, as S3Storage makes of a 412), conditional GETs, listings in key order,
 * and ETags as S3 gives them for a single PUT (the quoted MD5 of the bytes, so an article's ETag
 * is the same here as in radosgw). For in-order reference runs, where a real server would only
 * add time: the functions do not change, the store under them does.
 */
export class MemoryBuckets implements ArticleSource, DocumentStore {
  readonly #objects = new Map<string, MemoryObject>();

  /** Stores an object as an upload would; returns its ETag. */
  put(bucket: string, key: string, body: string | Uint8Array, metadata: Record<string, string> = {}): string {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
    this.#objects.set(`${bucket}/${key}`, { bytes, metadata, etag, lastModified: new Date() });
    return etag;
  }

  async getArticle(bucket: string, key: string): Promise<StoredObject | undefined> {
    const object = this.#objects.get(`${bucket}/${key}`);
    return object && { key, bytes: object.bytes, metadata: object.metadata, etag: object.etag };
  }

  async articleEtag(bucket: string, key: string): Promise<string | undefined> {
    return this.#objects.get(`${bucket}/${key}`)?.etag;
  }

  listArticles(bucket: string, prefix: string): AsyncIterable<ListedObject> {
    return this.list(bucket, prefix);
  }

  async read(
    bucket: string,
    key: string,
    knownEtag?: string,
  ): Promise<StoredDocument | 'not-modified' | undefined> {
    const object = this.#objects.get(`${bucket}/${key}`);
    if (!object) return undefined;
    if (knownEtag !== undefined && knownEtag === object.etag) return 'not-modified';
    return { body: new TextDecoder().decode(object.bytes), etag: object.etag };
  }

  async write(
    bucket: string,
    key: string,
    body: string,
    condition?: WriteCondition,
  ): Promise<string | undefined> {
    const current = this.#objects.get(`${bucket}/${key}`);
    const lost =
      condition !== undefined &&
      ('ifMatch' in condition ? current?.etag !== condition.ifMatch : current !== undefined);
    if (lost) throw new ConflictError(`s3://${bucket}/${key} was written concurrently`);
    return this.put(bucket, key, body);
  }

  async remove(bucket: string, key: string): Promise<void> {
    this.#objects.delete(`${bucket}/${key}`);
  }

  async etagOf(bucket: string, key: string): Promise<string | undefined> {
    return this.#objects.get(`${bucket}/${key}`)?.etag;
  }

  async *list(bucket: string, prefix: string): AsyncIterable<ListedObject> {
    const keys = [...this.#objects.keys()]
      .filter((name) => name.startsWith(`${bucket}/${prefix}`))
      .map((name) => name.slice(bucket.length + 1))
      .sort();
    for (const key of keys) {
      const object = this.#objects.get(`${bucket}/${key}`) as MemoryObject;
      yield { key, size: object.bytes.length, etag: object.etag, lastModified: object.lastModified };
    }
  }
}
