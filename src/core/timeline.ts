import { createHash } from 'node:crypto';
import type { Article, ReferenceSource } from './article.ts';
import type { DatedEvent, EventDate, EventSource, EventStatus } from './events.ts';
import { daySalience, topDays } from './salience.ts';
import { formatDate } from './temporal/calendar.ts';
import { contentWords, jaccard } from './text-similarity.ts';

/**
 * Format version of the timeline JSON; bumped on any incompatible change. Version 3 added the
 * notification ledger (`articles[].sequencer`, `removed`); a version 2 timeline is upgraded on
 * read ({@link upgradeTimeline}).
 */
export const TIMELINE_VERSION = 3;

/** An article as the timeline remembers it. */
export interface TimelineArticle {
  readonly key: string;
  readonly title?: string;
  readonly url?: string;
  readonly format: string;
  readonly encoding: string;
  /** The stored object's ETag, when it came from S3. */
  readonly etag?: string;
  /**
   * The S3 event `sequencer` of the latest notification applied for this key: a notification
   * with an older one is stale and changes nothing.
   */
  readonly sequencer?: string;
  readonly reference: { readonly date: string; readonly timezone: string; readonly source: ReferenceSource };
  /** How many events were read from it. */
  readonly events: number;
}

/** A source of an event: where it was read, and what that sentence says by itself. */
export interface TimelineSource extends EventSource {
  /** The event as this sentence alone reports it (the merged event may be more specific). */
  readonly reading: {
    readonly date: EventDate;
    readonly title: string;
    readonly actors: readonly string[];
    readonly status: EventStatus;
    readonly confidence: number;
  };
}

/** One thing that happened, with every sentence that reported it. */
export interface TimelineEvent {
  /** Named after its first report: kept when later reports join the event. */
  readonly id: string;
  /** The most specific date its sources give. */
  readonly date: EventDate;
  /** The title of its first report. */
  readonly title: string;
  /** Everyone its sources name, the most often named first. */
  readonly actors: readonly string[];
  /** What the latest report says of it. */
  readonly status: EventStatus;
  /** How sure its date is, 0–1: more sources, more sure. */
  readonly confidence: number;
  /** How much it was reported: its articles, each weighted by how prominently it reported it. */
  readonly salience: number;
  readonly sources: readonly TimelineSource[];
}

/** The most salient days of the timeline, with their events. */
export interface TimelineSummary {
  readonly dates: ReadonlyArray<{
    readonly date: string;
    readonly salience: number;
    /** Ids of the events of that day, the most salient first. */
    readonly events: readonly string[];
  }>;
}

/**
 * An article deleted from the bucket, remembered by the sequencer of its delete notification so
 * that a late or repeated "created" notification of an older version cannot bring it back.
 */
export interface RemovedArticle {
  readonly key: string;
  readonly sequencer: string;
}

/** The merged timeline of one collection of articles, as stored in `timelines/<collection>.json`. */
export interface Timeline {
  readonly version: typeof TIMELINE_VERSION;
  readonly collection: string;
  readonly updatedAt: string;
  readonly articles: readonly TimelineArticle[];
  readonly events: readonly TimelineEvent[];
  readonly summary: TimelineSummary;
  /** Deleted articles with the sequencer of their delete, sorted by key. */
  readonly removed: readonly RemovedArticle[];
}

/** Two reports are of the same happening when they share at least this share of content words. */
const SAME_EVENT_SIMILARITY = 0.5;
/** How many days the stored summary lists. */
export const SUMMARY_DATES = 10;
const MAX_EVENT_ACTORS = 8;

/** @example emptyTimeline('north-korea', '2018-11-08T00:00:00.000Z').events // [] */
export function emptyTimeline(collection: string, updatedAt: string): Timeline {
  return {
    version: TIMELINE_VERSION,
    collection,
    updatedAt,
    articles: [],
    events: [],
    summary: { dates: [] },
    removed: [],
  };
}

/** Where a stored article came from: its S3 ETag and the sequencer of the notification applied. */
export interface ArticleOrigin {
  readonly etag?: string;
  readonly sequencer?: string;
}

/** The timeline entry of a parsed article. */
export function describeArticle(
  article: Article,
  events: number,
  origin: ArticleOrigin = {},
): TimelineArticle {
  return {
    key: article.key,
    ...(article.title ? { title: article.title } : {}),
    ...(article.url ? { url: article.url } : {}),
    format: article.format,
    encoding: article.encoding,
    ...(origin.etag ? { etag: origin.etag } : {}),
    ...(origin.sequencer ? { sequencer: origin.sequencer } : {}),
    reference: {
      date: formatDate(article.reference.date),
      timezone: article.reference.timezone,
      source: article.reference.source,
    },
    events,
  };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order reports are merged in: the earliest published first, so an event's first report leads. */
const byFirstReport = (a: TimelineSource, b: TimelineSource): number =>
  compareText(a.published, b.published) ||
  compareText(a.article, b.article) ||
  a.start - b.start ||
  a.date.start - b.date.start;

/** The order sources are listed in: by article, then by place in it. */
const bySource = (a: EventSource, b: EventSource): number =>
  compareText(a.article, b.article) || a.start - b.start || a.date.start - b.date.start;

const byDate = (a: TimelineEvent, b: TimelineEvent): number =>
  compareText(a.date.start, b.date.start) || compareText(a.date.end, b.date.end) || compareText(a.id, b.id);

const span = (date: EventDate): number => Date.parse(date.end) - Date.parse(date.start);

/** Dates that can be one happening's: equal, or one inside the other (a day of a reported week). */
function compatible(a: EventDate, b: EventDate): boolean {
  return (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end);
}

/** The more specific of two compatible dates (on a tie, the first). */
const finer = (a: EventDate, b: EventDate): EventDate => (span(b) < span(a) ? b : a);

function sourceOf(event: DatedEvent): TimelineSource {
  const { date, title, actors, status, confidence } = event;
  return { ...event.source, reading: { date, title, actors, status, confidence } };
}

interface Cluster {
  /** Its place in creation order: ties between candidates go to the earliest, as in a full scan. */
  readonly order: number;
  date: EventDate;
  readonly members: TimelineSource[];
  readonly words: Array<Set<string>>;
}

/** `YYYY-MM` of every month a date touches, first to last. */
function monthsOf(date: EventDate): string[] {
  const months: string[] = [];
  let year = Number(date.start.slice(0, 4));
  let month = Number(date.start.slice(5, 7));
  const lastYear = Number(date.end.slice(0, 4));
  const lastMonth = Number(date.end.slice(5, 7));
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/**
 * Where to look for a report's event: clusters listed by month and by word. Compatible dates (one
 * inside the other) share a month. And two word sets with a Jaccard similarity of at least
 * `SAME_EVENT_SIMILARITY` share a word among the rarest `n - ceil(t * n) + 1` of each (prefix
 * filtering: Chaudhuri, Ganti and Kaushik, "A Primitive Operator for Similarity Joins in Data
 * Cleaning", ICDE 2006), so a cluster is listed under the rarest words of each of its members and
 * a report looks only under its own. A cluster found no other way shares too few words with every
 * member to be chosen: the grouping is the one a scan of all clusters gives. A cluster whose date
 * narrows stays listed under months it no longer touches; the compatibility check drops it there.
 */
class ClusterIndex {
  readonly #lists = new Map<string, Cluster[]>();
  readonly #rarity: ReadonlyMap<string, number>;

  /** `frequency`: in how many of the reports each word is, for the rarest-first order. */
  constructor(frequency: ReadonlyMap<string, number>) {
    this.#rarity = frequency;
  }

  /** The words a report is listed and looked up under; an empty set has the empty word. */
  prefixOf(words: ReadonlySet<string>): string[] {
    if (words.size === 0) return [''];
    const rarestFirst = [...words].sort(
      (a, b) => (this.#rarity.get(a) ?? 0) - (this.#rarity.get(b) ?? 0) || compareText(a, b),
    );
    return rarestFirst.slice(0, words.size - Math.ceil(SAME_EVENT_SIMILARITY * words.size) + 1);
  }

  /** Lists `cluster` under the months of its date and the prefix of its new member. */
  add(cluster: Cluster, prefix: readonly string[]): void {
    for (const month of monthsOf(cluster.date)) {
      for (const word of prefix) {
        const key = `${month} ${word}`;
        const listed = this.#lists.get(key);
        if (!listed) this.#lists.set(key, [cluster]);
        else if (listed.at(-1) !== cluster) listed.push(cluster);
      }
    }
  }

  /** The clusters a report of `date` with this prefix may join, in creation order. */
  candidates(date: EventDate, prefix: readonly string[]): Cluster[] {
    const seen = new Set<Cluster>();
    for (const month of monthsOf(date))
      for (const word of prefix)
        for (const cluster of this.#lists.get(`${month} ${word}`) ?? []) seen.add(cluster);
    return [...seen].sort((a, b) => a.order - b.order);
  }
}

/** In how many of these word sets each word is. */
function documentFrequency(sets: ReadonlyArray<ReadonlySet<string>>): Map<string, number> {
  const frequency = new Map<string, number>();
  for (const words of sets) for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  return frequency;
}

/**
 * Groups reports into happenings. Reports are taken in first-report order and each joins the
 * first group, among those with a compatible date, where it shares most words with a member (at
 * least `SAME_EVENT_SIMILARITY`), or starts a group. The order is fixed by the reports themselves,
 * so the grouping depends only on which reports there are, not on the order articles arrived in.
 * Candidates come from an index by month and rare word ({@link ClusterIndex}), so a report is
 * compared with the few groups that could take it, not with the collection.
 */
function cluster(sources: readonly TimelineSource[]): Cluster[] {
  const ordered = [...sources].sort(byFirstReport);
  const wordsOf = ordered.map((source) => contentWords(source.text));
  const index = new ClusterIndex(documentFrequency(wordsOf));
  const clusters: Cluster[] = [];
  ordered.forEach((source, at) => {
    const words = wordsOf[at] as Set<string>;
    const prefix = index.prefixOf(words);
    let best: Cluster | undefined;
    let bestSimilarity = SAME_EVENT_SIMILARITY;
    for (const candidate of index.candidates(source.reading.date, prefix)) {
      if (!compatible(candidate.date, source.reading.date)) continue;
      const similarity = Math.max(...candidate.words.map((other) => jaccard(other, words)));
      if (similarity >= bestSimilarity && (!best || similarity > bestSimilarity)) {
        best = candidate;
        bestSimilarity = similarity;
      }
    }
    if (best) {
      best.members.push(source);
      best.words.push(words);
      best.date = finer(best.date, source.reading.date);
      index.add(best, prefix);
    } else {
      const created: Cluster = {
        order: clusters.length,
        date: source.reading.date,
        members: [source],
        words: [words],
      };
      clusters.push(created);
      index.add(created, prefix);
    }
  });
  return clusters;
}

const STATUS_PRECEDENCE: Record<EventStatus, number> = {
  cancelled: 3,
  postponed: 2,
  reported: 1,
  planned: 0,
};

/** What the latest reports say; on one day, a cancellation beats a postponement beats the rest. */
function statusOf(members: readonly TimelineSource[]): EventStatus {
  const latest = members.reduce((day, source) => (source.published > day ? source.published : day), '');
  return members
    .filter((source) => source.published === latest)
    .map((source) => source.reading.status)
    .reduce((best, status) => (STATUS_PRECEDENCE[status] > STATUS_PRECEDENCE[best] ? status : best));
}

function actorsOf(members: readonly TimelineSource[]): string[] {
  const counts = new Map<string, number>();
  for (const source of members)
    for (const actor of source.reading.actors) counts.set(actor, (counts.get(actor) ?? 0) + 1);
  // Map order is first-seen order, which breaks ties.
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_EVENT_ACTORS)
    .map(([actor]) => actor);
}

function eventOf(group: Cluster): TimelineEvent {
  const first = group.members[0] as TimelineSource;
  const id = createHash('sha256')
    .update(`${first.article}\n${first.start}\n${first.date.start}\n${first.reading.date.value}`)
    .digest('hex')
    .slice(0, 12);
  // The salience of the event's day, counting only its own reports.
  const salience =
    daySalience(group.members.map((source) => ({ ...source, day: group.date.start }))).get(
      group.date.start,
    ) ?? 0;
  const doubt = group.members.reduce((product, source) => product * (1 - source.reading.confidence), 1);
  return {
    id,
    date: group.date,
    title: first.reading.title,
    actors: actorsOf(group.members),
    status: statusOf(group.members),
    confidence: Math.round((1 - doubt) * 100) / 100,
    salience: Math.round(salience * 1000) / 1000,
    sources: [...group.members].sort(bySource),
  };
}

/**
 * The `k` most salient days of a timeline's day-dated events, each with its events.
 *
 * @example summarize(timeline, 3).dates.map((entry) => entry.date) // ['2018-11-07', '2018-11-02', '2018-11-08']
 */
export function summarize(events: readonly TimelineEvent[], k: number = SUMMARY_DATES): TimelineSummary {
  const daily = events.filter(
    (event) => event.date.granularity === 'day' || event.date.granularity === 'time',
  );
  const mentions = daily.flatMap((event) =>
    event.sources.map((source) => ({ ...source, day: event.date.start })),
  );
  const dates = topDays(daySalience(mentions), k).map(({ day, salience }) => ({
    date: day,
    salience,
    events: daily
      .filter((event) => event.date.start === day)
      .sort((a, b) => b.salience - a.salience || compareText(a.id, b.id))
      .map((event) => event.id),
  }));
  return { dates };
}

/** The timeline of these articles and reports, built afresh: a function of the two sets only. */
function build(
  timeline: Timeline,
  articles: readonly TimelineArticle[],
  sources: readonly TimelineSource[],
  removed: readonly RemovedArticle[],
): Timeline {
  const events = cluster(sources).map(eventOf).sort(byDate);
  return {
    version: TIMELINE_VERSION,
    collection: timeline.collection,
    updatedAt: timeline.updatedAt,
    articles: [...articles].sort((a, b) => compareText(a.key, b.key)),
    events,
    summary: summarize(events),
    removed: [...removed].sort((a, b) => compareText(a.key, b.key)),
  };
}

const sourcesOf = (timeline: Timeline): TimelineSource[] => timeline.events.flatMap((event) => event.sources);

/**
 * The sequencer of the latest notification applied for `key`: of the article when it is in the
 * timeline, of its delete when it was removed, undefined when no notification with one was seen.
 *
 * @example lastSequencerOf(timeline, 'articles/nk/a.txt') // '0062E99A88DC407460'
 */
export function lastSequencerOf(timeline: Timeline, key: string): string | undefined {
  return (
    timeline.articles.find((article) => article.key === key)?.sequencer ??
    timeline.removed.find((entry) => entry.key === key)?.sequencer
  );
}

/**
 * Takes an article and its reports out of the timeline; an event left with no source disappears.
 * With a `sequencer` (of the delete notification) the key is remembered as removed, whether or not
 * it was in the timeline, so that an older "created" notification arriving later is known stale.
 *
 * @example withoutArticle(timeline, 'articles/a.txt').articles.some((a) => a.key === 'articles/a.txt') // false
 */
export function withoutArticle(timeline: Timeline, key: string, sequencer?: string): Timeline {
  const removed = sequencer
    ? [...timeline.removed.filter((entry) => entry.key !== key), { key, sequencer }]
    : timeline.removed;
  if (!timeline.articles.some((article) => article.key === key)) {
    return removed === timeline.removed
      ? timeline
      : { ...timeline, removed: [...removed].sort((a, b) => compareText(a.key, b.key)) };
  }
  return build(
    timeline,
    timeline.articles.filter((article) => article.key !== key),
    sourcesOf(timeline).filter((source) => source.article !== key),
    removed,
  );
}

/**
 * Adds (or replaces) an article and its events. The merged timeline is rebuilt from all reports,
 * so it obeys the laws the tests check: the order articles arrive in does not matter, adding an
 * article twice is adding it once, removing it undoes adding it, and an event keeps its id when
 * later reports join it.
 *
 * @example withArticle(timeline, describeArticle(article, events.length), events)
 */
export function withArticle(
  timeline: Timeline,
  article: TimelineArticle,
  events: readonly DatedEvent[],
): Timeline {
  return build(
    timeline,
    [...timeline.articles.filter((known) => known.key !== article.key), article],
    [...sourcesOf(timeline).filter((source) => source.article !== article.key), ...events.map(sourceOf)],
    // Present again: a tombstone of the key is superseded by this newer state.
    timeline.removed.filter((entry) => entry.key !== article.key),
  );
}

/**
 * The timeline of exactly these articles and their events, built in one pass: what adding them
 * one by one with {@link withArticle} gives, without rebuilding the clusters for each article.
 *
 * @example timelineOf('nk', updatedAt, [{ article: describeArticle(a, events.length), events }]).articles.length // 1
 */
export function timelineOf(
  collection: string,
  updatedAt: string,
  entries: ReadonlyArray<{ readonly article: TimelineArticle; readonly events: readonly DatedEvent[] }>,
  removed: readonly RemovedArticle[] = [],
): Timeline {
  const present = new Set(entries.map((entry) => entry.article.key));
  return build(
    emptyTimeline(collection, updatedAt),
    entries.map((entry) => entry.article),
    entries.flatMap((entry) => entry.events.map(sourceOf)),
    removed.filter((entry) => !present.has(entry.key)),
  );
}

/** True when two timelines say the same thing (their `updatedAt` aside). */
export function sameTimelineContent(a: Timeline, b: Timeline): boolean {
  return JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });
}
