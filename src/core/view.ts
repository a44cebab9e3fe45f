import { createHash } from 'node:crypto';
import type { EventDate, EventStatus } from './events.ts';
import {
  byDate,
  compareText,
  type MergedEvent,
  type MergeSource,
  mergePartition,
  mergeSourceOf,
  partitionOf,
  partitionRange,
} from './merge.ts';
import type { ArticleReport, ReportedArticle } from './report.ts';
import { TIMELINES_PREFIX } from './route-key.ts';
import { daySalience } from './salience.ts';

/**
 * Format version of the view's documents (index, shards, article pages) and of the whole
 * timeline `get` assembles. Version 3 was one `timelines/<collection>.json` holding everything.
 */
export const VIEW_VERSION = 4;
/** Articles are listed in this many pages, by a hash of their key: each page stays small. */
export const ARTICLE_PAGES = 64;
/** How many days the summary lists. */
export const SUMMARY_DATES = 10;
/** The merge's own state (the readings of every source) lives here, outside the public view. */
export const STATE_PREFIX = 'state/';

/** A source as a reader sees it: the article, the sentence and where the date is in it. */
export interface ViewSource {
  readonly article: string;
  /** The article's title and url, when it has them. */
  readonly title?: string;
  readonly url?: string;
  /** The article's reference (publication) day. */
  readonly published: string;
  readonly text: string;
  /** Offsets of the sentence in the article text. */
  readonly start: number;
  readonly end: number;
  /** The date's words and their offsets in the article text. */
  readonly date: { readonly text: string; readonly start: number; readonly end: number };
}

/** One event as a reader sees it. */
export interface ViewEvent {
  readonly id: string;
  readonly date: EventDate;
  readonly title: string;
  readonly actors: readonly string[];
  readonly status: EventStatus;
  readonly confidence: number;
  readonly salience: number;
  readonly sources: readonly ViewSource[];
}

/** An article as the view lists it. */
export interface ViewArticle extends ReportedArticle {
  readonly key: string;
  /** How many events were read from it. */
  readonly events: number;
  /** The partitions its events are in (where to look for them; where the merge takes them out). */
  readonly partitions: readonly string[];
  /** The ETag of the report this entry was made from: an unchanged report is not merged again. */
  readonly report?: string;
}

export interface ArticlePage {
  readonly version: typeof VIEW_VERSION;
  readonly kind: 'articles';
  readonly collection: string;
  readonly page: string;
  /** Sorted by key. */
  readonly articles: readonly ViewArticle[];
}

/** The events of one partition with every reading the merge needs (private: under `state/`). */
export interface PartitionState {
  readonly version: typeof VIEW_VERSION;
  readonly kind: 'partition-state';
  readonly collection: string;
  readonly partition: string;
  /** Title and url of each article with a source here. */
  readonly articles: Readonly<Record<string, { readonly title?: string; readonly url?: string }>>;
  readonly events: readonly MergedEvent[];
}

/** The public events of one partition. */
export interface Shard {
  readonly version: typeof VIEW_VERSION;
  readonly kind: 'shard';
  readonly collection: string;
  readonly partition: string;
  readonly start: string;
  readonly end: string;
  /** In date order. */
  readonly events: readonly ViewEvent[];
}

/** A partition as the index lists it. */
export interface IndexedPartition {
  readonly partition: string;
  readonly start: string;
  readonly end: string;
  readonly events: number;
  readonly sources: number;
  /** For a day: how much it was reported (each article counted once, its lead weighted). */
  readonly salience?: number;
  /** Key of its public shard. */
  readonly shard: string;
  /** Key of its merge state. */
  readonly state: string;
}

export interface TimelineSummary {
  readonly dates: ReadonlyArray<{
    readonly date: string;
    readonly salience: number;
    /** Ids of the events of that day, the most salient first. */
    readonly events: readonly string[];
  }>;
}

/**
 * The root of a collection's view, `timelines/<collection>/index.json`: the one object every
 * update replaces (compare-and-swap), pointing at the shards, pages and states it is made of.
 * Those are named by their content and never rewritten, so a reader that has read the index
 * reads one consistent view.
 */
export interface ViewIndex {
  readonly version: typeof VIEW_VERSION;
  readonly kind: 'index';
  readonly collection: string;
  readonly updatedAt: string;
  readonly articles: {
    readonly count: number;
    readonly pages: ReadonlyArray<{ readonly page: string; readonly key: string; readonly articles: number }>;
  };
  /** Events by the month their date starts in. */
  readonly months: ReadonlyArray<{ readonly month: string; readonly events: number }>;
  /** Sorted by partition name. */
  readonly partitions: readonly IndexedPartition[];
  readonly summary: TimelineSummary;
}

/** A whole view in one document, as `news-timeline get` and `extract` print it. */
export interface WholeTimeline {
  readonly version: typeof VIEW_VERSION;
  readonly collection: string;
  readonly updatedAt: string;
  readonly articles: readonly ViewArticle[];
  readonly events: readonly ViewEvent[];
  readonly summary: TimelineSummary;
}

/** `timelines/<collection>/index.json`. */
export const indexKeyOf = (collection: string): string => `${TIMELINES_PREFIX}${collection}/index.json`;

/** The page an article is listed in. */
export function articlePageOf(key: string): string {
  const byte = createHash('sha256').update(key).digest()[0] as number;
  return (byte % ARTICLE_PAGES).toString(16).padStart(2, '0');
}

/** The key of an immutable document: its folder, its name, and a hash of its bytes. */
function contentKey(folder: string, name: string, body: string): string {
  return `${folder}${name}.${createHash('sha256').update(body).digest('hex').slice(0, 16)}.json`;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

function viewEventOf(event: MergedEvent, articles: PartitionState['articles']): ViewEvent {
  return {
    id: event.id,
    date: event.date,
    title: event.title,
    actors: event.actors,
    status: event.status,
    confidence: event.confidence,
    salience: event.salience,
    sources: event.sources.map((source) => {
      const article = articles[source.article];
      return {
        article: source.article,
        ...(article?.title ? { title: article.title } : {}),
        ...(article?.url ? { url: article.url } : {}),
        published: source.published,
        text: source.text,
        start: source.start,
        end: source.end,
        date: source.date,
      };
    }),
  };
}

/** How much a day was reported, from its partition's events. */
function salienceOfDay(partition: string, events: readonly MergedEvent[]): number {
  const mentions = events.flatMap((event) => event.sources.map((source) => ({ ...source, day: partition })));
  return round3(daySalience(mentions).get(partition) ?? 0);
}

/** A day partition's event ids, the most salient first. */
const rankedIds = (events: readonly MergedEvent[]): string[] =>
  [...events].sort((a, b) => b.salience - a.salience || compareText(a.id, b.id)).map((event) => event.id);

/** One article's change, as the compactor found it: its report now (undefined when there is none). */
export interface ArticleChange {
  readonly key: string;
  readonly report?: ArticleReport;
  /** The report object's ETag. */
  readonly reportEtag?: string;
}

/** What a compaction reads, loaded by the caller (see {@link partitionsToLoad}). */
export interface CompactionInput {
  readonly collection: string;
  readonly updatedAt: string;
  readonly index?: ViewIndex;
  /** The current pages of the changed keys (a page not yet written is absent). */
  readonly pages: ReadonlyMap<string, ArticlePage>;
  /** The current states of the partitions to load, and of any the summary asks for. */
  readonly states: ReadonlyMap<string, PartitionState>;
  readonly changes: readonly ArticleChange[];
  /** How many days the summary lists (default {@link SUMMARY_DATES}). */
  readonly summaryDates?: number;
}

/** A document to write, under its content key. */
export interface ViewWrite {
  readonly key: string;
  readonly body: string;
}

export type CompactionResult =
  | { readonly kind: 'unchanged' }
  /** The summary needs the events of these partitions, untouched and not in the old summary. */
  | { readonly kind: 'needs'; readonly partitions: readonly string[] }
  | {
      readonly kind: 'changed';
      readonly index: ViewIndex;
      /** Documents to write before the index. */
      readonly writes: readonly ViewWrite[];
      /** Documents the new index no longer points at: deleted after it is written. */
      readonly replaced: readonly string[];
      /** Keys whose report was merged (changed or removed). */
      readonly merged: readonly string[];
    };

/** The entry a report makes, with its sources by partition; undefined for a deleted article. */
function entryOf(
  change: ArticleChange,
): { readonly entry: ViewArticle; readonly sources: ReadonlyMap<string, MergeSource[]> } | undefined {
  const report = change.report;
  if (!report?.article) return undefined;
  const sources = new Map<string, MergeSource[]>();
  for (const event of report.events) {
    const partition = partitionOf(event.date);
    const list = sources.get(partition);
    if (list) list.push(mergeSourceOf(event));
    else sources.set(partition, [mergeSourceOf(event)]);
  }
  return {
    entry: {
      key: change.key,
      ...report.article,
      events: report.events.length,
      partitions: [...sources.keys()].sort(compareText),
      ...(change.reportEtag ? { report: change.reportEtag } : {}),
    },
    sources,
  };
}

/** The changes that change something: a report not merged yet, or an article gone from the view. */
function effectiveChanges(input: CompactionInput): ArticleChange[] {
  const latest = new Map<string, ArticleChange>();
  for (const change of input.changes) latest.set(change.key, change);
  return [...latest.values()].filter((change) => {
    const listed = input.pages
      .get(articlePageOf(change.key))
      ?.articles.find((entry) => entry.key === change.key);
    if (!change.report?.article) return listed !== undefined;
    return !(listed && change.reportEtag !== undefined && listed.report === change.reportEtag);
  });
}

/** The pages a compaction of these keys reads. */
export const pagesToLoad = (keys: readonly string[]): string[] =>
  [...new Set(keys.map(articlePageOf))].sort();

/**
 * The partitions whose state a compaction reads: where the changed articles' events were, and
 * where their reports put them now (those the index lists).
 */
export function partitionsToLoad(input: Omit<CompactionInput, 'states'>): string[] {
  const listed = new Set(input.index?.partitions.map((entry) => entry.partition));
  const wanted = new Set<string>();
  for (const change of effectiveChanges({ ...input, states: new Map() })) {
    const old = input.pages
      .get(articlePageOf(change.key))
      ?.articles.find((entry) => entry.key === change.key);
    for (const partition of old?.partitions ?? []) wanted.add(partition);
    for (const partition of entryOf(change)?.entry.partitions ?? []) wanted.add(partition);
  }
  return [...wanted].filter((partition) => listed.has(partition)).sort(compareText);
}

/**
 * Applies changed reports to a collection's view: only the partitions and pages they touch are
 * merged again and rewritten, whatever the size of the collection. Pure: the caller loads what
 * {@link pagesToLoad} and {@link partitionsToLoad} name, writes `writes`, then the index
 * (compare-and-swap), then deletes `replaced`.
 */
export function compact(input: CompactionInput): CompactionResult {
  const changes = effectiveChanges(input);
  if (changes.length === 0) return { kind: 'unchanged' };
  const { collection } = input;
  const writes: ViewWrite[] = [];
  const replaced: string[] = [];

  // Articles: each changed key's page, with its entry replaced or removed.
  const pageEntries = new Map<string, Map<string, ViewArticle>>();
  const perPartition = new Map<
    string,
    { changed: Set<string>; added: MergeSource[]; articles: Map<string, { title?: string; url?: string }> }
  >();
  const partitionOfWork = (partition: string) => {
    let work = perPartition.get(partition);
    if (!work) {
      work = { changed: new Set(), added: [], articles: new Map() };
      perPartition.set(partition, work);
    }
    return work;
  };
  for (const change of changes) {
    const page = articlePageOf(change.key);
    let entries = pageEntries.get(page);
    if (!entries) {
      entries = new Map((input.pages.get(page)?.articles ?? []).map((entry) => [entry.key, entry]));
      pageEntries.set(page, entries);
    }
    for (const partition of entries.get(change.key)?.partitions ?? [])
      partitionOfWork(partition).changed.add(change.key);
    const made = entryOf(change);
    if (made) {
      entries.set(change.key, made.entry);
      for (const [partition, sources] of made.sources) {
        const work = partitionOfWork(partition);
        work.changed.add(change.key);
        work.added.push(...sources);
        work.articles.set(change.key, {
          ...(made.entry.title ? { title: made.entry.title } : {}),
          ...(made.entry.url ? { url: made.entry.url } : {}),
        });
      }
    } else entries.delete(change.key);
  }

  const pages = new Map((input.index?.articles.pages ?? []).map((entry) => [entry.page, entry]));
  for (const [page, entries] of pageEntries) {
    const old = pages.get(page);
    if (old) replaced.push(old.key);
    if (entries.size === 0) {
      pages.delete(page);
      continue;
    }
    const document: ArticlePage = {
      version: 4,
      kind: 'articles',
      collection,
      page,
      articles: [...entries.values()].sort((a, b) => compareText(a.key, b.key)),
    };
    const body = JSON.stringify(document);
    const key = contentKey(`${TIMELINES_PREFIX}${collection}/articles/`, page, body);
    writes.push({ key, body });
    pages.set(page, { page, key, articles: entries.size });
  }

  // Partitions: each touched one merged again from its kept and its new sources.
  const partitions = new Map((input.index?.partitions ?? []).map((entry) => [entry.partition, entry]));
  const rankedOf = new Map<string, string[]>();
  for (const [partition, work] of perPartition) {
    const listed = partitions.get(partition);
    const previous = listed ? input.states.get(partition) : undefined;
    if (listed && !previous) throw new Error(`the state of partition ${partition} was not loaded`);
    const events = mergePartition(previous?.events ?? [], work.changed, work.added);
    if (listed) replaced.push(listed.shard, listed.state);
    if (events.length === 0) {
      partitions.delete(partition);
      continue;
    }
    const articles: Record<string, { title?: string; url?: string }> = {};
    const present = new Set(events.flatMap((event) => event.sources.map((source) => source.article)));
    for (const key of [...present].sort(compareText))
      articles[key] = work.articles.get(key) ?? previous?.articles[key] ?? {};
    const { start, end } = partitionRange(partition);
    const state: PartitionState = {
      version: 4,
      kind: 'partition-state',
      collection,
      partition,
      articles,
      events,
    };
    const shard: Shard = {
      version: 4,
      kind: 'shard',
      collection,
      partition,
      start,
      end,
      events: events.map((event) => viewEventOf(event, articles)),
    };
    const stateBody = JSON.stringify(state);
    const shardBody = JSON.stringify(shard);
    const stateKey = contentKey(`${STATE_PREFIX}${collection}/partitions/`, partition, stateBody);
    const shardKey = contentKey(`${TIMELINES_PREFIX}${collection}/shards/`, partition, shardBody);
    writes.push({ key: stateKey, body: stateBody }, { key: shardKey, body: shardBody });
    const isDay = start === end;
    partitions.set(partition, {
      partition,
      start,
      end,
      events: events.length,
      sources: events.reduce((sum, event) => sum + event.sources.length, 0),
      ...(isDay ? { salience: salienceOfDay(partition, events) } : {}),
      shard: shardKey,
      state: stateKey,
    });
    if (isDay) rankedOf.set(partition, rankedIds(events));
  }

  // The summary: the most salient days, each with its events.
  const table = [...partitions.values()].sort((a, b) => compareText(a.partition, b.partition));
  const top = table
    .filter((entry) => entry.salience !== undefined)
    .sort((a, b) => (b.salience as number) - (a.salience as number) || compareText(a.partition, b.partition))
    .slice(0, input.summaryDates ?? SUMMARY_DATES);
  const previousSummary = new Map(input.index?.summary.dates.map((date) => [date.date, date.events]));
  const needs: string[] = [];
  const dates = top.map((entry) => {
    const events =
      rankedOf.get(entry.partition) ??
      (input.states.has(entry.partition)
        ? rankedIds((input.states.get(entry.partition) as PartitionState).events)
        : previousSummary.get(entry.partition));
    if (!events) needs.push(entry.partition);
    return { date: entry.partition, salience: entry.salience as number, events: events ?? [] };
  });
  if (needs.length > 0) return { kind: 'needs', partitions: needs };

  const months = new Map<string, number>();
  for (const entry of table)
    months.set(entry.start.slice(0, 7), (months.get(entry.start.slice(0, 7)) ?? 0) + entry.events);
  const pageList = [...pages.values()].sort((a, b) => compareText(a.page, b.page));
  const index: ViewIndex = {
    version: 4,
    kind: 'index',
    collection,
    updatedAt: input.updatedAt,
    articles: { count: pageList.reduce((sum, page) => sum + page.articles, 0), pages: pageList },
    months: [...months].sort((a, b) => compareText(a[0], b[0])).map(([month, events]) => ({ month, events })),
    partitions: table,
    summary: { dates },
  };
  const written = new Set(writes.map((write) => write.key));
  return {
    kind: 'changed',
    index,
    writes,
    // A document rewritten with the same content keeps its key: it is not deleted.
    replaced: [...new Set(replaced)].filter((key) => !written.has(key)),
    merged: changes.map((change) => change.key),
  };
}

/** The view of these reports, built at once: what `rebuild` writes and `extract` prints. */
export function viewOfReports(
  collection: string,
  updatedAt: string,
  changes: readonly ArticleChange[],
  options: { readonly summaryDates?: number } = {},
): Extract<CompactionResult, { kind: 'changed' }> | undefined {
  const result = compact({ collection, updatedAt, pages: new Map(), states: new Map(), changes, ...options });
  if (result.kind === 'needs') throw new Error('a view built from nothing needs no stored partition');
  return result.kind === 'changed' ? result : undefined;
}

/** The whole timeline of a collection with no article. */
export function emptyTimeline(collection: string, updatedAt: string): WholeTimeline {
  return { version: VIEW_VERSION, collection, updatedAt, articles: [], events: [], summary: { dates: [] } };
}

/** One document holding a whole view: the index's summary, every article and every event. */
export function assembleTimeline(
  index: ViewIndex,
  pages: readonly ArticlePage[],
  shards: readonly Shard[],
): WholeTimeline {
  return {
    version: VIEW_VERSION,
    collection: index.collection,
    updatedAt: index.updatedAt,
    articles: pages.flatMap((page) => page.articles).sort((a, b) => compareText(a.key, b.key)),
    events: shards.flatMap((shard) => shard.events).sort(byDate),
    summary: index.summary,
  };
}

/** The whole timeline of a compaction's own writes (the view built in memory, e.g. by `extract`). */
export function timelineOfWrites(index: ViewIndex, writes: readonly ViewWrite[]): WholeTimeline {
  const documents = new Map(writes.map((write) => [write.key, write.body]));
  const read = <T>(key: string): T => JSON.parse(documents.get(key) as string) as T;
  return assembleTimeline(
    index,
    index.articles.pages.map((page) => read<ArticlePage>(page.key)),
    index.partitions.map((entry) => read<Shard>(entry.shard)),
  );
}
