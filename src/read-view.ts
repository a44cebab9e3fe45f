import { ConflictError, TimelineCorruptError } from './core/errors.ts';
import {
  type ArticlePage,
  articlePageKeyOf,
  assembleTimeline,
  indexKeyOf,
  type MonthTable,
  monthTableKeyOf,
  type Shard,
  shardKeysOf,
  stateKeysOf,
  VIEW_VERSION,
  type ViewIndex,
  type WholeTimeline,
} from './core/view.ts';
import type { DocumentStore } from './ports.ts';

/** A view document, checked for its kind and version. */
export function parseViewDocument<T>(where: string, body: string, kind: string): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new TimelineCorruptError(where, `not JSON (${(error as Error).message})`, { cause: error });
  }
  const document = parsed as { version?: unknown; kind?: unknown } | null;
  if (typeof document !== 'object' || document === null || document.kind !== kind)
    throw new TimelineCorruptError(where, `not a ${kind} document`);
  if (document.version !== VIEW_VERSION)
    throw new TimelineCorruptError(
      where,
      `version ${JSON.stringify(document.version)}, this code reads ${VIEW_VERSION}`,
    );
  return parsed as T;
}

/** The collection's index and its ETag, or undefined when it has none. */
export async function readIndex(
  documents: DocumentStore,
  bucket: string,
  collection: string,
): Promise<{ index: ViewIndex; etag: string } | undefined> {
  const key = indexKeyOf(collection);
  const stored = await documents.read(bucket, key);
  if (stored === undefined || stored === 'not-modified') return undefined;
  return {
    index: parseViewDocument<ViewIndex>(`s3://${bucket}/${key}`, stored.body, 'index'),
    etag: stored.etag,
  };
}

async function readListed<T>(
  documents: DocumentStore,
  bucket: string,
  key: string,
  kind: string,
): Promise<T> {
  const stored = await documents.read(bucket, key);
  if (stored === undefined || stored === 'not-modified')
    throw new ConflictError(`s3://${bucket}/${key} is gone: the view was updated while it was read`);
  return parseViewDocument<T>(`s3://${bucket}/${key}`, stored.body, kind);
}

/**
 * Every document an index points at: its article pages, its month tables and their public and
 * state chunks (the month tables are read to find the chunks).
 */
export async function viewDocumentKeys(
  documents: DocumentStore,
  bucket: string,
  index: ViewIndex,
): Promise<string[]> {
  const { collection } = index;
  const keys = index.articles.pages.map((page) => articlePageKeyOf(collection, page.page, page.hash));
  for (const month of index.months) {
    const key = monthTableKeyOf(collection, month.month, month.hash);
    keys.push(key);
    const stored = await documents.read(bucket, key);
    if (stored === undefined || stored === 'not-modified') continue;
    for (const entry of parseViewDocument<MonthTable>(key, stored.body, 'month').partitions)
      keys.push(...shardKeysOf(collection, entry), ...stateKeysOf(collection, entry));
  }
  return keys;
}

/**
 * A collection's whole view in one document (index, every article page, month table and shard), or
 * undefined when it has none. The documents an index points at are replaced, not rewritten, by
 * an update; one gone while it is read means the view moved on, and it is read again.
 */
export async function readWholeTimeline(
  documents: DocumentStore,
  bucket: string,
  collection: string,
  attempts = 5,
): Promise<WholeTimeline | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    const stored = await readIndex(documents, bucket, collection);
    if (!stored) return undefined;
    const { index } = stored;
    try {
      const pages = await Promise.all(
        index.articles.pages.map((page) =>
          readListed<ArticlePage>(
            documents,
            bucket,
            articlePageKeyOf(collection, page.page, page.hash),
            'articles',
          ),
        ),
      );
      const tables = await Promise.all(
        index.months.map((month) =>
          readListed<MonthTable>(
            documents,
            bucket,
            monthTableKeyOf(collection, month.month, month.hash),
            'month',
          ),
        ),
      );
      const keys = tables.flatMap((table) =>
        table.partitions.flatMap((entry) => shardKeysOf(collection, entry)),
      );
      const shards: Shard[] = [];
      // A few at a time: a large collection has thousands of chunks.
      for (let at = 0; at < keys.length; at += 16)
        shards.push(
          ...(await Promise.all(
            keys.slice(at, at + 16).map((key) => readListed<Shard>(documents, bucket, key, 'shard')),
          )),
        );
      return assembleTimeline(index, pages, shards);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
    }
  }
}
