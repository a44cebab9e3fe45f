import type { Article } from './core/article.ts';
import { ArticleFormatError, ConflictError } from './core/errors.ts';
import { type DatedEvent, extractArticleEvents, MAX_EVENTS_PER_ARTICLE } from './core/events.ts';
import { collectionOfKey, collectionProblem } from './core/route-key.ts';
import { compareSequencers, SEQUENCER_RE } from './core/sequencer.ts';
import {
  describeArticle,
  emptyTimeline,
  lastSequencerOf,
  sameTimelineContent,
  type Timeline,
  withArticle,
  withoutArticle,
} from './core/timeline.ts';
import type { Logger } from './logger.ts';
import type { MetricsRecorder } from './metrics.ts';
import { parseStoredArticle } from './parse-stored-article.ts';
import type { ArticleSource, StoredObject, TimelineStore } from './ports.ts';

export interface SyncDependencies {
  readonly articles: ArticleSource;
  readonly timelines: TimelineStore;
  readonly logger: Logger;
  readonly metrics: MetricsRecorder;
  /** The clock, for `updatedAt` only: dates in the timeline never depend on it. */
  readonly now: () => Date;
  /** Waits between compare-and-swap attempts. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Compare-and-swap attempts before giving up (Lambda's async retry takes over then). */
  readonly maxAttempts: number;
}

/** What the notification said of the key, beyond its name. */
export interface ArticleNotice {
  /** The S3 event's `sequencer`: orders the notifications of one key. */
  readonly sequencer?: string;
}

export interface SyncOutcome {
  readonly key: string;
  readonly collection: string;
  /**
   * `updated`: the timeline changed; `unchanged`: it already said this (a duplicate delivery);
   * `stale`: it already holds a later notification of this key, so this one changes nothing.
   */
  readonly result: 'updated' | 'unchanged' | 'stale';
  /** `upsert`: the article exists and its events are in; `remove`: it is gone and so are they. */
  readonly action: 'upsert' | 'remove' | 'none';
  readonly events: number;
  readonly attempts: number;
  /** Writes that lost a compare-and-swap and were merged again. */
  readonly conflicts: number;
}

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export function backoffMs(attempt: number): number {
  return Math.random() * Math.min(2000, 50 * 2 ** attempt);
}

interface Extracted {
  readonly etag: string | undefined;
  readonly article: Article;
  readonly events: readonly DatedEvent[];
}

function extract(deps: SyncDependencies, bucket: string, stored: StoredObject): Extracted {
  const article = parseStoredArticle(stored);
  for (const warning of article.warnings) deps.logger.warn(warning, { bucket, key: stored.key });
  const { events, dropped } = extractArticleEvents(article);
  if (dropped > 0)
    deps.logger.warn(`more dated events than the limit of ${MAX_EVENTS_PER_ARTICLE}; the first kept`, {
      bucket,
      key: stored.key,
      kept: events.length,
      dropped,
    });
  return { etag: stored.etag, article, events };
}

/**
 * Brings the timeline of the article's collection in line with the article as it is stored
 * *now*: present → its events replace its old ones; absent → its events go. Acting on the stored
 * state rather than the notification's event name makes duplicate and out-of-order
 * notifications harmless (S3 delivers at least once, in no guaranteed order).
 *
 * Why no stale snapshot is ever written, with S3's guarantees (strong read-after-write; the
 * notification of a change is sent after it; `sequencer` orders the changes of one key):
 * - each attempt reads the timeline first and the article after it, so what it writes is never
 *   older than what the timeline it replaces was built from;
 * - the timeline remembers, per key, the sequencer of the latest notification applied (a deleted
 *   key keeps it in `removed`); a notification older than that is `stale` and writes nothing;
 * - a newer notification always writes (its sequencer changes the ledger), so a slow invocation
 *   that read the article before that change loses its compare-and-swap, re-reads and finds its
 *   notification stale;
 * - the one write no one else can contend with is the timeline's creation, racing a delete that
 *   found no timeline (and so created none: a delete of an article never seen leaves no empty
 *   timeline); after creating, the article is checked again and the loop goes round once more
 *   when it changed.
 *
 * Throws ArticleFormatError for an unreadable article or an unusable key, leaving the timeline
 * as it was; ConflictError after `maxAttempts` lost races, having written nothing.
 */
export async function syncArticle(
  deps: SyncDependencies,
  bucket: string,
  key: string,
  notice: ArticleNotice = {},
): Promise<SyncOutcome> {
  const collection = collectionOfKey(key);
  if (collection === undefined) throw new Error(`not an article key: ${key}`);
  const problem = collectionProblem(collection);
  if (problem)
    throw new ArticleFormatError(key, 'bad-key', `collection name ${JSON.stringify(collection)} ${problem}`);
  const sequencer =
    notice.sequencer !== undefined && SEQUENCER_RE.test(notice.sequencer) ? notice.sequencer : undefined;
  let conflicts = 0;
  // Parsing and tagging cost more than a read: redo them only when the object changed.
  let extracted: Extracted | undefined;
  const outcome = (
    result: SyncOutcome['result'],
    action: SyncOutcome['action'],
    attempts: number,
  ): SyncOutcome => ({
    key,
    collection,
    result,
    action,
    events: action === 'upsert' ? (extracted?.events.length ?? 0) : 0,
    attempts,
    conflicts,
  });

  for (let attempt = 1; ; attempt += 1) {
    const stored = await deps.timelines.loadTimeline(bucket, collection);
    const current: Timeline = stored?.timeline ?? emptyTimeline(collection, deps.now().toISOString());
    const last = lastSequencerOf(current, key);
    if (sequencer !== undefined && last !== undefined && compareSequencers(last, sequencer) > 0)
      return outcome('stale', 'none', attempt);
    // The ledger only moves forward: a notification without a sequencer keeps the one there.
    const label =
      sequencer !== undefined && (last === undefined || compareSequencers(sequencer, last) > 0)
        ? sequencer
        : last;

    let object: StoredObject | undefined;
    try {
      object = await deps.articles.getArticle(bucket, key);
    } catch (error) {
      // Replaced between its HEAD and its GET: read it again, from the timeline on.
      if (!(error instanceof ConflictError) || attempt >= deps.maxAttempts) throw error;
      deps.logger.info('article changed while being read; reading again', { bucket, key, attempt });
      continue;
    }
    let next: Timeline;
    if (!object) {
      // No timeline and no article: nothing to take out, and no empty timeline to create.
      if (!stored) return outcome('unchanged', 'remove', attempt);
      next = withoutArticle(current, key, label);
    } else {
      if (extracted?.etag === undefined || extracted.etag !== object.etag)
        extracted = extract(deps, bucket, object);
      const described = describeArticle(extracted.article, extracted.events.length, {
        ...(object.etag ? { etag: object.etag } : {}),
        ...(label ? { sequencer: label } : {}),
      });
      next = withArticle(current, described, extracted.events);
    }
    const action = object ? 'upsert' : 'remove';
    if (stored && sameTimelineContent(current, next)) return outcome('unchanged', action, attempt);

    try {
      await deps.timelines.saveTimeline(
        bucket,
        { ...next, updatedAt: deps.now().toISOString() },
        stored?.etag,
      );
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= deps.maxAttempts) throw error;
      conflicts += 1;
      deps.metrics.count('ConflictsRetried');
      deps.logger.info('lost a concurrent timeline write; re-reading and merging again', {
        bucket,
        collection,
        key,
        attempt,
      });
      await deps.sleep(backoffMs(attempt));
      continue;
    }
    if (!stored && (await deps.articles.articleEtag(bucket, key)) !== object?.etag) {
      if (attempt >= deps.maxAttempts)
        throw new ConflictError(`article s3://${bucket}/${key} kept changing while its timeline was created`);
      deps.logger.info('article changed while its timeline was created; merging again', {
        bucket,
        key,
        attempt,
      });
      continue;
    }
    return outcome('updated', action, attempt);
  }
}
