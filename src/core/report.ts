import type { Article, ReferenceSource } from './article.ts';
import type { DatedEvent } from './events.ts';
import { ARTICLES_PREFIX } from './route-key.ts';
import { formatDate } from './temporal/calendar.ts';

/** Format version of a report; bumped on any incompatible change. */
export const REPORT_VERSION = 1;
/**
 * Version of what reads events out of an article (tagger, event rules). Reports of an older one
 * are still merged; `rebuild` re-reads the articles to bring them all to this one.
 */
export const EXTRACTOR_VERSION = '2026-12-01';
/** Reports are written under this prefix, mirroring `articles/`. */
export const REPORTS_PREFIX = 'reports/';

/** An article as its report describes it. */
export interface ReportedArticle {
  readonly title?: string;
  readonly url?: string;
  readonly format: string;
  readonly encoding: string;
  /** The stored article's ETag, when it came from S3. */
  readonly etag?: string;
  readonly reference: { readonly date: string; readonly timezone: string; readonly source: ReferenceSource };
}

/**
 * What one article says, as the article function read it: the source of truth the view is
 * built from. One object per article key, written only by the invocations for that key. A
 * deleted article leaves a report without `article` (a tombstone) that keeps the sequencer of its
 * delete, so that an older notification arriving late is known to be stale.
 */
export interface ArticleReport {
  readonly version: typeof REPORT_VERSION;
  readonly collection: string;
  readonly key: string;
  /** The S3 event `sequencer` of the latest notification applied for the key, when it had one. */
  readonly sequencer?: string;
  readonly extractor: string;
  /** The article, or undefined when it is deleted. */
  readonly article?: ReportedArticle;
  /** Its dated events, in text order; empty when deleted. */
  readonly events: readonly DatedEvent[];
}

/**
 * `articles/nk/a.txt` → `reports/nk/a.txt.json`; undefined for a key outside `articles/`.
 *
 * @example reportKeyOf('articles/north-korea/nk talks.txt') // 'reports/north-korea/nk talks.txt.json'
 */
export function reportKeyOf(articleKey: string): string | undefined {
  if (!articleKey.startsWith(ARTICLES_PREFIX)) return undefined;
  return `${REPORTS_PREFIX}${articleKey.slice(ARTICLES_PREFIX.length)}.json`;
}

/** The report of a parsed article and its events. */
export function reportOf(
  collection: string,
  article: Article,
  events: readonly DatedEvent[],
  origin: { readonly etag?: string; readonly sequencer?: string } = {},
): ArticleReport {
  return {
    version: REPORT_VERSION,
    collection,
    key: article.key,
    ...(origin.sequencer ? { sequencer: origin.sequencer } : {}),
    extractor: EXTRACTOR_VERSION,
    article: {
      ...(article.title ? { title: article.title } : {}),
      ...(article.url ? { url: article.url } : {}),
      format: article.format,
      encoding: article.encoding,
      ...(origin.etag ? { etag: origin.etag } : {}),
      reference: {
        date: formatDate(article.reference.date),
        timezone: article.reference.timezone,
        source: article.reference.source,
      },
    },
    events,
  };
}

/** The tombstone of a deleted article. */
export function removedReport(collection: string, key: string, sequencer?: string): ArticleReport {
  return {
    version: REPORT_VERSION,
    collection,
    key,
    ...(sequencer ? { sequencer } : {}),
    extractor: EXTRACTOR_VERSION,
    events: [],
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A stored report's body, or why it is not a report. Only the shape the merge reads is checked:
 * the events came from our own extractor.
 */
export function readReport(body: string): ArticleReport | { readonly problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { problem: `not JSON (${(error as Error).message})` };
  }
  if (!isObject(value)) return { problem: 'not a JSON object' };
  if (value.version !== REPORT_VERSION)
    return { problem: `report version ${JSON.stringify(value.version)}, this code reads ${REPORT_VERSION}` };
  if (typeof value.key !== 'string' || typeof value.collection !== 'string')
    return { problem: 'no key or collection' };
  if (value.sequencer !== undefined && typeof value.sequencer !== 'string')
    return { problem: 'sequencer is not a string' };
  if (value.article !== undefined && !isObject(value.article)) return { problem: 'article is not an object' };
  if (!Array.isArray(value.events)) return { problem: 'no events list' };
  for (const [at, event] of value.events.entries())
    if (
      !isObject(event) ||
      !isObject(event.date) ||
      !isObject(event.source) ||
      typeof event.date.start !== 'string'
    )
      return { problem: `events[${at}] is not a dated event` };
  return value as unknown as ArticleReport;
}
