import { createHash } from 'node:crypto';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import schema from '../../schema/timeline.schema.json' with { type: 'json' };
import type { EventDate } from '../../src/core/events.ts';
import type { MergedEvent } from '../../src/core/merge.ts';
import {
  type ArticlePage,
  type MonthTable,
  type Shard,
  type StateChunk,
  type TimelineSummary,
  timelineOfDocuments,
  type ViewArticle,
  type ViewEvent,
  type ViewIndex,
  type WholeTimeline,
} from '../../src/core/view.ts';

// Compiled once per test file: compiling generates code and costs more than any validation.
// Strict in every respect so that a schema mistake (a pattern without a type, an unknown
// keyword) fails here rather than letting invalid documents through.
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictTypes: true,
  strictTuples: true,
  strictRequired: true,
});
// The schema as other tools use it: its top-level oneOf picks the document by kind.
const validateAnyDocument = ajv.compile(schema);
// Each document's own definition, for errors that name that document's fields only: a failed
// oneOf lists the errors of every branch.
const definition = (name: string): ValidateFunction => {
  const validate = ajv.getSchema(`${schema.$id}#/$defs/${name}`);
  if (!validate) throw new Error(`timeline.schema.json has no $defs/${name}`);
  return validate;
};
const DOCUMENT_DEFINITIONS = {
  index: definition('index'),
  month: definition('monthTable'),
  articles: definition('articlePage'),
  shard: definition('shard'),
  'partition-state': definition('stateChunk'),
} as const;
type StoredKind = keyof typeof DOCUMENT_DEFINITIONS;
const validateWholeTimeline = definition('wholeTimeline');

/** Where a problem is (a JSON pointer) and what it is; the checks below push them as they go. */
type Problems = string[];

interface Span {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** What a source says of its article: the same for every source naming it. */
interface ArticleFacts {
  readonly published: string;
  readonly title?: string;
  readonly url?: string;
}

type AnyEvent = ViewEvent | MergedEvent;

// Code-unit order, as the producers sort (compareText in merge.ts); localeCompare is not it.
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${JSON.stringify((error.params as { additionalProperty: string }).additionalProperty)})`
      : error.keyword === 'enum'
        ? ` (${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)})`
        : '';
  return `${where} ${error.message ?? error.keyword}${extra}`;
}

/** The schema errors of a document, from its own definition; none when it matches. */
function schemaErrors(document: unknown, validate: ValidateFunction): string[] {
  const matchesSchema = validateAnyDocument(document);
  if (!validate(document)) return (validate.errors ?? []).map(describeSchemaError);
  // Its own definition accepts it but the oneOf does not: two branches match, a schema bug.
  if (!matchesSchema) return (validateAnyDocument.errors ?? []).map(describeSchemaError);
  return [];
}

/** Items in strictly increasing order of `keyOf`: sorted, and each once. */
function checkSortedUnique<T>(
  problems: Problems,
  where: string,
  items: readonly T[],
  keyOf: (item: T) => string,
): void {
  items.forEach((item, at) => {
    if (at === 0) return;
    const previous = keyOf(items[at - 1] as T);
    const key = keyOf(item);
    if (previous === key) problems.push(`${where}/${at}: ${key} is listed twice`);
    else if (previous > key) problems.push(`${where}/${at}: out of order, ${key} comes after ${previous}`);
  });
}

function spanProblem(where: string, span: Span): string | undefined {
  if (span.end - span.start === span.text.length) return undefined;
  return `${where}: end - start is ${span.end - span.start} but text has ${span.text.length} characters`;
}

function checkDate(problems: Problems, where: string, date: EventDate): void {
  if (date.start > date.end) problems.push(`${where}: start ${date.start} is after end ${date.end}`);
  // A day or a time of day covers that day only: partitionOf makes it a day partition.
  const day = date.value.slice(0, 10);
  if ((date.granularity === 'day' || date.granularity === 'time') && (date.start !== day || date.end !== day))
    problems.push(`${where}: a ${date.granularity} date covers ${date.start}..${date.end}, not ${day}`);
}

/** The span a partition's name gives, or a problem with the name itself. */
function checkPartitionName(
  problems: Problems,
  where: string,
  partition: string,
): { readonly start: string; readonly end: string } {
  const [start, end] = partition.split('..') as [string, string | undefined];
  if (end !== undefined && !(start < end))
    problems.push(`${where}: ${partition} is a period whose start is not before its end`);
  return { start, end: end ?? start };
}

/** The partition of an event's date, as merge.ts names it. */
const partitionOfDate = (date: EventDate): string =>
  date.start === date.end ? date.start : `${date.start}..${date.end}`;

/**
 * The rules every list of events keeps: sorted by date.start, date.end then id; ids unique; each
 * event's sources sorted, with offsets that match their text; within `span` when given (the
 * events of one partition). `facts` collects what the sources say of their articles and reports
 * sources of one article that disagree.
 */
function checkEvents(
  problems: Problems,
  where: string,
  events: readonly AnyEvent[],
  facts: Map<string, ArticleFacts>,
  span?: { readonly start: string; readonly end: string },
): void {
  const ids = new Map<string, number>();
  events.forEach((event, at) => {
    const here = `${where}/${at}`;
    const { start, end } = event.date;
    checkDate(problems, `${here}/date`, event.date);
    if (span && (start !== span.start || end !== span.end))
      problems.push(`${here}/date: ${start}..${end} is not the partition's span ${span.start}..${span.end}`);
    const seen = ids.get(event.id);
    if (seen !== undefined) problems.push(`${here}/id: ${event.id} is also the id of ${where}/${seen}`);
    else ids.set(event.id, at);
    const previous = events[at - 1];
    if (previous) {
      const order =
        compareText(previous.date.start, start) ||
        compareText(previous.date.end, end) ||
        compareText(previous.id, event.id);
      if (order > 0)
        problems.push(
          `${here}: out of order, ${start}..${end} ${event.id} comes after ${previous.date.start}..${previous.date.end} ${previous.id}`,
        );
    }
    event.sources.forEach((source, sourceAt) => {
      const at = `${here}/sources/${sourceAt}`;
      const before = event.sources[sourceAt - 1];
      if (
        before &&
        (compareText(before.article, source.article) ||
          before.start - source.start ||
          before.date.start - source.date.start) > 0
      )
        problems.push(`${at}: out of order, sources are sorted by article, then offset`);
      const sentence = spanProblem(at, source);
      if (sentence) problems.push(sentence);
      const date = spanProblem(`${at}/date`, source.date);
      if (date) problems.push(date);
      if (source.date.start < source.start || source.date.end > source.end)
        problems.push(`${at}/date: ${source.date.start}..${source.date.end} is outside the sentence`);
      const said: ArticleFacts = {
        published: source.published,
        ...('title' in source && source.title !== undefined ? { title: source.title } : {}),
        ...('url' in source && source.url !== undefined ? { url: source.url } : {}),
      };
      const known = facts.get(source.article);
      if (!known) facts.set(source.article, said);
      else if (JSON.stringify(known) !== JSON.stringify(said))
        problems.push(
          `${at}: says ${JSON.stringify(said)} of ${source.article}, another source ${JSON.stringify(known)}`,
        );
    });
  });
}

/** An article entry: its partitions sorted and each once, as many as its events at most. */
function checkArticleEntry(problems: Problems, where: string, article: ViewArticle): void {
  checkSortedUnique(problems, `${where}/partitions`, article.partitions, (partition) => partition);
  article.partitions.forEach((partition, at) => {
    checkPartitionName(problems, `${where}/partitions/${at}`, partition);
  });
  if (article.partitions.length > article.events)
    problems.push(`${where}: ${article.partitions.length} partitions for ${article.events} events`);
  if (article.events > 0 && article.partitions.length === 0)
    problems.push(`${where}: ${article.events} events in no partition`);
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The page an article key is listed in: the first byte of its SHA-256, modulo 64, in hex. */
const pageOfKey = (key: string): string => ((sha256(key)[0] as number) % 64).toString(16).padStart(2, '0');

/** The chunk an event is kept in: the first 4 bytes of the SHA-256 of its id, modulo chunks. */
const chunkOfId = (id: string, chunks: number): number => sha256(id).readUInt32BE(0) % chunks;

/** The name a stored document has: the first 12 hex digits of the SHA-256 of its bytes. */
const contentHashOf = (body: string): string => sha256(body).toString('hex').slice(0, 12);

/** How many event ids the summary gives a day (SUMMARY_EVENTS_PER_DATE). */
const SUMMARY_EVENTS = 10;

const isPowerOfTwo = (n: number): boolean => n >= 1 && (n & (n - 1)) === 0;

/** A chunk's place (chunk < chunks, a power of two) and its events in the chunk their ids give. */
function checkChunk(
  problems: Problems,
  document: { chunk: number; chunks: number; events: readonly AnyEvent[] },
) {
  const { chunk, chunks } = document;
  if (!isPowerOfTwo(chunks)) problems.push(`/chunks: ${chunks} is not a power of two`);
  if (chunk >= chunks) problems.push(`/chunk: ${chunk} is not below chunks (${chunks})`);
  document.events.forEach((event, at) => {
    const own = chunkOfId(event.id, chunks);
    if (own !== chunk) problems.push(`/events/${at}: ${event.id} belongs in chunk ${own} of ${chunks}`);
  });
}

/** Summary days: the most salient first, the earlier day on a tie, each once, their ids each once. */
function checkSummary(problems: Problems, summary: TimelineSummary): void {
  summary.dates.forEach((date, at) => {
    const where = `/summary/dates/${at}`;
    if (new Set(date.events).size !== date.events.length)
      problems.push(`${where}/events: an id is listed twice`);
    if (date.events.length !== Math.min(SUMMARY_EVENTS, date.eventCount))
      problems.push(`${where}/events: ${date.events.length} ids for a day of ${date.eventCount} events`);
    const previous = summary.dates[at - 1];
    if (!previous) return;
    if (previous.date === date.date) problems.push(`${where}: ${date.date} is listed twice`);
    else if (
      previous.salience < date.salience ||
      (previous.salience === date.salience && previous.date > date.date)
    )
      problems.push(
        `${where}: out of order, ${date.date} (${date.salience}) comes after ${previous.date} (${previous.salience})`,
      );
  });
}

function indexProblems(index: ViewIndex): Problems {
  const problems: Problems = [];
  const pages = index.articles.pages;
  checkSortedUnique(problems, '/articles/pages', pages, (page) => page.page);
  const listed = pages.reduce((sum, page) => sum + page.articles, 0);
  if (index.articles.count !== listed)
    problems.push(`/articles/count: ${index.articles.count} but the pages list ${listed} articles`);
  checkSortedUnique(problems, '/months', index.months, (month) => month.month);
  index.months.forEach((month, at) => {
    if (month.sources < month.events)
      problems.push(`/months/${at}/sources: ${month.sources} sources for ${month.events} events`);
  });
  checkSummary(problems, index.summary);
  const months = new Set(index.months.map((month) => month.month));
  index.summary.dates.forEach((date, at) => {
    if (!months.has(date.date.slice(0, 7)))
      problems.push(`/summary/dates/${at}: ${date.date} is in no month of the index`);
  });
  return problems;
}

function monthTableProblems(table: MonthTable): Problems {
  const problems: Problems = [];
  checkSortedUnique(problems, '/partitions', table.partitions, (entry) => entry.partition);
  table.partitions.forEach((entry, at) => {
    const where = `/partitions/${at}`;
    const span = checkPartitionName(problems, `${where}/partition`, entry.partition);
    if (span.start.slice(0, 7) !== table.month)
      problems.push(`${where}: ${entry.partition} starts in ${span.start.slice(0, 7)}, not ${table.month}`);
    if (entry.start !== span.start || entry.end !== span.end)
      problems.push(`${where}: ${entry.start}..${entry.end} is not the span of ${entry.partition}`);
    const isDay = entry.start === entry.end;
    if (isDay !== (entry.salience !== undefined))
      problems.push(`${where}/salience: ${isDay ? 'missing for a day' : 'given for a period'}`);
    if (entry.sources < entry.events)
      problems.push(`${where}/sources: ${entry.sources} sources for ${entry.events} events`);
    if (entry.shards.length !== entry.states.length)
      problems.push(`${where}: ${entry.shards.length} public chunks but ${entry.states.length} state chunks`);
    if (!isPowerOfTwo(entry.states.length))
      problems.push(`${where}/states: ${entry.states.length} chunks, not a power of two`);
  });
  return problems;
}

function articlePageProblems(page: ArticlePage): Problems {
  const problems: Problems = [];
  checkSortedUnique(problems, '/articles', page.articles, (article) => article.key);
  page.articles.forEach((article, at) => {
    const own = pageOfKey(article.key);
    if (own !== page.page) problems.push(`/articles/${at}: ${article.key} belongs on page ${own}`);
    checkArticleEntry(problems, `/articles/${at}`, article);
  });
  return problems;
}

function shardProblems(shard: Shard): Problems {
  const problems: Problems = [];
  const span = checkPartitionName(problems, '/partition', shard.partition);
  if (shard.start !== span.start || shard.end !== span.end)
    problems.push(`(root): ${shard.start}..${shard.end} is not the span of ${shard.partition}`);
  checkChunk(problems, shard);
  checkEvents(problems, '/events', shard.events, new Map(), span);
  return problems;
}

function stateChunkProblems(state: StateChunk): Problems {
  const problems: Problems = [];
  const span = checkPartitionName(problems, '/partition', state.partition);
  checkChunk(problems, state);
  checkEvents(problems, '/events', state.events, new Map(), span);
  const withSources = new Set<string>();
  state.events.forEach((event, at) => {
    // The merged date is the most specific of its sources' own.
    if (!event.sources.some((source) => JSON.stringify(source.reading.date) === JSON.stringify(event.date)))
      problems.push(`/events/${at}/date: not the date of any of its sources' readings`);
    event.sources.forEach((source, sourceAt) => {
      withSources.add(source.article);
      const where = `/events/${at}/sources/${sourceAt}/reading/date`;
      checkDate(problems, where, source.reading.date);
      if (partitionOfDate(source.reading.date) !== state.partition)
        problems.push(
          `${where}: in partition ${partitionOfDate(source.reading.date)}, not ${state.partition}`,
        );
    });
  });
  const keys = Object.keys(state.articles);
  checkSortedUnique(problems, '/articles', keys, (key) => key);
  for (const key of keys) if (!withSources.has(key)) problems.push(`/articles: ${key} has no source here`);
  for (const key of withSources) if (!(key in state.articles)) problems.push(`/articles: ${key} is missing`);
  return problems;
}

function wholeTimelineProblems(timeline: WholeTimeline): Problems {
  const problems: Problems = [];
  checkSortedUnique(problems, '/articles', timeline.articles, (article) => article.key);
  timeline.articles.forEach((article, at) => {
    checkArticleEntry(problems, `/articles/${at}`, article);
  });
  const facts = new Map<string, ArticleFacts>();
  checkEvents(problems, '/events', timeline.events, facts);

  const sourcesOf = new Map<string, number>();
  const partitionsOf = new Map<string, Set<string>>();
  for (const event of timeline.events)
    for (const source of event.sources) {
      sourcesOf.set(source.article, (sourcesOf.get(source.article) ?? 0) + 1);
      const partitions = partitionsOf.get(source.article) ?? new Set();
      partitions.add(partitionOfDate(event.date));
      partitionsOf.set(source.article, partitions);
    }
  const listed = new Map(timeline.articles.map((article) => [article.key, article]));
  for (const [key, said] of facts) {
    const article = listed.get(key);
    if (!article) {
      problems.push(`/events: a source names ${key}, which is not in articles`);
      continue;
    }
    // Titles and urls are copied from the entry. The published day comes with each event of the
    // report, not from the entry: the same for every source (checked above), not compared here.
    const { published: _published, ...shown } = said;
    const own = {
      ...(article.title !== undefined ? { title: article.title } : {}),
      ...(article.url !== undefined ? { url: article.url } : {}),
    };
    if (JSON.stringify(own) !== JSON.stringify(shown))
      problems.push(
        `/events: sources show ${JSON.stringify(shown)} of ${key}, its entry ${JSON.stringify(own)}`,
      );
  }
  timeline.articles.forEach((article, at) => {
    const sources = sourcesOf.get(article.key) ?? 0;
    if (article.events !== sources)
      problems.push(`/articles/${at}/events: ${article.events}, but ${sources} sources name ${article.key}`);
    const partitions = [...(partitionsOf.get(article.key) ?? [])].sort(compareText);
    if (JSON.stringify(partitions) !== JSON.stringify(article.partitions))
      problems.push(
        `/articles/${at}/partitions: ${JSON.stringify(article.partitions)}, its sources are in ${JSON.stringify(partitions)}`,
      );
  });

  checkSummary(problems, timeline.summary);
  timeline.summary.dates.forEach((date, at) => {
    const ofDay = timeline.events
      .filter((event) => event.date.start === date.date && event.date.end === date.date)
      .sort((a, b) => b.salience - a.salience || compareText(a.id, b.id))
      .map((event) => event.id);
    if (date.eventCount !== ofDay.length)
      problems.push(
        `/summary/dates/${at}/eventCount: ${date.eventCount}, but ${date.date} has ${ofDay.length} events`,
      );
    const top = ofDay.slice(0, SUMMARY_EVENTS);
    if (JSON.stringify(top) !== JSON.stringify(date.events))
      problems.push(
        `/summary/dates/${at}/events: ${JSON.stringify(date.events)}, the most salient events of ${date.date} are ${JSON.stringify(top)}`,
      );
  });
  return problems;
}

/** JSON with object keys sorted: two documents that say the same compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** What a shard shows of a state chunk's event: the event without the readings, with titles and urls. */
function publicFaceOf(event: MergedEvent, articles: StateChunk['articles']): ViewEvent {
  const { sources, ...rest } = event;
  return {
    ...rest,
    sources: sources.map(({ prominence: _prominence, reading: _reading, ...source }) => ({
      ...source,
      ...(articles[source.article]?.title ? { title: articles[source.article]?.title } : {}),
      ...(articles[source.article]?.url ? { url: articles[source.article]?.url } : {}),
    })),
  };
}

/**
 * The rules between the documents of a stored view: each document the index points at exists,
 * is named by its content and is of its kind, place and collection; the counts of the index and
 * the tables are those of what they point at; each shard is the public face of its state chunk;
 * the summary is the top of all the day partitions.
 */
function storedViewProblems(index: ViewIndex, read: (key: string) => string | undefined): Problems {
  const problems: Problems = [];
  const { collection } = index;
  const documentAt = <T>(
    key: string,
    hash: string | undefined,
    kind: StoredKind,
    where: string,
  ): T | undefined => {
    const body = read(key);
    if (body === undefined) {
      problems.push(`${where}: ${key} is missing`);
      return undefined;
    }
    if (hash !== contentHashOf(body)) problems.push(`${where}: ${key} is not named by its content`);
    const document = JSON.parse(body) as { kind?: unknown; collection?: unknown };
    try {
      assertValidViewDocument(document);
    } catch (error) {
      problems.push(`${where}: ${key}: ${(error as Error).message}`);
      return undefined;
    }
    if (document.kind !== kind) {
      problems.push(`${where}: ${key} is of kind ${document.kind}, not ${kind}`);
      return undefined;
    }
    if (document.collection !== collection)
      problems.push(`${where}: ${key} is of collection ${document.collection}, not ${collection}`);
    return document as T;
  };

  index.articles.pages.forEach((entry, at) => {
    const where = `/articles/pages/${at}`;
    const key = `timelines/${collection}/articles/${entry.page}.${entry.hash}.json`;
    const page = documentAt<ArticlePage>(key, entry.hash, 'articles', where);
    if (page && page.page !== entry.page) problems.push(`${where}: ${key} is page ${page.page}`);
    if (page && page.articles.length !== entry.articles)
      problems.push(`${where}/articles: ${entry.articles}, the page lists ${page.articles.length}`);
  });

  const days: Array<{ partition: string; salience: number; ranked: string[] }> = [];
  index.months.forEach((entry, at) => {
    const where = `/months/${at}`;
    const tableKey = `timelines/${collection}/months/${entry.month}.${entry.hash}.json`;
    const table = documentAt<MonthTable>(tableKey, entry.hash, 'month', where);
    if (!table) return;
    if (table.month !== entry.month) problems.push(`${where}: ${tableKey} is the table of ${table.month}`);
    const events = table.partitions.reduce((sum, partition) => sum + partition.events, 0);
    const sources = table.partitions.reduce((sum, partition) => sum + partition.sources, 0);
    if (events !== entry.events || sources !== entry.sources)
      problems.push(
        `${where}: ${entry.events} events and ${entry.sources} sources, its table ${events} and ${sources}`,
      );
    table.partitions.forEach((partition, partitionAt) => {
      const here = `${tableKey}/partitions/${partitionAt}`;
      const chunks = partition.states.length;
      const dayEvents: ViewEvent[] = [];
      let shardEvents = 0;
      let shardSources = 0;
      for (let chunk = 0; chunk < chunks; chunk += 1) {
        const shardKey = `timelines/${collection}/shards/${partition.partition}.${chunk}.${partition.shards[chunk]}.json`;
        const stateKey = `state/${collection}/partitions/${partition.partition}.${chunk}.${partition.states[chunk]}.json`;
        const shard = documentAt<Shard>(
          shardKey,
          partition.shards[chunk],
          'shard',
          `${here}/shards/${chunk}`,
        );
        const state = documentAt<StateChunk>(
          stateKey,
          partition.states[chunk],
          'partition-state',
          `${here}/states/${chunk}`,
        );
        for (const [document, key] of [
          [shard, shardKey],
          [state, stateKey],
        ] as const)
          if (
            document &&
            (document.partition !== partition.partition ||
              document.chunk !== chunk ||
              document.chunks !== chunks)
          )
            problems.push(
              `${here}: ${key} is chunk ${document.chunk} of ${document.chunks} of ${document.partition}, not ${chunk} of ${chunks} of ${partition.partition}`,
            );
        if (!shard || !state) continue;
        shardEvents += shard.events.length;
        shardSources += shard.events.reduce((sum, event) => sum + event.sources.length, 0);
        dayEvents.push(...shard.events);
        const face = canonical(state.events.map((event) => publicFaceOf(event, state.articles)));
        if (face !== canonical(shard.events))
          problems.push(`${here}: ${shardKey} is not the public face of ${stateKey}`);
      }
      if (shardEvents !== partition.events || shardSources !== partition.sources)
        problems.push(
          `${here}: ${partition.events} events and ${partition.sources} sources, its shards ${shardEvents} and ${shardSources}`,
        );
      if (partition.salience !== undefined)
        days.push({
          partition: partition.partition,
          salience: partition.salience,
          ranked: dayEvents
            .sort((a, b) => b.salience - a.salience || compareText(a.id, b.id))
            .map((event) => event.id),
        });
    });
  });

  // The summary is the top of the ranking of all days: no day left out outranks one listed.
  const ranking = days.sort((a, b) => b.salience - a.salience || compareText(a.partition, b.partition));
  index.summary.dates.forEach((date, at) => {
    const day = ranking[at];
    const expected = day && {
      date: day.partition,
      salience: day.salience,
      events: day.ranked.slice(0, SUMMARY_EVENTS),
      eventCount: day.ranked.length,
    };
    if (canonical(date) !== canonical(expected))
      problems.push(
        `/summary/dates/${at}: ${canonical(date)}, the day ranked ${at + 1} of the tables is ${canonical(expected)}`,
      );
  });
  if (index.summary.dates.length === 0 && ranking.length > 0)
    problems.push(`/summary/dates: empty, but the tables have ${ranking.length} days`);
  return problems;
}

function assertProblemFree(what: string, schemaProblems: string[], invariants: () => Problems): void {
  if (schemaProblems.length > 0)
    throw new Error(`${what} does not match timeline.schema.json:\n  ${schemaProblems.join('\n  ')}`);
  const problems = invariants();
  if (problems.length > 0) throw new Error(`${what} breaks its invariants:\n  ${problems.join('\n  ')}`);
}

/**
 * Throws unless `timeline` is a whole timeline other tools can rely on: valid against
 * schema/timeline.schema.json (its wholeTimeline definition, and the top-level oneOf), and
 * keeping the rules the schema cannot express (events sorted by date.start, date.end then id,
 * unique ids, offsets that match their text, sources naming listed articles, articles' counts
 * and partitions those of their sources, summary days listing the events of their day).
 *
 * @example assertValidView(timelineOfWrites(view.index, view.writes))
 */
export function assertValidView(timeline: WholeTimeline): void {
  assertProblemFree('timeline', schemaErrors(timeline, validateWholeTimeline), () =>
    wholeTimelineProblems(timeline),
  );
}

/**
 * Throws unless `document` is a stored view document (kind index, month, articles, shard or
 * partition-state) valid against its definition in schema/timeline.schema.json and the top-level
 * oneOf, keeping the rules of its kind the schema cannot express (see each definition's
 * description). A whole timeline, which has no kind, is for {@link assertValidView}.
 *
 * @example for (const write of view.writes) assertValidViewDocument(JSON.parse(write.body))
 */
export function assertValidViewDocument(document: unknown): void {
  const kind = (document as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(DOCUMENT_DEFINITIONS, kind))
    throw new Error(
      `view document has kind ${JSON.stringify(kind)}, not one of ${Object.keys(DOCUMENT_DEFINITIONS).join(', ')}`,
    );
  const stored = kind as StoredKind;
  assertProblemFree(`view document (${stored})`, schemaErrors(document, DOCUMENT_DEFINITIONS[stored]), () => {
    switch (stored) {
      case 'index':
        return indexProblems(document as ViewIndex);
      case 'month':
        return monthTableProblems(document as MonthTable);
      case 'articles':
        return articlePageProblems(document as ArticlePage);
      case 'shard':
        return shardProblems(document as Shard);
      case 'partition-state':
        return stateChunkProblems(document as StateChunk);
    }
  });
}

/**
 * Throws unless a stored view is one other tools can rely on: its index and every document it
 * points at (read with `read`, undefined for a missing key) valid by
 * {@link assertValidViewDocument}, the rules between them kept (each named by its content, counts
 * that add up, each shard the public face of its state chunk, the summary the top days of all
 * the tables), and the whole timeline they make valid by {@link assertValidView}.
 *
 * @example assertValidStoredView(index, (key) => documents.get(key))
 */
export function assertValidStoredView(index: ViewIndex, read: (key: string) => string | undefined): void {
  assertValidViewDocument(index);
  assertProblemFree('stored view', [], () => storedViewProblems(index, read));
  assertValidView(timelineOfDocuments(index, read));
}
