import { parseArticle } from './core/article.ts';
import { ConflictError } from './core/errors.ts';
import { extractEvents } from './core/events.ts';
import { collectionOfKey } from './core/route-key.ts';
import {
  describeArticle,
  emptyTimeline,
  sameTimelineContent,
  type Timeline,
  withArticle,
  withoutArticle,
} from './core/timeline.ts';
import type { Logger } from './logger.ts';
import type { ArticleSource, TimelineStore } from './ports.ts';

export interface SyncDependencies {
  readonly articles: ArticleSource;
  readonly timelines: TimelineStore;
  readonly logger: Logger;
  /** The clock, for `updatedAt` only: dates in the timeline never depend on it. */
  readonly now: () => Date;
  /** Waits between compare-and-swap attempts. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Compare-and-swap attempts before giving up (Lambda's async retry takes over then). */
  readonly maxAttempts: number;
}

export interface SyncOutcome {
  readonly key: string;
  readonly collection: string;
  /** `updated`: the timeline changed; `unchanged`: it already said this (a duplicate delivery). */
  readonly result: 'updated' | 'unchanged';
  /** `upsert`: the article exists and its events are in; `remove`: it is gone and so are they. */
  readonly action: 'upsert' | 'remove';
  readonly events: number;
  readonly attempts: number;
}

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(2000, 50 * 2 ** attempt);
}

/**
 * Reads, merges and writes with compare-and-swap until the write lands: on a lost race it
 * re-reads the timeline someone else just wrote and re-applies `change` to it.
 */
async function updateTimeline(
  deps: SyncDependencies,
  bucket: string,
  collection: string,
  change: (timeline: Timeline) => Timeline,
): Promise<{ result: 'updated' | 'unchanged'; attempts: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const stored = await deps.timelines.loadTimeline(bucket, collection);
    const current = stored?.timeline ?? emptyTimeline(collection, deps.now().toISOString());
    const next = change(current);
    if (stored && sameTimelineContent(current, next)) return { result: 'unchanged', attempts: attempt };
    try {
      await deps.timelines.saveTimeline(
        bucket,
        { ...next, updatedAt: deps.now().toISOString() },
        stored?.etag,
      );
      return { result: 'updated', attempts: attempt };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= deps.maxAttempts) throw error;
      deps.logger.info('lost a concurrent timeline write; re-reading and merging again', {
        bucket,
        collection,
        attempt,
      });
      await deps.sleep(backoffMs(attempt));
    }
  }
}

/**
 * Brings the timeline of the article's collection in line with the article as it is stored
 * *now*: present → its events replace its old ones; absent → its events go. Acting on the
 * stored state rather than the notification's event name makes duplicate and out-of-order
 * notifications harmless (S3 delivers at least once, in no guaranteed order).
 * Throws ArticleFormatError for an unreadable article, leaving the timeline as it was.
 */
export async function syncArticle(deps: SyncDependencies, bucket: string, key: string): Promise<SyncOutcome> {
  const collection = collectionOfKey(key);
  if (collection === undefined) throw new Error(`not an article key: ${key}`);
  const stored = await deps.articles.getArticle(bucket, key);
  if (!stored) {
    const outcome = await updateTimeline(deps, bucket, collection, (timeline) =>
      withoutArticle(timeline, key),
    );
    return { key, collection, action: 'remove', events: 0, ...outcome };
  }
  const article = parseArticle(
    {
      key,
      bytes: stored.bytes,
      metadata: stored.metadata,
      ...(stored.contentType ? { contentType: stored.contentType } : {}),
    },
    stored.lastModified ? { fallback: { source: 'last-modified', instant: stored.lastModified } } : {},
  );
  for (const warning of article.warnings) deps.logger.warn(warning, { bucket, key });
  const events = extractEvents(article);
  const described = describeArticle(article, events.length, stored.etag);
  const outcome = await updateTimeline(deps, bucket, collection, (timeline) =>
    withArticle(timeline, described, events),
  );
  return { key, collection, action: 'upsert', events: events.length, ...outcome };
}
