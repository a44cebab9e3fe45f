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
  readonly lastModified?: Date;
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

/** A JSON document as stored, with the version token for a conditional write (S3 ETag). */
export interface StoredDocument {
  readonly body: string;
  readonly etag: string;
}

/** `ifNoneMatch`: only if there is no such object; `ifMatch`: only if it is still that version. */
export type WriteCondition = { readonly ifMatch: string } | { readonly ifNoneMatch: '*' };

/** Where reports, the merge's state and the view live. */
export interface DocumentStore {
  /**
   * The document, undefined when there is none, or `not-modified` when it is still the version
   * `knownEtag` names (a conditional GET: no body moves).
   */
  read(bucket: string, key: string, knownEtag?: string): Promise<StoredDocument | 'not-modified' | undefined>;
  /**
   * Writes `body` (only under `condition`, when given) and returns the new ETag. Throws
   * ConflictError when the condition failed: someone else wrote first.
   */
  write(bucket: string, key: string, body: string, condition?: WriteCondition): Promise<string | undefined>;
  /** Deletes the object; no error when there is none. */
  remove(bucket: string, key: string): Promise<void>;
  /** The object's ETag (HEAD), or undefined when there is none. */
  etagOf(bucket: string, key: string): Promise<string | undefined>;
  /** Every object under `prefix`, in key order. */
  list(bucket: string, prefix: string): AsyncIterable<ListedObject>;
}

/** Says that an article's report changed: the compactor of its collection reads it. */
export interface ReportChanged {
  readonly bucket: string;
  readonly collection: string;
  /** The article key. */
  readonly key: string;
}

/** Where the article function tells the compactor (SQS FIFO on AWS, in process locally). */
export interface ReportQueue {
  send(message: ReportChanged, deduplicationId: string): Promise<void>;
}
