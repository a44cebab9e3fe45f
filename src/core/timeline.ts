import { createHash } from 'node:crypto';
import type { Article, ReferenceSource } from './article.ts';
import type { DatedEvent, EventDate, EventSource } from './events.ts';
import { formatDate } from './temporal/calendar.ts';
import { contentWords, jaccard } from './text-similarity.ts';

/** Format version of the timeline JSON; bumped on any incompatible change. */
export const TIMELINE_VERSION = 1;

/** An article as the timeline remembers it. */
export interface TimelineArticle {
  readonly key: string;
  readonly title?: string;
  readonly url?: string;
  readonly format: string;
  readonly encoding: string;
  /** The stored object's ETag, when it came from S3. */
  readonly etag?: string;
  readonly reference: { readonly date: string; readonly timezone: string; readonly source: ReferenceSource };
  /** How many events were read from it. */
  readonly events: number;
}

/** One thing that happened, with every sentence that reported it. */
export interface TimelineEvent {
  /** Stable: kept when more sources join the event. */
  readonly id: string;
  readonly date: EventDate;
  readonly title: string;
  readonly sources: readonly EventSource[];
}

/** The merged timeline of one collection of articles, as stored in `timelines/<collection>.json`. */
export interface Timeline {
  readonly version: typeof TIMELINE_VERSION;
  readonly collection: string;
  readonly updatedAt: string;
  readonly articles: readonly TimelineArticle[];
  readonly events: readonly TimelineEvent[];
}

/** Two reports are of the same happening when they share at least this share of content words. */
const SAME_EVENT_SIMILARITY = 0.5;

/** @example emptyTimeline('north-korea', '2018-11-08T00:00:00.000Z').events // [] */
export function emptyTimeline(collection: string, updatedAt: string): Timeline {
  return { version: TIMELINE_VERSION, collection, updatedAt, articles: [], events: [] };
}

/** The timeline entry of a parsed article. */
export function describeArticle(article: Article, events: number, etag?: string): TimelineArticle {
  return {
    key: article.key,
    ...(article.title ? { title: article.title } : {}),
    ...(article.url ? { url: article.url } : {}),
    format: article.format,
    encoding: article.encoding,
    ...(etag ? { etag } : {}),
    reference: {
      date: formatDate(article.reference.date),
      timezone: article.reference.timezone,
      source: article.reference.source,
    },
    events,
  };
}

function eventIdOf(date: EventDate, title: string, taken: ReadonlySet<string>): string {
  const base = createHash('sha256')
    .update(`${date.value}\n${[...contentWords(title)].sort().join(' ')}`)
    .digest('hex')
    .slice(0, 12);
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

const byDate = (a: TimelineEvent, b: TimelineEvent): number =>
  a.date.start.localeCompare(b.date.start) ||
  a.date.end.localeCompare(b.date.end) ||
  a.id.localeCompare(b.id);

const bySource = (a: EventSource, b: EventSource): number =>
  a.article < b.article ? -1 : a.article > b.article ? 1 : a.start - b.start || a.date.start - b.date.start;

function isSameHappening(event: TimelineEvent, candidate: DatedEvent): boolean {
  if (event.date.value !== candidate.date.value) return false;
  const words = contentWords(candidate.source.text);
  return event.sources.some((source) => jaccard(contentWords(source.text), words) >= SAME_EVENT_SIMILARITY);
}

/**
 * Takes an article's events out of the timeline; an event left with no source disappears.
 *
 * @example withoutArticle(timeline, 'articles/a.txt').articles.some((a) => a.key === 'articles/a.txt') // false
 */
export function withoutArticle(timeline: Timeline, key: string): Timeline {
  const events: TimelineEvent[] = [];
  for (const event of timeline.events) {
    const sources = event.sources.filter((source) => source.article !== key);
    if (sources.length > 0)
      events.push(sources.length === event.sources.length ? event : { ...event, sources });
  }
  return { ...timeline, articles: timeline.articles.filter((article) => article.key !== key), events };
}

/**
 * Adds (or replaces) an article and its events: each event joins an existing event of the same
 * date reported in similar words, or becomes a new one. Re-adding an article replaces its old
 * events rather than adding a second copy.
 *
 * @example withArticle(timeline, describeArticle(article, events.length), events)
 */
export function withArticle(
  timeline: Timeline,
  article: TimelineArticle,
  events: readonly DatedEvent[],
): Timeline {
  const base = withoutArticle(timeline, article.key);
  const merged = base.events.map((event) => ({ ...event, sources: [...event.sources] }));
  const taken = new Set(merged.map((event) => event.id));
  for (const candidate of events) {
    const match = merged.find((event) => isSameHappening(event, candidate));
    if (match) {
      match.sources.push(candidate.source);
      match.sources.sort(bySource);
      continue;
    }
    const id = eventIdOf(candidate.date, candidate.title, taken);
    taken.add(id);
    merged.push({ id, date: candidate.date, title: candidate.title, sources: [candidate.source] });
  }
  const articles = [...base.articles, article].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ...base, articles, events: merged.sort(byDate) };
}

/** True when two timelines say the same thing (their `updatedAt` aside). */
export function sameTimelineContent(a: Timeline, b: Timeline): boolean {
  return JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });
}
