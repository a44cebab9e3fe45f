import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from '../../schema/timeline.schema.json' with { type: 'json' };
import { parseArticle } from '../../src/core/article.ts';
import type { EventDate } from '../../src/core/events.ts';
import { extractEvents } from '../../src/core/events.ts';
import type { MergeSource } from '../../src/core/merge.ts';
import { removedReport, reportOf } from '../../src/core/report.ts';
import {
  type ArticleChange,
  type ArticlePage,
  articlePageKeyOf,
  articlePageOf,
  emptyTimeline,
  type IndexedPartition,
  type MonthTable,
  monthOf,
  monthTableKeyOf,
  runCompaction,
  type Shard,
  type StateChunk,
  shardKeyOf,
  shardKeysOf,
  stateKeyOf,
  stateKeysOf,
  type TimelineSummary,
  timelineOfDocuments,
  timelineOfWrites,
  type ViewArticle,
  type ViewEvent,
  type ViewIndex,
  type ViewSource,
  viewOfReports,
  type WholeTimeline,
} from '../../src/core/view.ts';
import { type FixtureName, parseFixture, SAMPLE_METADATA } from './fixtures.ts';
import { assertValidStoredView, assertValidView, assertValidViewDocument } from './validate-timeline.ts';

const COLLECTION = 'north-korea';
const UPDATED_AT = '2018-11-08T15:00:00.000Z';
const FULL = 'articles/nk-talks-full.txt';
const SHORT = 'articles/nk-talks-short.txt';
const BUSY = 'articles/busy-wednesday.txt';

/** A report as the article function writes it, with an ETag as S3 would give it. */
function changeOfArticle(article: ReturnType<typeof parseArticle>): ArticleChange {
  const report = reportOf(COLLECTION, article, extractEvents(article), { etag: '"etag-1"' });
  return {
    key: article.key,
    report,
    reportEtag: `"${createHash('md5').update(JSON.stringify(report)).digest('hex')}"`,
  };
}
const changeOf = (name: FixtureName): ArticleChange => changeOfArticle(parseFixture(name));

// Forty sentences, each a different happening of Wednesday 2018-11-07 in made-up words (no two
// alike enough to merge): a day of more events than the summary names, and a partition over
// 16 KB, which the view keeps in two chunks.
const SYLLABLES = ['ka', 'lo', 'mi', 'ze', 'ru', 'ta', 've', 'no', 'si', 'pa'];
const madeUp = (n: number, salt: number): string =>
  [0, 1, 2].map((i) => SYLLABLES[(Math.floor(n / 10 ** i) + salt * (i + 1)) % 10]).join('') +
  'x'.repeat(salt);
const busyText = Array.from(
  { length: 40 },
  (_, n) =>
    `On Wednesday, the ${madeUp(n, 1)} council ${madeUp(n, 2)}ed the ${madeUp(n, 3)} plan for ${madeUp(n, 4)} harbours.`,
).join(' ');
const busyChange = (): ArticleChange =>
  changeOfArticle(
    parseArticle({ key: BUSY, bytes: new TextEncoder().encode(busyText), metadata: SAMPLE_METADATA }),
  );

/** A view as the store holds it: its index and every document it points at, by key. */
interface StoredView {
  readonly index: ViewIndex;
  readonly documents: ReadonlyMap<string, string>;
}

function viewOf(changes: readonly ArticleChange[]): StoredView {
  const view = viewOfReports(COLLECTION, UPDATED_AT, changes);
  if (!view) throw new Error('the articles made no view');
  return { index: view.index, documents: new Map(view.writes.map((write) => [write.key, write.body])) };
}

/** `changes` compacted onto `view` as the compactor does it: loading only what compact names. */
function compactOnto(view: StoredView, changes: readonly ArticleChange[]): StoredView {
  const result = runCompaction(
    { collection: COLLECTION, updatedAt: UPDATED_AT, index: view.index, changes },
    (document) => JSON.parse(view.documents.get(document.key) as string),
  );
  if (result.kind !== 'changed') throw new Error('the compaction changed nothing');
  const documents = new Map(view.documents);
  for (const key of result.replaced) documents.delete(key);
  for (const write of result.writes) documents.set(write.key, write.body);
  return { index: result.index, documents };
}

const wholeOf = (view: StoredView): WholeTimeline =>
  timelineOfDocuments(view.index, (key) => view.documents.get(key));

// Built once for every case below: building runs the tagger over the articles.
const SAMPLE = viewOf([changeOf('nk-talks-full.txt'), changeOf('nk-talks-short.txt')]);
const CHUNKED = viewOf([busyChange()]);
/** Built article by article: the full article, then the short one, then the busy one; then the full one deleted. */
const ADDED = compactOnto(
  compactOnto(viewOf([changeOf('nk-talks-full.txt')]), [changeOf('nk-talks-short.txt')]),
  [busyChange()],
);
const REMOVED = compactOnto(ADDED, [{ key: FULL, report: removedReport(COLLECTION, FULL) }]);

/** The day with three events in the sample; the day both sample articles report; a period. */
const BUSY_DAY = '2018-11-07';
const SHARED_DAY = '2018-11-02';
const MONTH_PERIOD = '2018-06-01..2018-06-30';
const FULL_PAGE = articlePageOf(FULL);

// Mutable deep copies: the cases below break a valid document in one place each.
// biome-ignore lint/suspicious/noExplicitAny: the cases reach into the JSON wherever they need to.
type Json = any;
const parsed = (view: StoredView, key: string): Json => JSON.parse(view.documents.get(key) as string);
const tableOf = (view: StoredView, month: string): MonthTable =>
  parsed(
    view,
    monthTableKeyOf(
      COLLECTION,
      month,
      view.index.months.find((entry) => entry.month === month)?.hash as string,
    ),
  );
const entryOf = (view: StoredView, partition: string): IndexedPartition => {
  const entry = tableOf(view, monthOf(partition)).partitions.find((listed) => listed.partition === partition);
  if (!entry) throw new Error(`no partition ${partition}`);
  return entry;
};
const shardOf = (view: StoredView, partition: string, chunk = 0): Json =>
  parsed(view, shardKeysOf(COLLECTION, entryOf(view, partition))[chunk] as string);
const stateOf = (view: StoredView, partition: string, chunk = 0): Json =>
  parsed(view, stateKeysOf(COLLECTION, entryOf(view, partition))[chunk] as string);
const pageOf = (view: StoredView, page: string): Json =>
  parsed(
    view,
    articlePageKeyOf(
      COLLECTION,
      page,
      view.index.articles.pages.find((entry) => entry.page === page)?.hash as string,
    ),
  );

/** Another article key on the page of `key`: the page of an article is decided by its key. */
function keyOnPageOf(key: string): string {
  for (let n = 0; ; n += 1) {
    const candidate = `articles/other-${n}.txt`;
    if (articlePageOf(candidate) === articlePageOf(key)) return candidate;
  }
}

describe('the sample views', () => {
  // Guards the tests themselves: a vacuous view would accept anything.
  it('have every kind of document, partition and chunk the cases below break', () => {
    const timeline = wholeOf(SAMPLE);
    expect(timeline.events.length).toBeGreaterThan(5);
    expect(timeline.events.filter((event) => event.date.start === BUSY_DAY)).toHaveLength(3);
    const shared = timeline.events.find((event) => event.date.start === SHARED_DAY);
    expect(new Set(shared?.sources.map((source) => source.article))).toEqual(new Set([FULL, SHORT]));
    expect(entryOf(SAMPLE, MONTH_PERIOD).salience).toBeUndefined();
    expect(SAMPLE.index.summary.dates.length).toBeGreaterThan(2);
    const kinds = [...SAMPLE.documents.values()].map((body) => JSON.parse(body).kind);
    expect(new Set(kinds)).toEqual(new Set(['month', 'articles', 'shard', 'partition-state']));
    expect(entryOf(CHUNKED, BUSY_DAY).states).toHaveLength(2);
    expect(entryOf(ADDED, BUSY_DAY).states.length).toBeGreaterThan(1);
    expect(CHUNKED.index.summary.dates[0]).toMatchObject({ date: BUSY_DAY, eventCount: 40 });
    expect(wholeOf(REMOVED).articles.map((article) => article.key)).toEqual([BUSY, SHORT]);
  });
});

describe('timeline.schema.json', () => {
  const ajv = new Ajv2020({ strict: true, strictTypes: true, strictTuples: true, strictRequired: true });
  const validate = ajv.compile(schema);
  const documentsOf = (view: StoredView): Json[] => [
    view.index,
    ...[...view.documents.values()].map((body) => JSON.parse(body)),
    wholeOf(view),
  ];

  it('accepts every document of a view at its top level, whatever its kind', () => {
    for (const view of [SAMPLE, CHUNKED, ADDED, REMOVED])
      for (const document of documentsOf(view))
        expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    { kind: 'index', to: 'month' },
    { kind: 'month', to: 'index' },
    { kind: 'shard', to: 'index' },
    { kind: 'shard', to: 'partition-state' },
    { kind: 'partition-state', to: 'shard' },
    { kind: 'articles', to: 'index' },
    { kind: undefined, to: 'index' },
    { kind: 'index', to: undefined },
    { kind: 'shard', to: 'shards' },
  ])('rejects a document of kind $kind relabelled $to', ({ kind, to }) => {
    const document = structuredClone(documentsOf(SAMPLE).find((found) => found.kind === kind));
    if (to === undefined) delete document.kind;
    else document.kind = to;
    expect(validate(document)).toBe(false);
  });

  // The fields of a type as lists: tsc fails when a list leaves a field out or lists one as
  // required that the type has optional, so the cases below follow the types of view.ts.
  type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T] & string;
  type OptionalKeys<T> = Exclude<keyof T & string, RequiredKeys<T>>;
  type Unlisted<T, R extends readonly string[], O extends readonly string[]> =
    | Exclude<RequiredKeys<T>, R[number]>
    | Exclude<OptionalKeys<T>, O[number]>;
  const fieldsOf =
    <T>() =>
    <const R extends readonly RequiredKeys<T>[], const O extends readonly OptionalKeys<T>[] = []>(
      required: R & ([Unlisted<T, R, O>] extends [never] ? unknown : { unlisted: Unlisted<T, R, O> }),
      optional?: O,
    ): { required: readonly string[]; optional: readonly string[] } => ({
      required,
      optional: optional ?? [],
    });
  const article = fieldsOf<ViewArticle>()(
    ['key', 'format', 'encoding', 'reference', 'events', 'partitions'],
    ['title', 'url', 'etag', 'report'],
  );
  const eventDate = fieldsOf<EventDate>()(['value', 'start', 'end', 'granularity'], ['mod']);
  const words = fieldsOf<ViewSource['date']>()(['text', 'start', 'end']);
  const summaryDate = fieldsOf<TimelineSummary['dates'][number]>()([
    'date',
    'salience',
    'events',
    'eventCount',
  ]);
  const shapes: Array<{
    document: string;
    of: () => Json;
    path: ReadonlyArray<string | number>;
    fields: { required: readonly string[]; optional: readonly string[] };
  }> = [
    {
      document: 'whole timeline',
      of: () => wholeOf(SAMPLE),
      path: [],
      fields: fieldsOf<WholeTimeline>()([
        'version',
        'collection',
        'updatedAt',
        'articles',
        'events',
        'summary',
      ]),
    },
    { document: 'whole timeline', of: () => wholeOf(SAMPLE), path: ['articles', 0], fields: article },
    {
      document: 'whole timeline',
      of: () => wholeOf(SAMPLE),
      path: ['articles', 0, 'reference'],
      fields: fieldsOf<ViewArticle['reference']>()(['date', 'timezone', 'source']),
    },
    {
      document: 'whole timeline',
      of: () => wholeOf(SAMPLE),
      path: ['events', 0],
      fields: fieldsOf<ViewEvent>()([
        'id',
        'date',
        'title',
        'actors',
        'status',
        'confidence',
        'salience',
        'sources',
      ]),
    },
    { document: 'whole timeline', of: () => wholeOf(SAMPLE), path: ['events', 0, 'date'], fields: eventDate },
    {
      document: 'whole timeline',
      of: () => wholeOf(SAMPLE),
      path: ['events', 0, 'sources', 0],
      fields: fieldsOf<ViewSource>()(
        ['article', 'published', 'text', 'start', 'end', 'date'],
        ['title', 'url'],
      ),
    },
    {
      document: 'whole timeline',
      of: () => wholeOf(SAMPLE),
      path: ['events', 0, 'sources', 0, 'date'],
      fields: words,
    },
    {
      document: 'whole timeline',
      of: () => wholeOf(SAMPLE),
      path: ['summary'],
      fields: fieldsOf<TimelineSummary>()(['dates']),
    },
    {
      document: 'whole timeline',
      of: () => wholeOf(SAMPLE),
      path: ['summary', 'dates', 0],
      fields: summaryDate,
    },
    {
      document: 'index',
      of: () => SAMPLE.index,
      path: [],
      fields: fieldsOf<ViewIndex>()([
        'version',
        'kind',
        'collection',
        'updatedAt',
        'articles',
        'months',
        'summary',
      ]),
    },
    {
      document: 'index',
      of: () => SAMPLE.index,
      path: ['articles'],
      fields: fieldsOf<ViewIndex['articles']>()(['count', 'pages']),
    },
    {
      document: 'index',
      of: () => SAMPLE.index,
      path: ['articles', 'pages', 0],
      fields: fieldsOf<ViewIndex['articles']['pages'][number]>()(['page', 'hash', 'articles']),
    },
    {
      document: 'index',
      of: () => SAMPLE.index,
      path: ['months', 0],
      fields: fieldsOf<ViewIndex['months'][number]>()(['month', 'events', 'sources', 'hash']),
    },
    { document: 'index', of: () => SAMPLE.index, path: ['summary', 'dates', 0], fields: summaryDate },
    {
      document: 'month table',
      of: () => tableOf(SAMPLE, '2018-11'),
      path: [],
      fields: fieldsOf<MonthTable>()(['version', 'kind', 'collection', 'month', 'partitions']),
    },
    {
      document: 'month table',
      of: () => tableOf(SAMPLE, '2018-11'),
      path: ['partitions', 0],
      fields: fieldsOf<IndexedPartition>()(
        ['partition', 'start', 'end', 'events', 'sources', 'shards', 'states'],
        ['salience'],
      ),
    },
    {
      document: 'article page',
      of: () => pageOf(SAMPLE, FULL_PAGE),
      path: [],
      fields: fieldsOf<ArticlePage>()(['version', 'kind', 'collection', 'page', 'articles']),
    },
    { document: 'article page', of: () => pageOf(SAMPLE, FULL_PAGE), path: ['articles', 0], fields: article },
    {
      document: 'shard',
      of: () => shardOf(SAMPLE, BUSY_DAY),
      path: [],
      fields: fieldsOf<Shard>()([
        'version',
        'kind',
        'collection',
        'partition',
        'start',
        'end',
        'chunk',
        'chunks',
        'events',
      ]),
    },
    {
      document: 'state chunk',
      of: () => stateOf(SAMPLE, SHARED_DAY),
      path: [],
      fields: fieldsOf<StateChunk>()([
        'version',
        'kind',
        'collection',
        'partition',
        'chunk',
        'chunks',
        'articles',
        'events',
      ]),
    },
    {
      document: 'state chunk',
      of: () => stateOf(SAMPLE, SHARED_DAY),
      path: ['articles', FULL],
      fields: fieldsOf<StateChunk['articles'][string]>()([], ['title', 'url']),
    },
    {
      document: 'state chunk',
      of: () => stateOf(SAMPLE, SHARED_DAY),
      path: ['events', 0],
      fields: fieldsOf<StateChunk['events'][number]>()([
        'id',
        'date',
        'title',
        'actors',
        'status',
        'confidence',
        'salience',
        'sources',
      ]),
    },
    {
      document: 'state chunk',
      of: () => stateOf(SAMPLE, SHARED_DAY),
      path: ['events', 0, 'sources', 0],
      fields: fieldsOf<MergeSource>()([
        'article',
        'published',
        'text',
        'start',
        'end',
        'prominence',
        'date',
        'reading',
      ]),
    },
    {
      document: 'state chunk',
      of: () => stateOf(SAMPLE, SHARED_DAY),
      path: ['events', 0, 'sources', 0, 'reading'],
      fields: fieldsOf<MergeSource['reading']>()(['date', 'title', 'actors', 'status', 'confidence']),
    },
  ];
  // Valid values for the optional fields the samples leave out.
  const OPTIONAL_VALUES: Record<string, unknown> = {
    title: 'A headline',
    url: 'https://edition.cnn.com/2018/11/08/politics/north-korea',
    etag: '"etag-2"',
    report: '"report-2"',
    salience: 1,
    mod: 'START',
  };
  const pointerOf = (path: ReadonlyArray<string | number>) =>
    path.length === 0
      ? '(root)'
      : `/${path.map((step) => String(step).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
  const objectAt = (document: Json, path: ReadonlyArray<string | number>): Json =>
    path.reduce((object, step) => object[step], document);
  const cases = shapes.flatMap(({ document, of, path, fields }) => [
    ...fields.required.map((field) => ({ document, of, path, field, kind: 'required' as const })),
    ...fields.optional.map((field) => ({ document, of, path, field, kind: 'optional' as const })),
    { document, of, path, field: 'unexpected', kind: 'extra' as const },
  ]);

  it.each(cases.filter((entry) => entry.kind === 'required'))(
    'requires $field in $document at $path',
    ({ of, path, field }) => {
      const document = structuredClone(of());
      expect(validate(document)).toBe(true);
      delete objectAt(document, path)[field];
      expect(validate(document)).toBe(false);
      expect(validate.errors?.map((error) => error.message)).toContain(
        `must have required property '${field}'`,
      );
    },
  );

  it.each(cases.filter((entry) => entry.kind === 'optional'))(
    'allows $field in $document at $path, and its absence',
    ({ of, path, field }) => {
      const document = structuredClone(of());
      const object = objectAt(document, path);
      object[field] ??= OPTIONAL_VALUES[field];
      expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
      delete object[field];
      expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it.each(cases.filter((entry) => entry.kind === 'extra'))(
    'allows no other field in $document at $path',
    ({ of, path }) => {
      const document = structuredClone(of());
      objectAt(document, path).unexpected = 1;
      expect(validate(document)).toBe(false);
      const where = path.length === 0 ? '' : pointerOf(path);
      expect(
        validate.errors?.some(
          (error) =>
            error.keyword === 'additionalProperties' &&
            error.instancePath === where &&
            (error.params as { additionalProperty: string }).additionalProperty === 'unexpected',
        ),
        JSON.stringify(validate.errors),
      ).toBe(true);
    },
  );
});

describe('timeline.schema.json, field by field', () => {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: true,
    strictTuples: true,
    strictRequired: true,
  });
  const validate = ajv.compile(schema);
  const whole = () => wholeOf(SAMPLE);
  const state = () => stateOf(SAMPLE, SHARED_DAY);
  const EMPTY = 'must NOT have fewer than 1 characters';
  const NEGATIVE = 'must be >= 0';
  // One value per granularity that is of another's form: each granularity has its own pattern.
  const VALUE_OF_ANOTHER_FORM: Record<string, string> = {
    time: '2018-11-02',
    day: '2018-11-02TMO',
    weekend: '2018-W44',
    week: '2018-W44-WE',
    month: '2018-Q4',
    quarter: '2018-11',
    season: '2018',
    year: '2018-SU',
    decade: '20',
    century: '201',
  };
  it.each([
    { of: whole, path: ['collection'], value: '', message: 'must match pattern' },
    { of: whole, path: ['articles', 0, 'key'], value: '', message: EMPTY },
    { of: whole, path: ['articles', 0, 'title'], value: '', message: EMPTY },
    { of: whole, path: ['articles', 0, 'url'], value: '', message: EMPTY },
    { of: whole, path: ['articles', 0, 'etag'], value: '', message: EMPTY },
    { of: whole, path: ['articles', 0, 'report'], value: '', message: EMPTY },
    { of: whole, path: ['articles', 0, 'events'], value: -1, message: NEGATIVE },
    { of: whole, path: ['articles', 0, 'events'], value: 1.5, message: 'must be integer' },
    {
      of: whole,
      path: ['articles', 0, 'reference', 'timezone'],
      value: 'America/New York',
      message: 'must match pattern',
    },
    {
      of: whole,
      path: ['articles', 0, 'reference', 'date'],
      value: '2018-11-31T00:00',
      message: 'must match pattern',
    },
    {
      of: whole,
      path: ['events', 0, 'date', 'value'],
      value: '2018-11-02T25:00',
      message: 'must match pattern',
    },
    {
      of: whole,
      path: ['events', 0, 'date', 'mod'],
      value: 'EARLY',
      message: 'must be equal to one of the allowed values',
    },
    { of: whole, path: ['events', 0, 'title'], value: '', message: EMPTY },
    { of: whole, path: ['events', 0, 'actors', 0], value: '', message: EMPTY },
    { of: whole, path: ['events', 0, 'confidence'], value: -0.1, message: NEGATIVE },
    { of: whole, path: ['events', 0, 'sources', 0, 'article'], value: '', message: EMPTY },
    { of: whole, path: ['events', 0, 'sources', 0, 'title'], value: '', message: EMPTY },
    { of: whole, path: ['events', 0, 'sources', 0, 'url'], value: '', message: EMPTY },
    { of: whole, path: ['events', 0, 'sources', 0, 'text'], value: '', message: EMPTY },
    { of: whole, path: ['events', 0, 'sources', 0, 'end'], value: -1, message: NEGATIVE },
    { of: whole, path: ['events', 0, 'sources', 0, 'date', 'text'], value: '', message: EMPTY },
    { of: whole, path: ['events', 0, 'sources', 0, 'date', 'start'], value: -1, message: NEGATIVE },
    { of: whole, path: ['events', 0, 'sources', 0, 'date', 'end'], value: -1, message: NEGATIVE },
    { of: whole, path: ['summary', 'dates', 0, 'salience'], value: -1, message: NEGATIVE },
    { of: state, path: ['articles', FULL, 'url'], value: '', message: EMPTY },
    { of: state, path: ['chunk'], value: -1, message: NEGATIVE },
    { of: state, path: ['chunks'], value: 0, message: 'must be >= 1' },
    { of: state, path: ['events', 0, 'title'], value: '', message: EMPTY },
    {
      of: state,
      path: ['events', 0, 'title'],
      value: 'x'.repeat(101),
      message: 'must NOT have more than 100 characters',
    },
    { of: state, path: ['events', 0, 'actors', 0], value: '', message: EMPTY },
    { of: state, path: ['events', 0, 'confidence'], value: 1.5, message: 'must be <= 1' },
    { of: state, path: ['events', 0, 'confidence'], value: -0.1, message: NEGATIVE },
    { of: state, path: ['events', 0, 'salience'], value: -1, message: NEGATIVE },
    { of: state, path: ['events', 0, 'sources'], value: [], message: 'must NOT have fewer than 1 items' },
    { of: state, path: ['events', 0, 'sources', 0, 'article'], value: '', message: EMPTY },
    { of: state, path: ['events', 0, 'sources', 0, 'text'], value: '', message: EMPTY },
    { of: state, path: ['events', 0, 'sources', 0, 'start'], value: -1, message: NEGATIVE },
    { of: state, path: ['events', 0, 'sources', 0, 'end'], value: -1, message: NEGATIVE },
    { of: state, path: ['events', 0, 'sources', 0, 'prominence'], value: -0.1, message: NEGATIVE },
    { of: state, path: ['events', 0, 'sources', 0, 'reading', 'title'], value: '', message: EMPTY },
    {
      of: state,
      path: ['events', 0, 'sources', 0, 'reading', 'title'],
      value: 'x'.repeat(101),
      message: 'must NOT have more than 100 characters',
    },
    { of: state, path: ['events', 0, 'sources', 0, 'reading', 'actors', 0], value: '', message: EMPTY },
    {
      of: state,
      path: ['events', 0, 'sources', 0, 'reading', 'confidence'],
      value: 1.5,
      message: 'must be <= 1',
    },
    { of: state, path: ['events', 0, 'sources', 0, 'reading', 'confidence'], value: -0.1, message: NEGATIVE },
    {
      of: state,
      path: ['events', 0, 'sources', 0, 'reading', 'status'],
      value: 'rumoured',
      message: 'must be equal to one of the allowed values',
    },
  ])('rejects $value at $path', ({ of, path, value, message }) => {
    const document = structuredClone(of()) as Json;
    const parent = path.slice(0, -1).reduce((object: Json, step) => object[step], document);
    parent[path.at(-1) as string | number] = value;
    expect(validate(document)).toBe(false);
    const where = `/${path.map((step) => String(step).replaceAll('/', '~1')).join('/')}`;
    expect(
      validate.errors?.some((error) => error.instancePath === where && error.message?.startsWith(message)),
      JSON.stringify(validate.errors),
    ).toBe(true);
  });

  it.each(Object.entries(VALUE_OF_ANOTHER_FORM))(
    'rejects a %s date whose value is %s',
    (granularity, value) => {
      const timeline = structuredClone(whole()) as Json;
      Object.assign(timeline.events[0].date, { granularity, value });
      expect(validate(timeline)).toBe(false);
      expect(validate.errors?.map((error) => `${error.instancePath} ${error.message}`)).toContain(
        `/events/0/date/value must match pattern "${
          (
            schema.$defs.eventDate.allOf.find(
              (rule) => rule.if.properties.granularity.const === granularity,
            ) as Json
          ).then.properties.value.pattern
        }"`,
      );
    },
  );
});

describe('assertValidView', () => {
  it('accepts the whole timeline of a view built by viewOfReports, and by timelineOfWrites', () => {
    expect(() => assertValidView(wholeOf(SAMPLE))).not.toThrow();
    expect(() => assertValidView(wholeOf(CHUNKED))).not.toThrow();
    const built = viewOfReports(COLLECTION, UPDATED_AT, [changeOf('nk-talks-full.txt')]);
    if (!built) throw new Error('no view');
    expect(() => assertValidView(timelineOfWrites(built.index, built.writes))).not.toThrow();
  });

  it('accepts the whole timeline after compact adds articles to a view, then removes one', () => {
    expect(() => assertValidView(wholeOf(ADDED))).not.toThrow();
    expect(() => assertValidView(wholeOf(REMOVED))).not.toThrow();
  });

  it('accepts an empty timeline', () => {
    expect(() => assertValidView(emptyTimeline(COLLECTION, UPDATED_AT))).not.toThrow();
  });

  const eventOfDay = (t: Json, day: string): Json => t.events.find((event: Json) => event.date.start === day);
  const summaryOf = (t: Json, day: string): Json => t.summary.dates.find((date: Json) => date.date === day);

  it.each([
    // What the schema says.
    {
      name: 'a kind (a whole timeline has none)',
      breakIt: (t: Json) => {
        t.kind = 'index';
      },
      message: '(root) must NOT have additional properties ("kind")',
    },
    {
      name: "version 3's list of removed keys",
      breakIt: (t: Json) => {
        t.removed = [];
      },
      message: '(root) must NOT have additional properties ("removed")',
    },
    {
      name: 'another version',
      breakIt: (t: Json) => {
        t.version = 3;
      },
      message: '/version must be equal to constant',
    },
    {
      name: 'a collection named ".."',
      breakIt: (t: Json) => {
        t.collection = '..';
      },
      message: '/collection must NOT be valid',
    },
    {
      name: 'a collection with a control character',
      breakIt: (t: Json) => {
        t.collection = 'north\nkorea';
      },
      message: '/collection must match pattern',
    },
    {
      name: "a source with the merge's own prominence (private: in the state only)",
      breakIt: (t: Json) => {
        t.events[0].sources[0].prominence = 1;
      },
      message: '/events/0/sources/0 must NOT have additional properties ("prominence")',
    },
    {
      name: 'an unknown reference source',
      breakIt: (t: Json) => {
        t.articles[0].reference.source = 'guess';
      },
      message: '/articles/0/reference/source must be equal to one of the allowed values',
    },
    {
      name: 'an unknown encoding',
      breakIt: (t: Json) => {
        t.articles[0].encoding = 'latin-1';
      },
      message: '/articles/0/encoding must be equal to one of the allowed values',
    },
    {
      name: 'a malformed partition name',
      breakIt: (t: Json) => {
        t.articles[0].partitions[0] = '2018-06';
      },
      message: '/articles/0/partitions/0 must match pattern',
    },
    {
      name: 'an unknown granularity',
      breakIt: (t: Json) => {
        t.events[0].date.granularity = 'fortnight';
      },
      message: '/events/0/date/granularity must be equal to one of the allowed values',
    },
    {
      name: 'a value that does not fit its granularity',
      breakIt: (t: Json) => {
        t.events[0].date.value = '2018-11-08';
        t.events[0].date.granularity = 'month';
      },
      message: '/events/0/date/value must match pattern',
    },
    {
      name: 'a date that is not ISO',
      breakIt: (t: Json) => {
        t.events[0].date.start = '11/08/2018';
      },
      message: '/events/0/date/start must match pattern',
    },
    {
      name: 'an updatedAt without a zone',
      breakIt: (t: Json) => {
        t.updatedAt = '2018-11-08T15:00:00';
      },
      message: '/updatedAt must match pattern',
    },
    {
      name: "an id of version 3's form",
      breakIt: (t: Json) => {
        t.events[0].id = `${t.events[0].id}-2`;
      },
      message: '/events/0/id must match pattern',
    },
    {
      name: 'an unknown status',
      breakIt: (t: Json) => {
        t.events[0].status = 'rumoured';
      },
      message: '/events/0/status must be equal to one of the allowed values',
    },
    {
      name: 'a confidence above 1',
      breakIt: (t: Json) => {
        t.events[0].confidence = 1.5;
      },
      message: '/events/0/confidence must be <= 1',
    },
    {
      name: 'a title over 100 characters',
      breakIt: (t: Json) => {
        t.events[0].title = 'x'.repeat(101);
      },
      message: '/events/0/title must NOT have more than 100 characters',
    },
    {
      name: 'a negative offset',
      breakIt: (t: Json) => {
        t.events[0].sources[0].start = -1;
      },
      message: '/events/0/sources/0/start must be >= 0',
    },
    {
      name: 'an event without sources',
      breakIt: (t: Json) => {
        t.events[0].sources = [];
      },
      message: '/events/0/sources must NOT have fewer than 1 items',
    },
    {
      name: 'a summary day without events',
      breakIt: (t: Json) => {
        t.summary.dates[0].events = [];
      },
      message: '/summary/dates/0/events must NOT have fewer than 1 items',
    },
    {
      name: 'a negative salience',
      breakIt: (t: Json) => {
        t.events[0].salience = -1;
      },
      message: '/events/0/salience must be >= 0',
    },
    // What the schema cannot say.
    {
      name: 'unsorted events',
      breakIt: (t: Json) => t.events.reverse(),
      message: '/events/1: out of order',
    },
    {
      name: 'events of one day not in id order',
      breakIt: (t: Json) => {
        const first = t.events.findIndex((event: Json) => event.date.start === BUSY_DAY);
        t.events.splice(first, 2, t.events[first + 1], t.events[first]);
      },
      message: 'out of order',
    },
    {
      name: 'a start after the end',
      breakIt: (t: Json) => {
        t.events[0].date.start = '2018-12-31';
      },
      message: '/events/0/date: start 2018-12-31 is after end',
    },
    {
      name: 'a day date that covers more than its day',
      breakIt: (t: Json) => {
        eventOfDay(t, '2018-11-08').date.end = '2018-11-09';
      },
      message: 'a day date covers 2018-11-08..2018-11-09, not 2018-11-08',
    },
    {
      name: 'duplicate event ids',
      breakIt: (t: Json) => {
        t.events[1].id = t.events[0].id;
      },
      message: '/events/1/id:',
    },
    {
      name: 'offsets that do not match the source text',
      breakIt: (t: Json) => {
        t.events[0].sources[0].end += 1;
      },
      message: '/events/0/sources/0: end - start is',
    },
    {
      name: 'offsets that do not match the date words',
      breakIt: (t: Json) => {
        t.events[0].sources[0].date.end += 1;
      },
      message: '/events/0/sources/0/date: end - start is',
    },
    {
      name: 'date words outside their sentence',
      breakIt: (t: Json) => {
        const { date, text } = t.events[0].sources[0];
        date.start += text.length;
        date.end += text.length;
      },
      message: 'is outside the sentence',
    },
    {
      name: 'sources not in article order',
      breakIt: (t: Json) => eventOfDay(t, SHARED_DAY).sources.reverse(),
      message: 'out of order, sources are sorted by article, then offset',
    },
    {
      name: 'a source naming an article the timeline does not list',
      breakIt: (t: Json) => {
        t.articles = t.articles.filter((article: Json) => article.key !== SHORT);
      },
      message: `a source names ${SHORT}, which is not in articles`,
    },
    {
      name: "sources whose title is not their article's",
      breakIt: (t: Json) => {
        t.articles.find((article: Json) => article.key === SHORT).title = 'Another headline';
      },
      message: `of ${SHORT}, its entry {"title":"Another headline"}`,
    },
    {
      name: 'sources with a url their article does not have',
      breakIt: (t: Json) => {
        for (const event of t.events)
          for (const source of event.sources)
            if (source.article === SHORT) source.url = 'https://example.com/a';
      },
      message: `of ${SHORT}, its entry {"title"`,
    },
    {
      name: 'two sources of one article with different published days',
      breakIt: (t: Json) => {
        eventOfDay(t, SHARED_DAY).sources[1].published = '2018-11-09';
      },
      message: 'another source',
    },
    {
      name: 'two sources of one article with different titles',
      breakIt: (t: Json) => {
        eventOfDay(t, BUSY_DAY).sources[0].title = 'Another headline';
      },
      message: `of ${FULL}, another source`,
    },
    {
      name: 'unsorted articles',
      breakIt: (t: Json) => t.articles.reverse(),
      message: '/articles/1: out of order',
    },
    {
      name: 'an article listed twice',
      breakIt: (t: Json) => {
        t.articles[1] = t.articles[0];
      },
      message: `/articles/1: ${FULL} is listed twice`,
    },
    {
      name: 'an article counting other than its sources',
      breakIt: (t: Json) => {
        t.articles[0].events += 1;
      },
      message: '/articles/0/events:',
    },
    {
      name: 'an article missing a partition its sources are in',
      breakIt: (t: Json) => t.articles[0].partitions.pop(),
      message: '/articles/0/partitions:',
    },
    {
      name: 'an unsorted summary',
      breakIt: (t: Json) => t.summary.dates.reverse(),
      message: '/summary/dates/1: out of order',
    },
    {
      name: 'a summary day listed twice',
      breakIt: (t: Json) => {
        t.summary.dates[1] = t.summary.dates[0];
      },
      message: '/summary/dates/1: 2018-11-02 is listed twice',
    },
    {
      name: "a summary day's events not the most salient first",
      breakIt: (t: Json) => summaryOf(t, BUSY_DAY).events.reverse(),
      message: 'the most salient events of 2018-11-07 are',
    },
    {
      name: 'a summary day missing one of its events',
      breakIt: (t: Json) => summaryOf(t, BUSY_DAY).events.pop(),
      message: 'the most salient events of 2018-11-07 are',
    },
  ])('rejects $name', ({ breakIt, message }) => {
    const timeline = structuredClone(wholeOf(SAMPLE)) as Json;
    breakIt(timeline);
    expect(() => assertValidView(timeline)).toThrow(message);
  });

  it('rejects a summary day counting other than its events', () => {
    const timeline = structuredClone(wholeOf(CHUNKED)) as Json;
    timeline.summary.dates[0].eventCount = 41;
    expect(() => assertValidView(timeline)).toThrow(
      '/summary/dates/0/eventCount: 41, but 2018-11-07 has 40 events',
    );
  });

  it('rejects a summary day of more than 10 events naming others than its 10 most salient', () => {
    const timeline = structuredClone(wholeOf(CHUNKED)) as Json;
    const [date] = timeline.summary.dates;
    const left = timeline.events.find((event: Json) => !date.events.includes(event.id));
    date.events[9] = left.id;
    expect(() => assertValidView(timeline)).toThrow('/summary/dates/0/events: [');
  });

  it('lists every schema error, not only the first', () => {
    const timeline = structuredClone(wholeOf(SAMPLE)) as Json;
    delete timeline.collection;
    timeline.events[0].extra = true;
    expect(() => assertValidView(timeline)).toThrow(
      /required property 'collection'[\s\S]*\/events\/0 must NOT have additional properties/,
    );
  });

  it('lists every invariant broken, not only the first', () => {
    const timeline = structuredClone(wholeOf(SAMPLE)) as Json;
    timeline.articles.reverse();
    timeline.events[1].id = timeline.events[0].id;
    expect(() => assertValidView(timeline)).toThrow(/\/articles\/1: out of order[\s\S]*\/events\/1\/id:/);
  });
});

describe('assertValidViewDocument', () => {
  it('accepts the index and every document of views built by viewOfReports and by compact', () => {
    for (const view of [SAMPLE, CHUNKED, ADDED, REMOVED]) {
      expect(() => assertValidViewDocument(view.index)).not.toThrow();
      for (const body of view.documents.values())
        expect(() => assertValidViewDocument(JSON.parse(body))).not.toThrow();
    }
  });

  it('accepts an empty chunk of a partition kept in two (a chunk of one holds every event)', () => {
    const shard = shardOf(CHUNKED, BUSY_DAY, 1);
    const state = stateOf(CHUNKED, BUSY_DAY, 1);
    shard.events = [];
    state.events = [];
    state.articles = {};
    expect(() => assertValidViewDocument(shard)).not.toThrow();
    expect(() => assertValidViewDocument(state)).not.toThrow();
  });

  it.each([
    { name: 'a whole timeline (no kind)', document: () => wholeOf(SAMPLE), message: 'has kind undefined' },
    {
      name: 'an unknown kind',
      document: () => ({ ...SAMPLE.index, kind: 'indexes' }),
      message: 'has kind "indexes"',
    },
    { name: 'something not an object', document: () => null, message: 'has kind undefined' },
  ])('rejects $name', ({ document, message }) => {
    expect(() => assertValidViewDocument(document())).toThrow(`view document ${message}`);
  });

  it.each([
    {
      name: 'an index relabelled as a month table',
      document: () => ({ ...SAMPLE.index, kind: 'month' }),
      message: "(root) must have required property 'month'",
    },
    {
      name: 'a shard relabelled as a state chunk',
      document: () => ({ ...shardOf(SAMPLE, BUSY_DAY), kind: 'partition-state' }),
      message: "(root) must have required property 'articles'",
    },
    {
      name: 'a state chunk relabelled as a shard',
      document: () => ({ ...stateOf(SAMPLE, BUSY_DAY), kind: 'shard' }),
      message: "(root) must have required property 'start'",
    },
    {
      name: 'an article page relabelled as an index',
      document: () => ({ ...pageOf(SAMPLE, FULL_PAGE), kind: 'index' }),
      message: "(root) must have required property 'updatedAt'",
    },
    ...(['index', 'month', 'articles', 'shard', 'partition-state'] as const).map((kind) => ({
      name: `a ${kind} document of another version`,
      document: () => {
        const document =
          kind === 'index'
            ? structuredClone(SAMPLE.index)
            : JSON.parse(
                [...SAMPLE.documents.values()].find((body) => JSON.parse(body).kind === kind) as string,
              );
        return { ...document, version: 3 };
      },
      message: '/version must be equal to constant',
    })),
  ])('rejects $name', ({ document, message }) => {
    expect(() => assertValidViewDocument(document())).toThrow(message);
  });

  describe('an index', () => {
    it.each([
      {
        name: 'a page hash that is no content hash',
        breakIt: (t: Json) => {
          t.articles.pages[0].hash = 'page.json';
        },
        message: '/articles/pages/0/hash must match pattern',
      },
      {
        name: 'a page past the 64th',
        breakIt: (t: Json) => {
          t.articles.pages[0].page = '40';
        },
        message: '/articles/pages/0/page must match pattern',
      },
      {
        name: 'a page of no articles',
        breakIt: (t: Json) => {
          t.articles.pages[0].articles = 0;
        },
        message: '/articles/pages/0/articles must be >= 1',
      },
      {
        name: 'a negative article count',
        breakIt: (t: Json) => {
          t.articles.count = -1;
        },
        message: '/articles/count must be >= 0',
      },
      {
        name: 'a month of no events',
        breakIt: (t: Json) => {
          t.months[0].events = 0;
        },
        message: '/months/0/events must be >= 1',
      },
      {
        name: 'a month of no sources',
        breakIt: (t: Json) => {
          t.months[0].sources = 0;
        },
        message: '/months/0/sources must be >= 1',
      },
      {
        name: 'a month that is not YYYY-MM',
        breakIt: (t: Json) => {
          t.months[0].month = '2018-6';
        },
        message: '/months/0/month must match pattern',
      },
      {
        name: 'a month table hash of 16 digits (48 bits are 12)',
        breakIt: (t: Json) => {
          t.months[0].hash = `${t.months[0].hash}0000`;
        },
        message: '/months/0/hash must match pattern',
      },
      {
        name: 'a summary day of more than 10 ids',
        breakIt: (t: Json) => {
          const [date] = t.summary.dates;
          date.events = Array.from({ length: 11 }, (_, n) => `${n}`.padStart(12, '0'));
          date.eventCount = 11;
        },
        message: '/summary/dates/0/events must NOT have more than 10 items',
      },
      {
        name: 'a summary day naming fewer ids than its events, of which it has under 10',
        breakIt: (t: Json) => t.summary.dates.find((date: Json) => date.date === BUSY_DAY).events.pop(),
        message: '/summary/dates/1/events: 2 ids for a day of 3 events',
      },
      {
        name: 'a summary day of no events',
        breakIt: (t: Json) => {
          t.summary.dates[0].eventCount = 0;
        },
        message: '/summary/dates/0/eventCount must be >= 1',
      },
      {
        name: 'unsorted pages',
        breakIt: (t: Json) => t.articles.pages.reverse(),
        message: '/articles/pages/1: out of order',
      },
      {
        name: 'a page listed twice',
        breakIt: (t: Json) => {
          t.articles.pages[1] = t.articles.pages[0];
        },
        message: 'is listed twice',
      },

      {
        name: 'an article count other than the sum of the pages',
        breakIt: (t: Json) => {
          t.articles.count += 1;
        },
        message: '/articles/count: 3 but the pages list 2 articles',
      },
      {
        name: 'unsorted months',
        breakIt: (t: Json) => t.months.reverse(),
        message: '/months/1: out of order',
      },

      {
        name: 'a month with fewer sources than events',
        breakIt: (t: Json) => {
          t.months[1].sources = t.months[1].events - 1;
        },
        message: '/months/1/sources:',
      },
      {
        name: 'an unsorted summary',
        breakIt: (t: Json) => t.summary.dates.reverse(),
        message: '/summary/dates/1: out of order',
      },
      {
        name: 'a summary day listed twice',
        breakIt: (t: Json) => {
          t.summary.dates[1] = t.summary.dates[0];
        },
        message: 'is listed twice',
      },
      {
        name: 'a summary day listing an id twice',
        breakIt: (t: Json) => {
          const { events } = t.summary.dates.find((date: Json) => date.date === BUSY_DAY);
          events[1] = events[0];
        },
        message: 'an id is listed twice',
      },
      {
        name: 'a summary day in no month of the index',
        breakIt: (t: Json) => {
          t.summary.dates.at(-1).date = '2018-12-09';
          t.summary.dates.at(-1).salience = 0;
        },
        message: '2018-12-09 is in no month of the index',
      },
    ])('rejects $name', ({ breakIt, message }) => {
      const index = structuredClone(SAMPLE.index) as Json;
      breakIt(index);
      expect(() => assertValidViewDocument(index)).toThrow(message);
    });
  });

  describe('a month table', () => {
    const partitionOf = (t: Json, name: string): Json =>
      t.partitions.find((entry: Json) => entry.partition === name);
    it.each([
      {
        name: 'without partitions (a month without is deleted, not written)',
        breakIt: (t: Json) => {
          t.partitions = [];
        },
        message: '/partitions must NOT have fewer than 1 items',
      },
      {
        name: 'a partition without events',
        breakIt: (t: Json) => {
          t.partitions[0].events = 0;
        },
        message: '/partitions/0/events must be >= 1',
      },
      {
        name: 'a partition without sources',
        breakIt: (t: Json) => {
          t.partitions[0].sources = 0;
        },
        message: '/partitions/0/sources must be >= 1',
      },
      {
        name: 'a negative salience',
        breakIt: (t: Json) => {
          partitionOf(t, SHARED_DAY).salience = -1;
        },
        message: 'salience must be >= 0',
      },
      {
        name: 'a malformed partition name',
        breakIt: (t: Json) => {
          t.partitions[0].partition = '2018-11';
        },
        message: '/partitions/0/partition must match pattern',
      },
      {
        name: 'a partition in no public chunk',
        breakIt: (t: Json) => {
          t.partitions[0].shards = [];
        },
        message: '/partitions/0/shards must NOT have fewer than 1 items',
      },
      {
        name: 'a partition in no state chunk',
        breakIt: (t: Json) => {
          t.partitions[0].states = [];
        },
        message: '/partitions/0/states must NOT have fewer than 1 items',
      },
      {
        name: 'a chunk hash that is no content hash',
        breakIt: (t: Json) => {
          t.partitions[0].states[0] = 'state.json';
        },
        message: '/partitions/0/states/0 must match pattern',
      },
      {
        name: 'unsorted partitions',
        breakIt: (t: Json) => t.partitions.reverse(),
        message: '/partitions/1: out of order',
      },
      {
        name: 'a partition listed twice',
        breakIt: (t: Json) => {
          t.partitions[1] = t.partitions[0];
        },
        message: '/partitions/1: 2018-11-02 is listed twice',
      },
      {
        name: 'a partition starting in another month',
        breakIt: (t: Json) => {
          t.month = '2018-10';
        },
        message: 'starts in 2018-11, not 2018-10',
      },
      {
        name: "a partition whose start and end are not its name's",
        breakIt: (t: Json) => {
          partitionOf(t, '2018-11-03..2018-11-04').end = '2018-11-05';
        },
        message: 'is not the span of 2018-11-03..2018-11-04',
      },
      {
        name: 'a period partition of one day',
        breakIt: (t: Json) => {
          partitionOf(t, '2018-11-03..2018-11-04').partition = '2018-11-03..2018-11-03';
        },
        message: 'is a period whose start is not before its end',
      },
      {
        name: 'a day partition without salience',
        breakIt: (t: Json) => delete partitionOf(t, SHARED_DAY).salience,
        message: 'salience: missing for a day',
      },
      {
        name: 'a period partition with a salience',
        breakIt: (t: Json) => {
          partitionOf(t, '2018-11-03..2018-11-04').salience = 1;
        },
        message: 'salience: given for a period',
      },
      {
        name: 'fewer sources than events',
        breakIt: (t: Json) => {
          partitionOf(t, BUSY_DAY).sources = 2;
        },
        message: 'sources: 2 sources for 3 events',
      },
      {
        name: 'as many public chunks as state chunks',
        breakIt: (t: Json) => partitionOf(t, BUSY_DAY).shards.push('0123456789ab'),
        message: '2 public chunks but 1 state chunks',
      },
      {
        name: 'a number of chunks not a power of two',
        breakIt: (t: Json) => {
          const entry = partitionOf(t, BUSY_DAY);
          entry.shards = [entry.shards[0], entry.shards[0], entry.shards[0]];
          entry.states = [entry.states[0], entry.states[0], entry.states[0]];
        },
        message: 'states: 3 chunks, not a power of two',
      },
    ])('rejects $name', ({ breakIt, message }) => {
      const table = structuredClone(tableOf(SAMPLE, '2018-11')) as Json;
      breakIt(table);
      expect(() => assertValidViewDocument(table)).toThrow(message);
    });
  });

  describe('an article page', () => {
    const otherArticle = (t: Json): Json => ({ ...t.articles[0], key: keyOnPageOf(t.articles[0].key) });
    it.each([
      {
        name: 'without articles (an empty page is deleted, not written)',
        breakIt: (t: Json) => {
          t.articles = [];
        },
        message: '/articles must NOT have fewer than 1 items',
      },
      {
        name: 'an article of an unknown format',
        breakIt: (t: Json) => {
          t.articles[0].format = 'pdf';
        },
        message: '/articles/0/format must be equal to one of the allowed values',
      },
      {
        name: "an article with version 3's sequencer",
        breakIt: (t: Json) => {
          t.articles[0].sequencer = '1A';
        },
        message: '/articles/0 must NOT have additional properties ("sequencer")',
      },
      {
        name: 'a page past the 64th',
        breakIt: (t: Json) => {
          t.page = '40';
        },
        message: '/page must match pattern',
      },
      {
        name: 'an article on another page than its key hashes to',
        breakIt: (t: Json) => {
          t.page = t.page === '00' ? '01' : '00';
        },
        message: `${FULL} belongs on page ${FULL_PAGE}`,
      },
      {
        name: 'unsorted articles',
        breakIt: (t: Json) => {
          t.articles = [otherArticle(t), t.articles[0]].sort((a, b) => (a.key < b.key ? 1 : -1));
        },
        message: '/articles/1: out of order',
      },
      {
        name: 'an article listed twice',
        breakIt: (t: Json) => t.articles.push(t.articles[0]),
        message: `/articles/1: ${FULL} is listed twice`,
      },
      {
        name: 'unsorted partitions of an article',
        breakIt: (t: Json) => t.articles[0].partitions.reverse(),
        message: '/articles/0/partitions/1: out of order',
      },
      {
        name: 'a period partition of one day in an article',
        breakIt: (t: Json) => {
          t.articles[0].partitions[0] = '2018-06-01..2018-06-01';
        },
        message: '/articles/0/partitions/0: 2018-06-01..2018-06-01 is a period',
      },
      {
        name: 'more partitions than events',
        breakIt: (t: Json) => {
          t.articles[0].events = 1;
        },
        message: '/articles/0: 8 partitions for 1 events',
      },
      {
        name: 'events in no partition',
        breakIt: (t: Json) => {
          t.articles[0].partitions = [];
        },
        message: '/articles/0: 10 events in no partition',
      },
    ])('rejects $name', ({ breakIt, message }) => {
      const page = structuredClone(pageOf(SAMPLE, FULL_PAGE)) as Json;
      breakIt(page);
      expect(() => assertValidViewDocument(page)).toThrow(message);
    });
  });

  describe('a shard', () => {
    it.each([
      {
        name: 'the only chunk of its partition, without events',
        breakIt: (t: Json) => {
          t.events = [];
        },
        message: '/events must NOT have fewer than 1 items',
      },
      {
        name: 'a negative chunk',
        breakIt: (t: Json) => {
          t.chunk = -1;
        },
        message: '/chunk must be >= 0',
      },
      {
        name: 'no chunks',
        breakIt: (t: Json) => {
          t.chunks = 0;
        },
        message: '/chunks must be >= 1',
      },
      {
        name: "a source with the merge's own reading (private: in the state only)",
        breakIt: (t: Json) => {
          t.events[0].sources[0].reading = { ...t.events[0] };
        },
        message: '/events/0/sources/0 must NOT have additional properties ("reading")',
      },
      {
        name: "start and end other than its partition's",
        breakIt: (t: Json) => {
          t.end = '2018-11-08';
        },
        message: '(root): 2018-11-07..2018-11-08 is not the span of 2018-11-07',
      },
      {
        name: 'an event dated outside its partition',
        breakIt: (t: Json) => {
          t.events[2].date = {
            value: '2018-11-08',
            start: '2018-11-08',
            end: '2018-11-08',
            granularity: 'day',
          };
        },
        message: "/events/2/date: 2018-11-08..2018-11-08 is not the partition's span 2018-11-07..2018-11-07",
      },
      {
        name: 'an event of a longer period than its partition',
        breakIt: (t: Json) => {
          t.events[0].date = {
            value: '2018-W45',
            start: '2018-11-05',
            end: '2018-11-11',
            granularity: 'week',
          };
        },
        message: "/events/0/date: 2018-11-05..2018-11-11 is not the partition's span",
      },
      {
        name: 'events not in id order',
        breakIt: (t: Json) => t.events.reverse(),
        message: '/events/1: out of order',
      },
      {
        name: 'duplicate event ids',
        breakIt: (t: Json) => {
          t.events[2].id = t.events[0].id;
        },
        message: '/events/2/id:',
      },
      {
        name: 'offsets that do not match the source text',
        breakIt: (t: Json) => {
          t.events[1].sources[0].start -= 1;
        },
        message: '/events/1/sources/0: end - start is',
      },
      {
        name: 'two sources of one article with different titles',
        breakIt: (t: Json) => {
          t.events[1].sources[0].title = 'Another headline';
        },
        message: `/events/1/sources/0: says {"published":"2018-11-08","title":"Another headline"} of ${FULL}`,
      },
      {
        name: 'a chunk number not below the number of chunks',
        breakIt: (t: Json) => {
          t.chunk = 1;
        },
        message: '/chunk: 1 is not below chunks (1)',
      },
      {
        name: 'a number of chunks not a power of two',
        breakIt: (t: Json) => {
          t.chunks = 3;
        },
        message: '/chunks: 3 is not a power of two',
      },
    ])('rejects $name', ({ breakIt, message }) => {
      const shard = structuredClone(shardOf(SAMPLE, BUSY_DAY)) as Json;
      breakIt(shard);
      expect(() => assertValidViewDocument(shard)).toThrow(message);
    });

    it('rejects an event in another chunk than its id hashes to', () => {
      const [first, second] = [shardOf(CHUNKED, BUSY_DAY, 0), shardOf(CHUNKED, BUSY_DAY, 1)];
      first.events = [...first.events, second.events[0]].sort((a: Json, b: Json) => (a.id < b.id ? -1 : 1));
      expect(() => assertValidViewDocument(first)).toThrow(`${second.events[0].id} belongs in chunk 1 of 2`);
    });
  });

  describe('a state chunk', () => {
    it.each([
      {
        name: 'a source without its reading',
        breakIt: (t: Json) => delete t.events[0].sources[0].reading,
        message: "/events/0/sources/0 must have required property 'reading'",
      },
      {
        name: 'a reading with an extra field',
        breakIt: (t: Json) => {
          t.events[0].sources[0].reading.salience = 1;
        },
        message: '/events/0/sources/0/reading must NOT have additional properties ("salience")',
      },
      {
        name: 'a prominence above 1',
        breakIt: (t: Json) => {
          t.events[0].sources[0].prominence = 1.5;
        },
        message: '/events/0/sources/0/prominence must be <= 1',
      },
      {
        name: "an article's extra field",
        breakIt: (t: Json) => {
          t.articles[FULL].etag = '"x"';
        },
        message: 'must NOT have additional properties ("etag")',
      },
      {
        name: 'an article with an empty title',
        breakIt: (t: Json) => {
          t.articles[FULL].title = '';
        },
        message: 'title must NOT have fewer than 1 characters',
      },
      {
        name: 'an article with an empty key',
        breakIt: (t: Json) => {
          t.articles[''] = {};
        },
        message: '/articles must NOT have fewer than 1 characters',
      },
      {
        name: 'the only chunk of its partition, without events',
        breakIt: (t: Json) => {
          t.events = [];
        },
        message: '/events must NOT have fewer than 1 items',
      },
      {
        name: 'a reading dated in another partition',
        breakIt: (t: Json) => {
          t.events[0].sources[1].reading.date = {
            value: '2018-11-01',
            start: '2018-11-01',
            end: '2018-11-01',
            granularity: 'day',
          };
        },
        message: '/events/0/sources/1/reading/date: in partition 2018-11-01, not 2018-11-02',
      },
      {
        name: 'a reading whose start is after its end',
        breakIt: (t: Json) => {
          t.events[0].sources[1].reading.date = {
            value: '2018-11',
            start: '2018-11-30',
            end: '2018-11-01',
            granularity: 'month',
          };
        },
        message: '/events/0/sources/1/reading/date: start 2018-11-30 is after end 2018-11-01',
      },
      {
        name: "an event dated other than all of its sources' readings",
        breakIt: (t: Json) => {
          t.events[0].date = { ...t.events[0].date, value: '2018-11-02TMO', granularity: 'time' };
        },
        message: "/events/0/date: not the date of any of its sources' readings",
      },
      {
        name: 'an event dated outside its partition',
        breakIt: (t: Json) => {
          t.events[0].date = {
            value: '2018-11',
            start: '2018-11-01',
            end: '2018-11-30',
            granularity: 'month',
          };
        },
        message: "/events/0/date: 2018-11-01..2018-11-30 is not the partition's span 2018-11-02..2018-11-02",
      },
      {
        name: 'an article with sources here missing from articles',
        breakIt: (t: Json) => delete t.articles[SHORT],
        message: `/articles: ${SHORT} is missing`,
      },
      {
        name: 'an article without sources here in articles',
        breakIt: (t: Json) => {
          t.articles['articles/elsewhere.txt'] = {};
        },
        message: '/articles: articles/elsewhere.txt has no source here',
      },
      {
        name: 'articles not in key order',
        breakIt: (t: Json) => {
          t.articles = { [SHORT]: t.articles[SHORT], [FULL]: t.articles[FULL] };
        },
        message: '/articles/1: out of order',
      },
      {
        name: 'two sources of one article with different published days',
        breakIt: (t: Json) => {
          const other = structuredClone(t.events[0].sources[0]);
          other.published = '2018-11-09';
          other.start += 1;
          other.end += 1;
          other.date.start += 1;
          other.date.end += 1;
          t.events[0].sources.splice(1, 0, other);
        },
        message: `says {"published":"2018-11-09"} of ${FULL}, another source`,
      },
      {
        name: 'a number of chunks not a power of two',
        breakIt: (t: Json) => {
          t.chunks = 3;
        },
        message: '/chunks: 3 is not a power of two',
      },
    ])('rejects $name', ({ breakIt, message }) => {
      const state = structuredClone(stateOf(SAMPLE, SHARED_DAY)) as Json;
      breakIt(state);
      expect(() => assertValidViewDocument(state)).toThrow(message);
    });

    it('rejects an event in another chunk than its id hashes to', () => {
      const [first, second] = [stateOf(CHUNKED, BUSY_DAY, 0), stateOf(CHUNKED, BUSY_DAY, 1)];
      first.events = [...first.events, second.events[0]].sort((a: Json, b: Json) => (a.id < b.id ? -1 : 1));
      expect(() => assertValidViewDocument(first)).toThrow(`${second.events[0].id} belongs in chunk 1 of 2`);
    });
  });
});

/**
 * `view` with one stored document changed and stored again under its new content key, and the
 * documents that point at it (month table, index) updated to the new key: only the change breaks it.
 */
function rewritten(
  view: StoredView,
  target:
    | { page: string }
    | { month: string }
    | { partition: string; chunk: number; kind: 'shard' | 'state' },
  change: (document: Json) => void,
): StoredView {
  const documents = new Map(view.documents);
  const index = structuredClone(view.index) as Json;
  /** Changes the document at `key` and stores it under the key of its new hash, which it returns. */
  const restore = (
    key: string,
    keyOf: (hash: string) => string,
    changeIt: (document: Json) => void,
  ): string => {
    const document = JSON.parse(documents.get(key) as string);
    changeIt(document);
    const body = JSON.stringify(document);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    documents.delete(key);
    documents.set(keyOf(hash), body);
    return hash;
  };
  const rewriteTable = (month: string, changeTable: (table: Json) => void) => {
    const entry = index.months.find((listed: Json) => listed.month === month);
    const keyOf = (hash: string) => monthTableKeyOf(COLLECTION, month, hash);
    entry.hash = restore(keyOf(entry.hash), keyOf, changeTable);
  };
  if ('page' in target) {
    const entry = index.articles.pages.find((listed: Json) => listed.page === target.page);
    const keyOf = (hash: string) => articlePageKeyOf(COLLECTION, target.page, hash);
    entry.hash = restore(keyOf(entry.hash), keyOf, change);
  } else if ('month' in target) rewriteTable(target.month, change);
  else
    rewriteTable(monthOf(target.partition), (table) => {
      const entry = table.partitions.find((listed: Json) => listed.partition === target.partition);
      const hashes = entry[target.kind === 'shard' ? 'shards' : 'states'];
      const keyOf = (hash: string) =>
        (target.kind === 'shard' ? shardKeyOf : stateKeyOf)(COLLECTION, target.partition, target.chunk, hash);
      hashes[target.chunk] = restore(keyOf(hashes[target.chunk]), keyOf, change);
    });
  return { index, documents };
}

describe('assertValidStoredView', () => {
  const check = (view: StoredView) => assertValidStoredView(view.index, (key) => view.documents.get(key));

  it('accepts views built by viewOfReports and by compact, article by article', () => {
    for (const view of [SAMPLE, CHUNKED, ADDED, REMOVED]) expect(() => check(view)).not.toThrow();
  });

  it('accepts a rewritten document that changes nothing', () => {
    expect(() => check(rewritten(SAMPLE, { month: '2018-11' }, () => {}))).not.toThrow();
  });

  it.each([
    {
      name: 'an index breaking its own rules',
      breakIt: (view: StoredView) => ({ ...view, index: { ...view.index, kind: 'month' } as Json }),
      message: 'view document (month) does not match',
    },
    {
      name: 'a missing shard',
      breakIt: (view: StoredView) => {
        const documents = new Map(view.documents);
        documents.delete(shardKeysOf(COLLECTION, entryOf(view, BUSY_DAY))[0] as string);
        return { ...view, documents };
      },
      message: `${BUSY_DAY}.0.`,
    },
    {
      name: 'a document not named by its content',
      breakIt: (view: StoredView) => {
        const documents = new Map(view.documents);
        const key = shardKeysOf(COLLECTION, entryOf(view, BUSY_DAY))[0] as string;
        const shard = JSON.parse(documents.get(key) as string);
        documents.set(key, JSON.stringify(shard, null, 2));
        return { ...view, documents };
      },
      message: 'is not named by its content',
    },
    {
      name: 'a document that breaks its own rules',
      breakIt: (view: StoredView) =>
        rewritten(view, { partition: BUSY_DAY, chunk: 0, kind: 'shard' }, (shard) => shard.events.reverse()),
      message: '/events/1: out of order',
    },
    {
      name: 'a page of another kind under a page key',
      breakIt: (view: StoredView) => {
        const documents = new Map(view.documents);
        const [page, month] = [view.index.articles.pages[0], view.index.months[0]];
        documents.set(
          articlePageKeyOf(COLLECTION, page?.page as string, page?.hash as string),
          documents.get(monthTableKeyOf(COLLECTION, month?.month as string, month?.hash as string)) as string,
        );
        return { ...view, documents };
      },
      message: 'is of kind month, not articles',
    },
    {
      name: 'a month table of another collection',
      breakIt: (view: StoredView) =>
        rewritten(view, { month: '2018-11' }, (table) => {
          table.collection = 'south-korea';
        }),
      message: 'is of collection south-korea, not north-korea',
    },
    {
      name: "a month table of another month's",
      breakIt: (view: StoredView) =>
        rewritten(view, { month: '2018-06' }, (table) => {
          table.month = '2018-05';
          table.partitions[0].partition = '2018-05-01..2018-05-31';
          table.partitions[0].start = '2018-05-01';
          table.partitions[0].end = '2018-05-31';
        }),
      message: 'is the table of 2018-05',
    },
    {
      name: 'a page that is another page',
      breakIt: (view: StoredView) =>
        rewritten(view, { page: FULL_PAGE }, (page) => {
          page.articles = [{ ...page.articles[0], key: keyOnPageOf('articles/x.txt') }];
          page.page = articlePageOf('articles/x.txt');
        }),
      message: `is page ${articlePageOf('articles/x.txt')}`,
    },
    {
      name: 'an index page count other than its page lists',
      breakIt: (view: StoredView) => {
        const index = structuredClone(view.index) as Json;
        index.articles.pages[0].articles += 1;
        index.articles.count += 1;
        return { ...view, index };
      },
      message: '/articles/pages/0/articles: 2, the page lists 1',
    },
    {
      name: 'an index month counting other than its table',
      breakIt: (view: StoredView) => {
        const index = structuredClone(view.index) as Json;
        index.months[0].events += 1;
        index.months[0].sources += 1;
        return { ...view, index };
      },
      message: '/months/0: 2 events and 3 sources, its table 1 and 2',
    },
    {
      name: 'a partition counting other than its shards',
      breakIt: (view: StoredView) =>
        rewritten(view, { month: '2018-11' }, (table) => {
          const entry = table.partitions.find((listed: Json) => listed.partition === BUSY_DAY);
          entry.events += 1;
          entry.sources += 1;
        }),
      message: '4 events and 4 sources, its shards 3 and 3',
    },
    {
      name: "a shard of another partition under a partition's key",
      breakIt: (view: StoredView) => {
        const documents = new Map(view.documents);
        const [here, other] = [BUSY_DAY, SHARED_DAY].map(
          (partition) => shardKeysOf(COLLECTION, entryOf(view, partition))[0] as string,
        );
        documents.set(here as string, documents.get(other as string) as string);
        return { ...view, documents };
      },
      message: 'is chunk 0 of 1 of 2018-11-02, not 0 of 1 of 2018-11-07',
    },
    {
      name: 'a shard that is not the public face of its state chunk',
      breakIt: (view: StoredView) =>
        rewritten(view, { partition: BUSY_DAY, chunk: 0, kind: 'shard' }, (shard) => {
          shard.events[0].title = 'Another title';
        }),
      message: 'is not the public face of',
    },
    {
      name: "a state chunk whose article title is not the shard's",
      breakIt: (view: StoredView) =>
        rewritten(view, { partition: SHARED_DAY, chunk: 0, kind: 'state' }, (state) => {
          state.articles[SHORT].title = 'Another headline';
        }),
      message: 'is not the public face of',
    },
    {
      name: 'a summary that leaves out the most salient day',
      breakIt: (view: StoredView) => {
        const index = structuredClone(view.index) as Json;
        index.summary.dates.shift();
        return { ...view, index };
      },
      message: '/summary/dates/0: {"date":"2018-11-07"',
    },
    {
      name: "a summary day whose salience is not its partition's",
      breakIt: (view: StoredView) => {
        const index = structuredClone(view.index) as Json;
        index.summary.dates[0].salience += 1;
        return { ...view, index };
      },
      message: 'the day ranked 1 of the tables is {"date":"2018-11-02"',
    },
    {
      name: 'a summary day naming an event of another day',
      breakIt: (view: StoredView) => {
        const index = structuredClone(view.index) as Json;
        const [first, second] = index.summary.dates;
        second.events[0] = first.events[0];
        return { ...view, index };
      },
      message: 'the day ranked 2 of the tables',
    },
    {
      name: 'an empty summary of a view with days',
      breakIt: (view: StoredView) => ({
        ...view,
        index: { ...view.index, summary: { dates: [] } },
      }),
      message: '/summary/dates: empty, but the tables have 5 days',
    },
    {
      name: 'a whole timeline breaking its rules',
      breakIt: (view: StoredView) =>
        rewritten(view, { page: FULL_PAGE }, (page) => {
          page.articles[0].events += 1;
        }),
      message: 'timeline breaks its invariants:\n  /articles/0/events: 11',
    },
  ])('rejects $name', ({ breakIt, message }) => {
    expect(() => check(breakIt(SAMPLE))).toThrow(message);
  });
});
