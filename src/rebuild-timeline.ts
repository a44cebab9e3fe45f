import type { Article } from './core/article.ts';
import { ArticleFormatError, ConflictError, TimelineCorruptError } from './core/errors.ts';
import { type DatedEvent, extractArticleEvents } from './core/events.ts';
import { ARTICLES_PREFIX, collectionOfKey, collectionProblem, DEFAULT_COLLECTION } from './core/route-key.ts';
import {
  describeArticle,
  lastSequencerOf,
  type RemovedArticle,
  type Timeline,
  type TimelineArticle,
  timelineOf,
} from './core/timeline.ts';
import { parseStoredArticle } from './parse-stored-article.ts';
import type { StoredObject } from './ports.ts';
import { backoffMs, type SyncDependencies } from './sync-article.ts';

/** How the stored timeline was found before the rebuild. */
export type PreviousTimeline = 'missing' | 'corrupt' | 'current' | 'upgraded';

export interface RebuildSummary {
  readonly collection: string;
  readonly previous: PreviousTimeline;
  /** Why the stored timeline could not be read, when it could not. */
  readonly problem?: string;
  readonly articles: number;
  readonly events: number;
  readonly rejected: ReadonlyArray<{ readonly key: string; readonly code: string; readonly reason: string }>;
  /** Articles with more dated events than MAX_EVENTS_PER_ARTICLE: the first are kept. */
  readonly truncated: ReadonlyArray<{ readonly key: string; readonly dropped: number }>;
  readonly attempts: number;
}

export interface RebuildProgress {
  readonly read: number;
  readonly listed: number;
  readonly key: string;
}

interface ReadArticle {
  readonly etag: string | undefined;
  readonly outcome:
    | { readonly article: Article; readonly events: readonly DatedEvent[]; readonly dropped: number }
    | { readonly error: ArticleFormatError };
}

function readStoredArticle(stored: StoredObject): ReadArticle['outcome'] {
  try {
    const article = parseStoredArticle(stored);
    const { events, dropped } = extractArticleEvents(article);
    return { article, events, dropped };
  } catch (error) {
    if (error instanceof ArticleFormatError) return { error };
    throw error;
  }
}

/** The article as stored now; one replaced between its HEAD and its GET is read again. */
async function readArticle(
  deps: SyncDependencies,
  bucket: string,
  key: string,
): Promise<StoredObject | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await deps.articles.getArticle(bucket, key);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= deps.maxAttempts) throw error;
    }
  }
}

/**
 * Rebuilds a collection's timeline from the articles in the bucket now: after its timeline was
 * deleted or corrupted, or to re-read every article with a new extractor. Same guarantees as the
 * handler: the stored timeline is read first and the articles after it, the ledger of sequencers
 * is kept where the old timeline is readable (a key no longer in the bucket stays remembered as
 * removed), and the write is a compare-and-swap on the ETag of what was there, corrupt or not;
 * a lost race reads again (articles unchanged since are not read twice). Unreadable articles are
 * skipped and listed.
 */
export async function rebuildTimeline(
  deps: SyncDependencies,
  bucket: string,
  collection: string,
  onProgress: (progress: RebuildProgress) => void = () => {},
): Promise<RebuildSummary> {
  const problem = collectionProblem(collection);
  if (problem) throw new ArticleFormatError(collection, 'bad-key', `collection name ${problem}`);
  const prefix = collection === DEFAULT_COLLECTION ? ARTICLES_PREFIX : `${ARTICLES_PREFIX}${collection}/`;
  const cache = new Map<string, ReadArticle>();
  for (let attempt = 1; ; attempt += 1) {
    let previous: PreviousTimeline = 'missing';
    let old: Timeline | undefined;
    let etag: string | undefined;
    let corruption: string | undefined;
    try {
      const stored = await deps.timelines.loadTimeline(bucket, collection);
      if (stored) {
        old = stored.timeline;
        etag = stored.etag;
        previous = stored.upgradedFrom === undefined ? 'current' : 'upgraded';
      }
    } catch (error) {
      if (!(error instanceof TimelineCorruptError)) throw error;
      etag = await deps.timelines.timelineEtag(bucket, collection);
      previous = 'corrupt';
      corruption = error.message;
    }

    const listed: string[] = [];
    for await (const object of deps.articles.listArticles(bucket, prefix))
      if (collectionOfKey(object.key) === collection) listed.push(object.key);
    const entries: Array<{ article: TimelineArticle; events: readonly DatedEvent[] }> = [];
    const rejected: Array<{ key: string; code: string; reason: string }> = [];
    const truncated: Array<{ key: string; dropped: number }> = [];
    // Keys in the bucket now, readable or not: only the others are remembered as removed.
    const present = new Set<string>();
    for (const [index, key] of listed.entries()) {
      const stored = await readArticle(deps, bucket, key);
      onProgress({ read: index + 1, listed: listed.length, key });
      if (!stored) continue; // deleted since the listing
      present.add(key);
      let read = cache.get(key);
      if (!read || read.etag === undefined || read.etag !== stored.etag) {
        read = { etag: stored.etag, outcome: readStoredArticle(stored) };
        cache.set(key, read);
      }
      if ('error' in read.outcome) {
        rejected.push({ key, code: read.outcome.error.code, reason: read.outcome.error.reason });
        continue;
      }
      if (read.outcome.dropped > 0) truncated.push({ key, dropped: read.outcome.dropped });
      const sequencer = old ? lastSequencerOf(old, key) : undefined;
      entries.push({
        article: describeArticle(read.outcome.article, read.outcome.events.length, {
          ...(stored.etag ? { etag: stored.etag } : {}),
          ...(sequencer ? { sequencer } : {}),
        }),
        events: read.outcome.events,
      });
    }
    // Keys the old timeline knew and the bucket no longer has stay remembered as removed.
    const removed: RemovedArticle[] = old
      ? [
          ...old.removed,
          ...old.articles.flatMap((article) =>
            article.sequencer && !present.has(article.key)
              ? [{ key: article.key, sequencer: article.sequencer }]
              : [],
          ),
        ]
      : [];
    const timeline = timelineOf(collection, deps.now().toISOString(), entries, removed);
    try {
      await deps.timelines.saveTimeline(bucket, timeline, etag);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= deps.maxAttempts) throw error;
      deps.metrics.count('ConflictsRetried');
      deps.logger.info('timeline changed during the rebuild; reading again', { bucket, collection, attempt });
      await deps.sleep(backoffMs(attempt));
      continue;
    }
    return {
      collection,
      previous,
      ...(corruption ? { problem: corruption } : {}),
      articles: entries.length,
      events: timeline.events.length,
      rejected,
      truncated,
      attempts: attempt,
    };
  }
}
