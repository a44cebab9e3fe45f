import type { Timeline } from './core/timeline.ts';

/** An object as read from storage: the bytes and what S3 knows about them. */
export interface StoredObject {
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly contentType?: string;
  /** User metadata (`x-amz-meta-*`), keys in lower case. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly lastModified?: Date;
  readonly etag?: string;
}

/** An object as a listing shows it. */
export interface ListedObject {
  readonly key: string;
  readonly size: number;
  readonly etag?: string;
}

/** Where articles are read from. */
export interface ArticleSource {
  /** The article as stored now, or undefined when there is no such object (deleted). */
  getArticle(bucket: string, key: string): Promise<StoredObject | undefined>;
  /** The ETag of the article as stored now (HEAD, no body), or undefined when there is none. */
  articleEtag(bucket: string, key: string): Promise<string | undefined>;
  /** Every object under `prefix`, in key order. */
  listArticles(bucket: string, prefix: string): AsyncIterable<ListedObject>;
}

export interface StoredTimeline {
  readonly timeline: Timeline;
  /** The version token for a conditional write (S3 ETag, as returned). */
  readonly etag: string;
  /** The format version it was stored in, when it was upgraded on read. */
  readonly upgradedFrom?: number;
}

/** Where timelines live; writes are compare-and-swap. */
export interface TimelineStore {
  loadTimeline(bucket: string, collection: string): Promise<StoredTimeline | undefined>;
  /** The ETag of the stored timeline object, readable or not; undefined when there is none. */
  timelineEtag(bucket: string, collection: string): Promise<string | undefined>;
  /**
   * Writes `timeline` only if the stored one is still `expectedEtag` (undefined: only if there is
   * none). Throws ConflictError when someone else wrote first.
   */
  saveTimeline(bucket: string, timeline: Timeline, expectedEtag: string | undefined): Promise<void>;
}
