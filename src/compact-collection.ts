import { getHeapStatistics } from 'node:v8';
import { ConflictError } from './core/errors.ts';
import { readReport, reportKeyOf } from './core/report.ts';
import { timelineKeyOf } from './core/route-key.ts';
import { type ArticleChange, compaction, indexKeyOf, type ViewIndex } from './core/view.ts';
import type { Logger } from './logger.ts';
import type { MetricsRecorder } from './metrics.ts';
import type { DocumentStore } from './ports.ts';
import { parseViewDocument } from './read-view.ts';
import { backoffMs } from './write-report.ts';

/**
 * What the compactor remembers between invocations of a warm container: the documents it read or
 * wrote, by key (shards aside: it never reads them). Pages, month tables and state chunks are
 * named by their content and never change, so a cached one is always right; the index is checked
 * with a conditional GET (no body when it is the version cached). Bounded by the bytes of their
 * JSON ({@link defaultCacheBytes}), the least recently used dropped first.
 */
/**
 * The cache's default bound: 32 MB of JSON, or an eighth of V8's heap limit when that is less
 * (parsed, JSON takes about twice its bytes; a cache near the heap's limit makes every
 * collection a full garbage collection).
 */
function defaultCacheBytes(): number {
  return Math.min(32 * 1024 * 1024, Math.floor(getHeapStatistics().heap_size_limit / 8));
}

export class DocumentCache {
  readonly #entries = new Map<string, { value: unknown; etag?: string; bytes: number }>();
  #bytes = 0;
  readonly #limit: number;

  constructor(limitBytes = defaultCacheBytes()) {
    this.#limit = limitBytes;
  }

  get(key: string): { value: unknown; etag?: string } | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, value: unknown, bytes: number, etag?: string): void {
    this.delete(key);
    if (bytes > this.#limit) return;
    this.#entries.set(key, { value, bytes, ...(etag ? { etag } : {}) });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#limit) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}

export interface CompactorDependencies {
  readonly documents: DocumentStore;
  readonly cache: DocumentCache;
  readonly logger: Logger;
  readonly metrics: MetricsRecorder;
  /** The clock, for `updatedAt` only: dates in the view never depend on it. */
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** Compare-and-swap attempts on the index before giving up (the queue redelivers then). */
  readonly maxAttempts: number;
}

export interface CompactionOutcome {
  readonly collection: string;
  readonly result: 'updated' | 'unchanged';
  /** Articles whose report was merged (changed or removed). */
  readonly merged: number;
  readonly written: number;
  readonly attempts: number;
  readonly conflicts: number;
}

/** How many documents are written or deleted at once. */
const PARALLEL_REQUESTS = 8;

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_REQUESTS, items.length) }, worker));
}

function parseDocument<T>(where: string, body: string, kind: string): T {
  return parseViewDocument<T>(where, body, kind);
}

/** The index and its ETag, or undefined when the collection has none. */
async function loadIndex(
  deps: CompactorDependencies,
  bucket: string,
  collection: string,
): Promise<{ index: ViewIndex; etag: string } | undefined> {
  const key = indexKeyOf(collection);
  const cached = deps.cache.get(`${bucket}/${key}`);
  const stored = await deps.documents.read(bucket, key, cached?.etag);
  if (stored === 'not-modified' && cached?.etag)
    return { index: cached.value as ViewIndex, etag: cached.etag };
  if (stored === undefined || stored === 'not-modified') {
    deps.cache.delete(`${bucket}/${key}`);
    return undefined;
  }
  const index = parseDocument<ViewIndex>(`s3://${bucket}/${key}`, stored.body, 'index');
  deps.cache.set(`${bucket}/${key}`, index, stored.body.length, stored.etag);
  return { index, etag: stored.etag };
}

/** An immutable document of the view, from the cache when it was read or written before. */
async function loadImmutable<T>(
  deps: CompactorDependencies,
  bucket: string,
  key: string,
  kind: string,
): Promise<T> {
  const cached = deps.cache.get(`${bucket}/${key}`);
  if (cached) return cached.value as T;
  const stored = await deps.documents.read(bucket, key);
  if (stored === undefined || stored === 'not-modified')
    throw new ConflictError(`s3://${bucket}/${key} is gone: the index changed since it was read`);
  const document = parseDocument<T>(`s3://${bucket}/${key}`, stored.body, kind);
  deps.cache.set(`${bucket}/${key}`, document, stored.body.length);
  return document;
}

/** The article's report now; an unreadable one counts as none (its article is left out). */
export async function loadChange(
  deps: Pick<CompactorDependencies, 'documents' | 'logger'>,
  bucket: string,
  key: string,
): Promise<ArticleChange> {
  const reportKey = reportKeyOf(key) as string;
  const stored = await deps.documents.read(bucket, reportKey);
  if (stored === undefined || stored === 'not-modified') return { key };
  const report = readReport(stored.body);
  if ('problem' in report) {
    deps.logger.error('report is not readable; its article is left out of the view', {
      bucket,
      key: reportKey,
      problem: report.problem,
    });
    return { key };
  }
  return { key, report, reportEtag: stored.etag };
}

/**
 * Writes the index with a compare-and-swap and returns its new ETag. A write whose answer was
 * lost is retried by the SDK and then refused, the index having moved: to our own write. When the
 * stored index is byte for byte ours (it carries our `updatedAt`), the commit happened, and the
 * documents it replaced must still be deleted rather than left behind.
 */
async function commitIndex(
  deps: CompactorDependencies,
  bucket: string,
  key: string,
  body: string,
  expectedEtag: string | undefined,
): Promise<string | undefined> {
  try {
    return await deps.documents.write(
      bucket,
      key,
      body,
      expectedEtag ? { ifMatch: expectedEtag } : { ifNoneMatch: '*' },
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const now = await deps.documents.read(bucket, key);
    if (now !== undefined && now !== 'not-modified' && now.body === body) return now.etag;
    throw error;
  }
}

/** Says once per container and collection that an earlier version's timeline is still there. */
const legacyReported = new Set<string>();

async function reportLegacyTimeline(
  deps: CompactorDependencies,
  bucket: string,
  collection: string,
): Promise<void> {
  const key = timelineKeyOf(collection);
  if (legacyReported.has(`${bucket}/${key}`)) return;
  if ((await deps.documents.etagOf(bucket, key)) === undefined) return;
  legacyReported.add(`${bucket}/${key}`);
  deps.logger.warn(
    `collection ${JSON.stringify(collection)} has a timeline written by an earlier version (${key}); ` +
      `the new view holds only articles uploaded since: run \`news-timeline rebuild ${collection}\` to migrate it`,
    { bucket, collection, legacy: key },
  );
}

/**
 * Brings a collection's view in line with the reports of `keys` now. The one writer per
 * collection (the FIFO queue gives a collection's messages to one batch at a time): it reads the
 * index, the pages and partition states the changes touch (cached when this container wrote or
 * read them), merges the touched partitions again, writes the new documents under new names,
 * then the index with a compare-and-swap (the commit: readers see the old view or the new, never
 * half of one), then deletes what the old index pointed at and the new one does not. A lost
 * compare-and-swap (a `rebuild`, or a second compactor after a visibility timeout) starts over.
 */
export async function compactCollection(
  deps: CompactorDependencies,
  bucket: string,
  collection: string,
  keys: readonly string[],
): Promise<CompactionOutcome> {
  let conflicts = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const stored = await loadIndex(deps, bucket, collection);
      if (!stored) await reportLegacyTimeline(deps, bucket, collection);
      const index = stored?.index;
      const changes = await Promise.all(keys.map((key) => loadChange(deps, bucket, key)));
      const steps = compaction({
        collection,
        updatedAt: deps.now().toISOString(),
        ...(index ? { index } : {}),
        changes,
      });
      let step = steps.next([]);
      while (!step.done) {
        const wanted = step.value;
        step = steps.next(
          await Promise.all(
            wanted.map((document) => loadImmutable(deps, bucket, document.key, document.kind)),
          ),
        );
      }
      const result = step.value;
      if (result.kind === 'unchanged')
        return { collection, result: 'unchanged', merged: 0, written: 0, attempts: attempt, conflicts };

      await inParallel(result.writes, async (write) => {
        await deps.documents.write(bucket, write.key, write.body);
      });
      const indexKey = indexKeyOf(collection);
      const indexBody = JSON.stringify(result.index);
      const etag = await commitIndex(deps, bucket, indexKey, indexBody, stored?.etag);
      // What was just written is what the next batch reads first.
      // Shards are for readers: the compactor never reads them back.
      for (const write of result.writes)
        if ((write.document as { kind?: string }).kind !== 'shard')
          deps.cache.set(`${bucket}/${write.key}`, write.document, write.body.length);
      if (etag) deps.cache.set(`${bucket}/${indexKey}`, result.index, indexBody.length, etag);
      await inParallel(result.replaced, async (key) => {
        deps.cache.delete(`${bucket}/${key}`);
        try {
          await deps.documents.remove(bucket, key);
        } catch (error) {
          // Left over, harmless: no index points at it. `rebuild` sweeps what is left.
          deps.logger.warn('could not delete a replaced view document', { bucket, key, error });
        }
      });
      return {
        collection,
        result: 'updated',
        merged: result.merged.length,
        written: result.writes.length + 1,
        attempts: attempt,
        conflicts,
      };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= deps.maxAttempts) throw error;
      conflicts += 1;
      deps.metrics.count('ConflictsRetried');
      deps.logger.info('the view changed while it was compacted; reading again', {
        bucket,
        collection,
        attempt,
      });
      await deps.sleep(backoffMs(attempt));
    }
  }
}
