import { createHash } from 'node:crypto';
import type { Article } from './core/article.ts';
import { ArticleFormatError, ConflictError } from './core/errors.ts';
import { type DatedEvent, extractArticleEvents, MAX_EVENTS_PER_ARTICLE } from './core/events.ts';
import { type ArticleReport, readReport, removedReport, reportKeyOf, reportOf } from './core/report.ts';
import { collectionOfKey, collectionProblem } from './core/route-key.ts';
import { compareSequencers, SEQUENCER_RE } from './core/sequencer.ts';
import type { Logger } from './logger.ts';
import type { MetricsRecorder } from './metrics.ts';
import { parseStoredArticle } from './parse-stored-article.ts';
import type { ArticleSource, DocumentStore, ReportQueue, StoredObject } from './ports.ts';

export interface ReportDependencies {
  readonly articles: ArticleSource;
  readonly documents: DocumentStore;
  readonly queue: ReportQueue;
  readonly logger: Logger;
  readonly metrics: MetricsRecorder;
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

export interface ReportOutcome {
  readonly key: string;
  readonly collection: string;
  /**
   * `updated`: the report changed; `unchanged`: it already said this (a duplicate delivery);
   * `stale`: it already holds a later notification of this key, so this one changes nothing.
   */
  readonly result: 'updated' | 'unchanged' | 'stale';
  /** `upsert`: the article exists and its events are reported; `remove`: it is gone. */
  readonly action: 'upsert' | 'remove' | 'none';
  readonly events: number;
  readonly attempts: number;
  /** Writes that lost a compare-and-swap and were done again. */
  readonly conflicts: number;
}

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export function backoffMs(attempt: number): number {
  return Math.random() * Math.min(2000, 50 * 2 ** attempt);
}

/** S3 keys are at most 1,024 bytes of UTF-8 (AWS docs, "Naming Amazon S3 objects"). */
const MAX_KEY_BYTES = 1024;

interface Extracted {
  readonly etag: string | undefined;
  readonly article: Article;
  readonly events: readonly DatedEvent[];
}

function extract(deps: ReportDependencies, bucket: string, stored: StoredObject): Extracted {
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

/** The report stored for the key, or undefined; one that is not a report of ours is replaced. */
async function loadReport(
  deps: ReportDependencies,
  bucket: string,
  reportKey: string,
): Promise<{ report?: ArticleReport; body: string; etag: string } | undefined> {
  const stored = await deps.documents.read(bucket, reportKey);
  if (stored === undefined || stored === 'not-modified') return undefined;
  const read = readReport(stored.body);
  if ('problem' in read) {
    deps.logger.warn('stored report is not readable; it is replaced', {
      bucket,
      key: reportKey,
      problem: read.problem,
    });
    return { body: stored.body, etag: stored.etag };
  }
  return { report: read, body: stored.body, etag: stored.etag };
}

/** The key FIFO deduplication knows a report change by: the same report twice is sent once. */
export function deduplicationIdOf(bucket: string, key: string, reportBody: string): string {
  return createHash('sha256').update(`${bucket}\n${key}\n${reportBody}`).digest('hex');
}

/**
 * Brings the article's report in line with the article as it is stored *now*, and tells the
 * compactor of its collection: present → its events; absent → a tombstone. Acting on the stored
 * state rather than the notification's event name makes duplicate and out-of-order
 * notifications harmless (S3 delivers at least once, in no guaranteed order).
 *
 * Why no stale report is ever written, with S3's guarantees (strong read-after-write; the
 * notification of a change is sent after it; `sequencer` orders the changes of one key):
 * - each attempt reads the report first and the article after it, so what it writes is never
 *   older than what the report it replaces was made from;
 * - the report keeps the sequencer of the latest notification applied (a tombstone keeps its
 *   delete's); a notification older than that is `stale` and writes nothing;
 * - a newer notification always writes (its sequencer changes the report), so a slow invocation
 *   that read the article before that change loses its compare-and-swap, re-reads and finds its
 *   notification stale.
 *
 * Throws ArticleFormatError for an unreadable article or an unusable key, leaving the report as
 * it was; ConflictError after `maxAttempts` lost races, having written nothing.
 */
export async function writeReport(
  deps: ReportDependencies,
  bucket: string,
  key: string,
  notice: ArticleNotice = {},
): Promise<ReportOutcome> {
  const collection = collectionOfKey(key);
  const reportKey = reportKeyOf(key);
  if (collection === undefined || reportKey === undefined) throw new Error(`not an article key: ${key}`);
  const problem = collectionProblem(collection);
  if (problem)
    throw new ArticleFormatError(key, 'bad-key', `collection name ${JSON.stringify(collection)} ${problem}`);
  if (new TextEncoder().encode(reportKey).length > MAX_KEY_BYTES)
    throw new ArticleFormatError(key, 'bad-key', `its report key would be over ${MAX_KEY_BYTES} bytes`);
  const sequencer =
    notice.sequencer !== undefined && SEQUENCER_RE.test(notice.sequencer) ? notice.sequencer : undefined;
  let conflicts = 0;
  // Parsing and tagging cost more than a read: redo them only when the object changed.
  let extracted: Extracted | undefined;
  const outcome = (
    result: ReportOutcome['result'],
    action: ReportOutcome['action'],
    attempts: number,
  ): ReportOutcome => ({
    key,
    collection,
    result,
    action,
    events: action === 'upsert' ? (extracted?.events.length ?? 0) : 0,
    attempts,
    conflicts,
  });

  for (let attempt = 1; ; attempt += 1) {
    const stored = await loadReport(deps, bucket, reportKey);
    const last = stored?.report?.sequencer;
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
      // Replaced between its HEAD and its GET: read it again, from the report on.
      if (!(error instanceof ConflictError) || attempt >= deps.maxAttempts) throw error;
      deps.logger.info('article changed while being read; reading again', { bucket, key, attempt });
      continue;
    }
    let next: ArticleReport;
    if (object) {
      if (extracted?.etag === undefined || extracted.etag !== object.etag)
        extracted = extract(deps, bucket, object);
      next = reportOf(collection, extracted.article, extracted.events, {
        ...(object.etag ? { etag: object.etag } : {}),
        ...(label ? { sequencer: label } : {}),
      });
    } else {
      // A tombstone even for a key never reported: a slow invocation that read the article
      // before its delete then loses its compare-and-swap and finds itself stale.
      next = removedReport(collection, key, label);
    }
    const action = object ? 'upsert' : 'remove';
    const body = JSON.stringify(next);
    let result: ReportOutcome['result'] = 'unchanged';
    if (stored?.body !== body) {
      try {
        await deps.documents.write(
          bucket,
          reportKey,
          body,
          stored ? { ifMatch: stored.etag } : { ifNoneMatch: '*' },
        );
        result = 'updated';
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= deps.maxAttempts) throw error;
        conflicts += 1;
        deps.metrics.count('ConflictsRetried');
        deps.logger.info('lost a concurrent report write; reading again', { bucket, key, attempt });
        await deps.sleep(backoffMs(attempt));
        continue;
      }
    }
    // Sent for an unchanged report too: the invocation that wrote it may have failed to send.
    await deps.queue.send({ bucket, collection, key }, deduplicationIdOf(bucket, key, body));
    return outcome(result, action, attempt);
  }
}
