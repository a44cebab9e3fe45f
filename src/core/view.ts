import { createHash } from 'node:crypto';
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
 * Format version of the view's documents (index, month tables, shards, article pages, state
 * chunks) and of the whole timeline `get` assembles. Version 3 was one
 * `timelines/<collection>.json` holding everything.
 */
export const VIEW_VERSION = 4;
/** Articles are listed in this many pages, by a hash of their key: each page stays small. */
export const ARTICLE_PAGES = 64;
/** How many days the summary lists. */
export const SUMMARY_DATES = 10;
/**
 * How many events the summary names per day: the index is read by every reader and written by
 * every update, and a day of a big story has hundreds (bpoil: 518 on 2010-04-20).
 */
export const SUMMARY_EVENTS_PER_DATE = 10;
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

/** One event as a reader sees it: the merged event, with its sources in the public shape. */
export interface ViewEvent extends Omit<MergedEvent, 'sources'> {
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

/**
 * The events of one partition are kept in chunks: an event in chunk `hash(id) mod chunks`, the
 * number of chunks a power of two chosen so that a chunk stays near this size. An update rewrites
 * the chunks of the events it changed, not the partition: a day reported by every article of a
 * big story (Timeline17's bpoil has 518 events on 2010-04-20) costs no more to update than a quiet
 * one. The largest single event of that topic is 17 KB.
 */
export const CHUNK_TARGET_BYTES = 16 * 1024;

/** One chunk of a partition's events with every reading the merge needs (private: under `state/`). */
export interface StateChunk {
  readonly version: typeof VIEW_VERSION;
  readonly kind: 'partition-state';
  readonly collection: string;
  readonly partition: string;
  readonly chunk: number;
  readonly chunks: number;
  /** Title and url of each article with a source in this chunk. */
  readonly articles: Readonly<Record<string, { readonly title?: string; readonly url?: string }>>;
  readonly events: readonly MergedEvent[];
}

/** One chunk of a partition's public events. */
export interface Shard {
  readonly version: typeof VIEW_VERSION;
  readonly kind: 'shard';
  readonly collection: string;
  readonly partition: string;
  readonly start: string;
  readonly end: string;
  readonly chunk: number;
  readonly chunks: number;
  /** In date order. */
  readonly events: readonly ViewEvent[];
}

/** A partition as its month's table lists it. */
export interface IndexedPartition {
  readonly partition: string;
  readonly start: string;
  readonly end: string;
  readonly events: number;
  readonly sources: number;
  /** For a day: how much it was reported (each article counted once, its lead weighted). */
  readonly salience?: number;
  /** The content hash of each public chunk, in chunk order ({@link shardKeyOf}). */
  readonly shards: readonly string[];
  /** The content hash of each state chunk ({@link stateKeyOf}). */
  readonly states: readonly string[];
}

/** The partitions whose dates start in one month. */
export interface MonthTable {
  readonly version: typeof VIEW_VERSION;
  readonly kind: 'month';
  readonly collection: string;
  /** `YYYY-MM`. */
  readonly month: string;
  /** Sorted by partition name. */
  readonly partitions: readonly IndexedPartition[];
}

export interface TimelineSummary {
  readonly dates: ReadonlyArray<{
    readonly date: string;
    readonly salience: number;
    /** Ids of the day's most salient events (at most {@link SUMMARY_EVENTS_PER_DATE}), the most salient first. */
    readonly events: readonly string[];
    /** How many events the day has. */
    readonly eventCount: number;
  }>;
}

/**
 * The root of a collection's view, `timelines/<collection>/index.json`: the one object every
 * update replaces (compare-and-swap), pointing at the month tables and article pages, which point
 * at the chunks. Everything it points at is named by its content and never rewritten, so a reader
 * that has read the index reads one consistent view.
 */
export interface ViewIndex {
  readonly version: typeof VIEW_VERSION;
  readonly kind: 'index';
  readonly collection: string;
  readonly updatedAt: string;
  readonly articles: {
    readonly count: number;
    /** Each page with its content hash ({@link articlePageKeyOf}) and its number of articles. */
    readonly pages: ReadonlyArray<{
      readonly page: string;
      readonly hash: string;
      readonly articles: number;
    }>;
  };
  /** Each month with events (by the month their date starts in) and its table's content hash ({@link monthTableKeyOf}); sorted. */
  readonly months: ReadonlyArray<{
    readonly month: string;
    readonly events: number;
    readonly sources: number;
    readonly hash: string;
  }>;
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

/** The name an immutable document gets from its bytes: 48 bits of SHA-256, in hex. */
const hashOf = (body: string): string => createHash('sha256').update(body).digest('hex').slice(0, 12);

/** The key of a month's table, from its content hash. */
export const monthTableKeyOf = (collection: string, month: string, hash: string): string =>
  `${TIMELINES_PREFIX}${collection}/months/${month}.${hash}.json`;

/** The key of an article page, from its content hash. */
export const articlePageKeyOf = (collection: string, page: string, hash: string): string =>
  `${TIMELINES_PREFIX}${collection}/articles/${page}.${hash}.json`;

/** The key of a public chunk, from its partition, its place and its content hash. */
export const shardKeyOf = (collection: string, partition: string, chunk: number, hash: string): string =>
  `${TIMELINES_PREFIX}${collection}/shards/${partition}.${chunk}.${hash}.json`;

/** The key of a state chunk. */
export const stateKeyOf = (collection: string, partition: string, chunk: number, hash: string): string =>
  `${STATE_PREFIX}${collection}/partitions/${partition}.${chunk}.${hash}.json`;

/** The month a partition is listed under: the month its first day is in. */
export const monthOf = (partition: string): string => partitionRange(partition).start.slice(0, 7);

/** The chunk of an event, from its id: stable while the number of chunks stays. */
function chunkOf(id: string, chunks: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % chunks;
}

/**
 * How many chunks a partition of `bytes` gets (the length of its events' JSON, in characters:
 * bytes for the mostly ASCII text of news): the power of two that keeps chunks under the
 * target, kept as it was while chunks stay between a quarter of the target and the target (a
 * partition near a boundary does not flip between two layouts, rewriting every chunk each time).
 */
function chunkCount(bytes: number, previous: number): number {
  let chunks = Math.max(1, previous);
  while (bytes > chunks * CHUNK_TARGET_BYTES) chunks *= 2;
  while (chunks > 1 && bytes < (chunks * CHUNK_TARGET_BYTES) / 4) chunks /= 2;
  return chunks;
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** A partition's events and its articles' titles, as the merge reads it (all its chunks). */
export interface PartitionContent {
  readonly articles: Readonly<Record<string, { readonly title?: string; readonly url?: string }>>;
  readonly events: readonly MergedEvent[];
  /** The stored chunks it was read from, in chunk order. */
  readonly chunks?: readonly StateChunk[];
}

/** A partition's content from its state chunks. */
export function partitionFromChunks(chunks: readonly StateChunk[]): PartitionContent {
  return {
    articles: Object.assign({}, ...chunks.map((chunk) => chunk.articles)),
    events: chunks.flatMap((chunk) => chunk.events).sort(byDate),
    chunks,
  };
}

/** The JSON size of each event, kept while the event object lives (unchanged events are reused). */
const eventBytes = new WeakMap<MergedEvent, number>();
function bytesOf(event: MergedEvent): number {
  let bytes = eventBytes.get(event);
  if (bytes === undefined) {
    bytes = JSON.stringify(event).length;
    eventBytes.set(event, bytes);
  }
  return bytes;
}

const sameEvents = (a: readonly MergedEvent[], b: readonly MergedEvent[]): boolean =>
  a.length === b.length && a.every((event, at) => event === b[at]);

function viewEventOf(event: MergedEvent, articles: PartitionContent['articles']): ViewEvent {
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

/** A day's most salient event ids, the most salient first, and how many events it has. */
const rankedIds = (events: readonly MergedEvent[]): { ids: string[]; count: number } => ({
  ids: [...events]
    .sort((a, b) => b.salience - a.salience || compareText(a.id, b.id))
    .slice(0, SUMMARY_EVENTS_PER_DATE)
    .map((event) => event.id),
  count: events.length,
});

/** One article's change, as the compactor found it: its report now (undefined when there is none). */
export interface ArticleChange {
  readonly key: string;
  readonly report?: ArticleReport;
  /** The report object's ETag. */
  readonly reportEtag?: string;
}

/**
 * What a compaction reads, loaded by the caller in three rounds: the pages of the changed keys
 * ({@link pagesToLoad}), the tables of the months they touch ({@link monthsToLoad}), the state of
 * the partitions they touch ({@link partitionsToLoad}); and what a `needs` result asks for.
 */
export interface CompactionInput {
  readonly collection: string;
  readonly updatedAt: string;
  readonly index?: ViewIndex;
  /** The current pages of the changed keys (a page not yet written is absent). */
  readonly pages: ReadonlyMap<string, ArticlePage>;
  readonly months: ReadonlyMap<string, MonthTable>;
  readonly states: ReadonlyMap<string, PartitionContent>;
  readonly changes: readonly ArticleChange[];
  /** How many days the summary lists (default {@link SUMMARY_DATES}). */
  readonly summaryDates?: number;
}

/** A document to write, under its content key. */
export interface ViewWrite {
  readonly key: string;
  readonly body: string;
  /** What `body` is the JSON of (a cache keeps it instead of parsing the body again). */
  readonly document: unknown;
}

export type CompactionResult =
  | { readonly kind: 'unchanged' }
  /** The summary needs these month tables, or the events of these partitions. */
  | { readonly kind: 'needs'; readonly months: readonly string[]; readonly partitions: readonly string[] }
  | {
      readonly kind: 'changed';
      readonly index: ViewIndex;
      /** Documents to write before the index: only new ones (an unchanged chunk keeps its key). */
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

const listedEntry = (pages: CompactionInput['pages'], key: string): ViewArticle | undefined =>
  pages.get(articlePageOf(key))?.articles.find((entry) => entry.key === key);

/** The changes that change something: a report not merged yet, or an article gone from the view. */
function effectiveChanges(input: Pick<CompactionInput, 'pages' | 'changes'>): ArticleChange[] {
  const latest = new Map<string, ArticleChange>();
  for (const change of input.changes) latest.set(change.key, change);
  return [...latest.values()].filter((change) => {
    const listed = listedEntry(input.pages, change.key);
    if (!change.report?.article) return listed !== undefined;
    return !(listed && change.reportEtag !== undefined && listed.report === change.reportEtag);
  });
}

/** The pages a compaction of these keys reads. */
export const pagesToLoad = (keys: readonly string[]): string[] =>
  [...new Set(keys.map(articlePageOf))].sort();

/** Where the changed articles' events were, and where their reports put them now. */
function touchedPartitions(input: Pick<CompactionInput, 'pages' | 'changes'>): string[] {
  const touched = new Set<string>();
  for (const change of effectiveChanges(input)) {
    for (const partition of listedEntry(input.pages, change.key)?.partitions ?? []) touched.add(partition);
    for (const partition of entryOf(change)?.entry.partitions ?? []) touched.add(partition);
  }
  return [...touched].sort(compareText);
}

/** The month tables a compaction reads: of the partitions it touches, those the index lists. */
export function monthsToLoad(input: Pick<CompactionInput, 'index' | 'pages' | 'changes'>): string[] {
  const listed = new Set(input.index?.months.map((entry) => entry.month));
  return [...new Set(touchedPartitions(input).map(monthOf))].filter((month) => listed.has(month)).sort();
}

/** The partitions whose state a compaction reads: those it touches that the month tables list. */
export function partitionsToLoad(input: Pick<CompactionInput, 'months' | 'pages' | 'changes'>): string[] {
  return touchedPartitions(input).filter((partition) =>
    input.months.get(monthOf(partition))?.partitions.some((entry) => entry.partition === partition),
  );
}

/** The state chunk keys of a listed partition, in chunk order. */
export const stateKeysOf = (collection: string, entry: IndexedPartition): string[] =>
  entry.states.map((hash, chunk) => stateKeyOf(collection, entry.partition, chunk, hash));

/** The public chunk keys of a listed partition, in chunk order. */
export const shardKeysOf = (collection: string, entry: IndexedPartition): string[] =>
  entry.shards.map((hash, chunk) => shardKeyOf(collection, entry.partition, chunk, hash));

/**
 * A partition's new chunks, writing only those whose content changed: a chunk holding the same
 * event objects as the stored one (the merge returns an unchanged event as the object it read) is
 * not even serialised again.
 */
function writeChunks(
  collection: string,
  partition: string,
  content: PartitionContent,
  listed: IndexedPartition | undefined,
  previous: PartitionContent | undefined,
  writes: ViewWrite[],
  replaced: string[],
): { shards: string[]; states: string[] } {
  const { start, end } = partitionRange(partition);
  const bytes = content.events.reduce((sum, event) => sum + bytesOf(event), 0);
  const chunks = chunkCount(bytes, listed?.states.length ?? 0);
  const byChunk = Array.from({ length: chunks }, (): MergedEvent[] => []);
  for (const event of content.events) byChunk[chunkOf(event.id, chunks)]?.push(event);
  const sameLayout =
    listed !== undefined && listed.states.length === chunks && previous?.chunks?.length === chunks;
  const shards: string[] = [];
  const states: string[] = [];
  byChunk.forEach((events, chunk) => {
    const stored = previous?.chunks?.[chunk];
    if (sameLayout && stored && sameEvents(stored.events, events)) {
      states.push(listed.states[chunk] as string);
      shards.push(listed.shards[chunk] as string);
      return;
    }
    const articles: Record<string, { title?: string; url?: string }> = {};
    for (const key of [
      ...new Set(events.flatMap((event) => event.sources.map((source) => source.article))),
    ].sort(compareText))
      articles[key] = content.articles[key] ?? {};
    const state: StateChunk = {
      version: 4,
      kind: 'partition-state',
      collection,
      partition,
      chunk,
      chunks,
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
      chunk,
      chunks,
      events: events.map((event) => viewEventOf(event, articles)),
    };
    for (const [document, hashes, keyOf, old] of [
      [state, states, stateKeyOf, listed?.states],
      [shard, shards, shardKeyOf, listed?.shards],
    ] as const) {
      const body = JSON.stringify(document);
      const hash = hashOf(body);
      hashes.push(hash);
      if (old?.length === chunks && old[chunk] === hash) continue;
      writes.push({ key: keyOf(collection, partition, chunk, hash), body, document });
    }
  });
  if (listed) {
    const kept = new Set([
      ...stateKeysOf(collection, { ...listed, states }),
      ...shardKeysOf(collection, { ...listed, shards }),
    ]);
    for (const key of [...stateKeysOf(collection, listed), ...shardKeysOf(collection, listed)])
      if (!kept.has(key)) replaced.push(key);
  }
  return { shards, states };
}

/**
 * Applies changed reports to a collection's view: only the partitions they touch are merged
 * again, only the chunks, month tables and pages that changed are rewritten, whatever the size of
 * the collection. Pure: the caller loads what the `…ToLoad` functions name, writes `writes`, then
 * the index (compare-and-swap), then deletes `replaced`.
 */
export function compact(input: CompactionInput): CompactionResult {
  const changes = effectiveChanges(input);
  if (changes.length === 0) return { kind: 'unchanged' };
  const { collection } = input;
  const summaryDates = input.summaryDates ?? SUMMARY_DATES;
  const writes: ViewWrite[] = [];
  const replaced: string[] = [];

  // Articles: each changed key's page, with its entry replaced or removed.
  const pageEntries = new Map<string, Map<string, ViewArticle>>();
  const perPartition = new Map<
    string,
    { changed: Set<string>; added: MergeSource[]; articles: Map<string, { title?: string; url?: string }> }
  >();
  const workOf = (partition: string) => {
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
      workOf(partition).changed.add(change.key);
    const made = entryOf(change);
    if (made) {
      entries.set(change.key, made.entry);
      for (const [partition, sources] of made.sources) {
        const work = workOf(partition);
        work.changed.add(change.key);
        work.added.push(...sources);
        work.articles.set(change.key, {
          ...(made.entry.title ? { title: made.entry.title } : {}),
          ...(made.entry.url ? { url: made.entry.url } : {}),
        });
      }
    } else entries.delete(change.key);
  }

  // Partitions: each touched one merged again from its kept and its new sources.
  const tables = new Map<string, Map<string, IndexedPartition>>();
  const tableOf = (month: string) => {
    let table = tables.get(month);
    if (!table) {
      table = new Map((input.months.get(month)?.partitions ?? []).map((entry) => [entry.partition, entry]));
      tables.set(month, table);
    }
    return table;
  };
  const rankedOf = new Map<string, { ids: string[]; count: number }>();
  const decreased = new Set<string>();
  for (const [partition, work] of perPartition) {
    const table = tableOf(monthOf(partition));
    const listed = table.get(partition);
    const previous = listed ? input.states.get(partition) : undefined;
    if (listed && !previous) throw new Error(`the state of partition ${partition} was not loaded`);
    const events = mergePartition(previous?.events ?? [], work.changed, work.added);
    if (events.length === 0) {
      if (listed) {
        replaced.push(...stateKeysOf(collection, listed), ...shardKeysOf(collection, listed));
        table.delete(partition);
        if (listed.salience !== undefined) decreased.add(partition);
      }
      continue;
    }
    const articles: Record<string, { title?: string; url?: string }> = {};
    for (const event of events)
      for (const source of event.sources)
        articles[source.article] ??=
          work.articles.get(source.article) ?? previous?.articles[source.article] ?? {};
    const { shards, states } = writeChunks(
      collection,
      partition,
      { articles, events },
      listed,
      previous,
      writes,
      replaced,
    );
    const { start, end } = partitionRange(partition);
    const isDay = start === end;
    const salience = isDay ? salienceOfDay(partition, events) : undefined;
    if (listed?.salience !== undefined && salience !== undefined && salience < listed.salience)
      decreased.add(partition);
    table.set(partition, {
      partition,
      start,
      end,
      events: events.length,
      sources: events.reduce((sum, event) => sum + event.sources.length, 0),
      ...(salience !== undefined ? { salience } : {}),
      shards,
      states,
    });
    if (isDay) rankedOf.set(partition, rankedIds(events));
  }

  // The summary: the most salient days, each with its events. The days of the old summary and
  // the days touched now hold the new top days, unless a top day lost salience (an article
  // replaced or removed): then every month's table is read for the day that moves up.
  const previousSummary = new Map(input.index?.summary.dates.map((date) => [date.date, date]));
  const needsEveryMonth = [...decreased].some((partition) => previousSummary.has(partition));
  const days = new Map<string, number>();
  if (needsEveryMonth) {
    const missing = (input.index?.months ?? [])
      .map((entry) => entry.month)
      .filter((month) => !input.months.has(month));
    if (missing.length > 0) return { kind: 'needs', months: missing, partitions: [] };
    for (const month of input.index?.months ?? [])
      for (const entry of tableOf(month.month).values())
        if (entry.salience !== undefined) days.set(entry.partition, entry.salience);
  } else {
    for (const [date, entry] of previousSummary) days.set(date, entry.salience);
  }
  for (const partition of perPartition.keys()) {
    const salience = tableOf(monthOf(partition)).get(partition)?.salience;
    if (salience !== undefined) days.set(partition, salience);
    else days.delete(partition);
  }
  const top = [...days].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).slice(0, summaryDates);
  const needs: string[] = [];
  const dates = top.map(([date, salience]) => {
    const old = previousSummary.get(date);
    const ranked =
      rankedOf.get(date) ??
      (input.states.has(date)
        ? rankedIds((input.states.get(date) as PartitionContent).events)
        : old && { ids: old.events, count: old.eventCount });
    if (!ranked) needs.push(date);
    return { date, salience, events: ranked?.ids ?? [], eventCount: ranked?.count ?? 0 };
  });
  if (needs.length > 0) return { kind: 'needs', months: [], partitions: needs };

  // Month tables, pages, and the index that points at them.
  const months = new Map((input.index?.months ?? []).map((entry) => [entry.month, entry]));
  const touchedMonths = new Set([...perPartition.keys()].map(monthOf));
  for (const [month, table] of tables) {
    if (!touchedMonths.has(month)) continue;
    const old = months.get(month);
    if (table.size === 0) {
      if (old) replaced.push(monthTableKeyOf(collection, month, old.hash));
      months.delete(month);
      continue;
    }
    const partitions = [...table.values()].sort((a, b) => compareText(a.partition, b.partition));
    const document: MonthTable = { version: 4, kind: 'month', collection, month, partitions };
    const body = JSON.stringify(document);
    const hash = hashOf(body);
    if (hash === old?.hash) continue;
    if (old) replaced.push(monthTableKeyOf(collection, month, old.hash));
    const key = monthTableKeyOf(collection, month, hash);
    writes.push({ key, body, document });
    months.set(month, {
      month,
      events: partitions.reduce((sum, entry) => sum + entry.events, 0),
      sources: partitions.reduce((sum, entry) => sum + entry.sources, 0),
      hash,
    });
  }
  const pages = new Map((input.index?.articles.pages ?? []).map((entry) => [entry.page, entry]));
  for (const [page, entries] of pageEntries) {
    const old = pages.get(page);
    if (entries.size === 0) {
      if (old) replaced.push(articlePageKeyOf(collection, page, old.hash));
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
    const hash = hashOf(body);
    const key = articlePageKeyOf(collection, page, hash);
    if (hash === old?.hash) continue;
    if (old) replaced.push(articlePageKeyOf(collection, page, old.hash));
    writes.push({ key, body, document });
    pages.set(page, { page, hash, articles: entries.size });
  }
  const pageList = [...pages.values()].sort((a, b) => compareText(a.page, b.page));
  const index: ViewIndex = {
    version: 4,
    kind: 'index',
    collection,
    updatedAt: input.updatedAt,
    articles: { count: pageList.reduce((sum, page) => sum + page.articles, 0), pages: pageList },
    months: [...months.values()].sort((a, b) => compareText(a.month, b.month)),
    summary: { dates },
  };
  const written = new Set(writes.map((write) => write.key));
  return {
    kind: 'changed',
    index,
    writes,
    // A document written again with the same content keeps its key: it is not deleted.
    replaced: [...new Set(replaced)].filter((key) => !written.has(key)),
    merged: changes.map((change) => change.key),
  };
}

/** A document a compaction asks for: its key, and the kind it must be. */
export interface DocumentRequest {
  readonly key: string;
  readonly kind: 'articles' | 'month' | 'partition-state';
}

/** What a compaction is given before it reads anything. */
export type CompactionRequest = Omit<CompactionInput, 'pages' | 'months' | 'states'>;

/**
 * A compaction as the rounds of reads it needs: it yields the documents it wants (the changed
 * keys' pages; the tables of the months they touch; the state chunks of the partitions they
 * touch; what the summary asks for), is resumed with them in the same order, and returns the
 * result of {@link compact}. The compactor runs it against S3, tests against memory, with
 * {@link runCompaction}.
 */
export function* compaction(
  request: CompactionRequest,
): Generator<readonly DocumentRequest[], Exclude<CompactionResult, { kind: 'needs' }>, readonly unknown[]> {
  const { collection, index } = request;
  const pages = new Map<string, ArticlePage>();
  const months = new Map<string, MonthTable>();
  const states = new Map<string, PartitionContent>();
  const input: CompactionInput = { ...request, pages, months, states };

  const wantedPages = pagesToLoad(request.changes.map((change) => change.key)).flatMap((page) => {
    const entry = index?.articles.pages.find((listed) => listed.page === page);
    return entry ? [{ page, key: articlePageKeyOf(collection, page, entry.hash) }] : [];
  });
  const pageDocuments = yield wantedPages.map(({ key }) => ({ key, kind: 'articles' as const }));
  for (const [at, { page }] of wantedPages.entries()) pages.set(page, pageDocuments[at] as ArticlePage);

  function* loadMonths(
    wanted: readonly string[],
  ): Generator<readonly DocumentRequest[], void, readonly unknown[]> {
    const missing = [...new Set(wanted)].flatMap((month) => {
      const entry = months.has(month) ? undefined : index?.months.find((listed) => listed.month === month);
      return entry ? [{ month, key: monthTableKeyOf(collection, month, entry.hash) }] : [];
    });
    if (missing.length === 0) return;
    const tables = yield missing.map(({ key }) => ({ key, kind: 'month' as const }));
    for (const [at, { month }] of missing.entries()) months.set(month, tables[at] as MonthTable);
  }
  function* loadStates(
    partitions: readonly string[],
  ): Generator<readonly DocumentRequest[], void, readonly unknown[]> {
    yield* loadMonths(partitions.map(monthOf));
    const entries = partitions.map((partition) => {
      const entry = months
        .get(monthOf(partition))
        ?.partitions.find((listed) => listed.partition === partition);
      if (!entry) throw new Error(`partition ${partition} is not in its month's table`);
      return entry;
    });
    const keys = entries.map((entry) => stateKeysOf(collection, entry));
    const chunks = yield keys.flat().map((key) => ({ key, kind: 'partition-state' as const }));
    let at = 0;
    entries.forEach((entry, place) => {
      const count = (keys[place] as string[]).length;
      states.set(entry.partition, partitionFromChunks(chunks.slice(at, at + count) as StateChunk[]));
      at += count;
    });
  }

  yield* loadMonths(monthsToLoad(input));
  yield* loadStates(partitionsToLoad(input));
  let result = compact(input);
  while (result.kind === 'needs') {
    yield* loadMonths(result.months);
    yield* loadStates(result.partitions);
    result = compact(input);
  }
  return result;
}

/** {@link compaction} with a reader that answers at once (documents in memory). */
export function runCompaction(
  request: CompactionRequest,
  read: (document: DocumentRequest) => unknown,
): Exclude<CompactionResult, { kind: 'needs' }> {
  const steps = compaction(request);
  let step = steps.next([]);
  while (!step.done) step = steps.next(step.value.map(read));
  return step.value;
}

/** The view of these reports, built at once: what `rebuild` writes and `extract` prints. */
export function viewOfReports(
  collection: string,
  updatedAt: string,
  changes: readonly ArticleChange[],
  options: { readonly summaryDates?: number } = {},
): Extract<CompactionResult, { kind: 'changed' }> | undefined {
  const result = compact({
    collection,
    updatedAt,
    pages: new Map(),
    months: new Map(),
    states: new Map(),
    changes,
    ...options,
  });
  if (result.kind === 'needs') throw new Error('a view built from nothing needs no stored document');
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

/**
 * The whole timeline from the documents of a view, read with `read` (undefined for a missing
 * one): the index's pages, its month tables, their shards.
 */
export function timelineOfDocuments(
  index: ViewIndex,
  read: (key: string) => string | undefined,
): WholeTimeline {
  const parse = <T>(key: string): T => {
    const body = read(key);
    if (body === undefined) throw new Error(`the view's document ${key} is missing`);
    return JSON.parse(body) as T;
  };
  const pages = index.articles.pages.map((page) =>
    parse<ArticlePage>(articlePageKeyOf(index.collection, page.page, page.hash)),
  );
  const shards = index.months.flatMap((month) =>
    parse<MonthTable>(monthTableKeyOf(index.collection, month.month, month.hash)).partitions.flatMap(
      (entry) => shardKeysOf(index.collection, entry).map((key) => parse<Shard>(key)),
    ),
  );
  return assembleTimeline(index, pages, shards);
}

/** The whole timeline of a view built in memory (by `extract`): the index and its writes. */
export function timelineOfWrites(index: ViewIndex, writes: readonly ViewWrite[]): WholeTimeline {
  const documents = new Map(writes.map((write) => [write.key, write.body]));
  return timelineOfDocuments(index, (key) => documents.get(key));
}
