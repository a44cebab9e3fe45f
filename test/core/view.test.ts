import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DatedEvent, EventDate } from '../../src/core/events.ts';
import { extractEvents } from '../../src/core/events.ts';
import { partitionOf } from '../../src/core/merge.ts';
import { reportOf } from '../../src/core/report.ts';
import { articlePageOf, timelineOfWrites, viewOfReports, type WholeTimeline } from '../../src/core/view.ts';
import { parseFixture } from '../support/fixtures.ts';
import { changeOf, MemoryView, reportWith, UPDATED_AT } from '../support/memory-view.ts';
import { assertValidView } from '../support/validate-timeline.ts';
import { viewContent } from '../support/view-content.ts';

const COLLECTION = 'north-korea';
const A = 'articles/a.txt';
const B = 'articles/b.txt';
const C = 'articles/c.txt';
// Publication days: B and C come out after A.
const PUBLISHED: Record<string, string> = { [A]: '2018-11-08', [B]: '2018-11-09', [C]: '2018-11-10' };

const day = (value: string): EventDate => ({ value, start: value, end: value, granularity: 'day' });

/** A sentence of `article` that reports something on `date`, dated by the words `dateText`. */
function reported(
  article: string,
  sentence: string,
  dateText: string,
  date: string | EventDate,
  offset = 0,
): DatedEvent {
  const dateStart = offset + sentence.indexOf(dateText);
  return {
    date: typeof date === 'string' ? day(date) : date,
    title: sentence,
    actors: [...new Set(sentence.match(/\b[A-Z][a-z]+\b/g) ?? [])],
    status: 'reported',
    confidence: 0.9,
    source: {
      article,
      published: PUBLISHED[article] ?? '2018-11-08',
      text: sentence,
      start: offset,
      end: offset + sentence.length,
      prominence: 0.5,
      date: { text: dateText, start: dateStart, end: dateStart + dateText.length },
    },
  };
}

/** The view after each article in turn (one compaction each), checked against the schema. */
function built(
  ...articles: ReadonlyArray<readonly [string, readonly DatedEvent[] | undefined]>
): WholeTimeline {
  const view = new MemoryView(COLLECTION);
  for (const [key, events] of articles) view.apply([changeOf(reportWith(COLLECTION, key, events))]);
  const timeline = view.timeline() ?? emptyOf();
  assertValidView(timeline);
  return timeline;
}
const emptyOf = (): WholeTimeline => ({
  version: 4,
  collection: COLLECTION,
  updatedAt: UPDATED_AT,
  articles: [],
  events: [],
  summary: { dates: [] },
});
/** A source as the view shows it. */
const shown = (event: DatedEvent) => ({
  article: event.source.article,
  published: event.source.published,
  text: event.source.text,
  start: event.source.start,
  end: event.source.end,
  date: event.source.date,
});

const TRUMP_A = reported(
  A,
  'Trump told reporters Wednesday the talks with North Korea were going fine.',
  'Wednesday',
  '2018-11-07',
);
const TRUMP_B = reported(
  B,
  'Trump told reporters on Wednesday that talks with North Korea are going fine.',
  'Wednesday',
  '2018-11-07',
  120,
);
const PALLADINO_B = reported(
  B,
  'Palladino called the canceled meeting a scheduling issue Wednesday.',
  'Wednesday',
  '2018-11-07',
  300,
);
const KCNA_A = reported(
  A,
  'KCNA said November 2 that North Korea would not move.',
  'November 2',
  '2018-11-02',
  200,
);
const DUNFORD_A = reported(
  A,
  'Dunford hinted Monday that troops could leave the peninsula.',
  'Monday',
  '2018-11-05',
  400,
);

describe('merging reports into events', () => {
  it('merges two reports of the same day in similar words into one event with two sources', () => {
    const timeline = built([A, [TRUMP_A]], [B, [TRUMP_B]]);
    expect(timeline.events).toHaveLength(1);
    expect(timeline.events[0]?.sources).toEqual([shown(TRUMP_A), shown(TRUMP_B)]);
  });

  it('keeps two reports of the same day in different words apart', () => {
    const timeline = built([A, [TRUMP_A]], [B, [PALLADINO_B]]);
    expect(timeline.events.map((event) => event.sources.map((source) => source.text)).sort()).toEqual([
      [PALLADINO_B.source.text],
      [TRUMP_A.source.text],
    ]);
  });

  it('keeps the same words on different days apart', () => {
    const elsewhere = reported(
      B,
      TRUMP_B.source.text.replace('Wednesday', 'Tuesday'),
      'Tuesday',
      '2018-11-06',
    );
    const timeline = built([A, [TRUMP_A]], [B, [elsewhere]]);
    expect(timeline.events.map((event) => event.date.value)).toEqual(['2018-11-06', '2018-11-07']);
  });

  it('sorts events by date and articles by key', () => {
    const timeline = built([B, [PALLADINO_B]], [A, [DUNFORD_A, KCNA_A]]);
    expect(timeline.events.map((event) => event.date.value)).toEqual([
      '2018-11-02',
      '2018-11-05',
      '2018-11-07',
    ]);
    expect(timeline.articles.map((article) => article.key)).toEqual([A, B]);
  });

  it('keeps the id and title of an event when a second source joins it', () => {
    const first = built([A, [TRUMP_A]]);
    const joined = built([A, [TRUMP_A]], [B, [TRUMP_B]]);
    expect(joined.events[0]?.id).toBe(first.events[0]?.id);
    expect(joined.events[0]?.title).toBe(first.events[0]?.title);
  });

  it('keeps the id of an event when an earlier-published article (whose key also sorts first) joins it later', () => {
    const late = built([B, [TRUMP_B]]);
    const joined = built([B, [TRUMP_B]], [A, [TRUMP_A]]);
    expect(joined.events).toHaveLength(1);
    expect(joined.events[0]?.id).toBe(late.events[0]?.id);
    // Built at once, the event is named after its first report: A's.
    expect(built([A, [TRUMP_A]], [B, [TRUMP_B]]).events[0]?.id).not.toBe(late.events[0]?.id);
  });

  it('replaces an article that is added again instead of adding its events twice', () => {
    const once = built([A, [TRUMP_A, KCNA_A]], [B, [TRUMP_B]]);
    const twice = built([A, [TRUMP_A, KCNA_A]], [B, [TRUMP_B]], [A, [TRUMP_A, KCNA_A]]);
    expect(twice).toEqual(once);
    expect(twice.articles.filter((article) => article.key === A)).toHaveLength(1);
  });

  it('changes nothing, writing nothing, for a report already merged', () => {
    const view = new MemoryView(COLLECTION);
    const change = changeOf(reportWith(COLLECTION, A, [TRUMP_A]));
    expect(view.apply([change])).toBe('changed');
    expect(view.apply([change])).toBe('unchanged');
  });

  it("drops an article's old events when it is added again with new ones", () => {
    const after = built([A, [TRUMP_A, KCNA_A]], [B, [TRUMP_B]], [A, [DUNFORD_A]]);
    expect(
      after.events.map((event) => [event.date.value, event.sources.map((source) => source.article)]),
    ).toEqual([
      ['2018-11-05', [A]],
      ['2018-11-07', [B]],
    ]);
  });

  it("names an event's status after its latest report, and its actors after all", () => {
    const planned = { ...TRUMP_A, status: 'planned' as const, actors: ['Trump', 'Pompeo'] };
    const cancelled = { ...TRUMP_B, status: 'cancelled' as const, actors: ['Pompeo'] };
    const timeline = built([A, [planned]], [B, [cancelled]]);
    expect(timeline.events).toHaveLength(1);
    expect(timeline.events[0]).toMatchObject({
      status: 'cancelled',
      actors: ['Pompeo', 'Trump'],
      confidence: 0.99,
    });
  });

  it('gives an event the time of day of a report that has one (a time is in its day’s partition)', () => {
    const evening = {
      ...TRUMP_B,
      date: { value: '2018-11-07TEV', start: '2018-11-07', end: '2018-11-07', granularity: 'time' as const },
    };
    const timeline = built([A, [TRUMP_A]], [B, [evening]]);
    expect(timeline.events.map((event) => [event.date.value, event.sources.length])).toEqual([
      ['2018-11-07TEV', 2],
    ]);
  });

  it('keeps a report of a period apart from the reports of days inside it (each period is merged by itself)', () => {
    const week = {
      ...TRUMP_B,
      date: { value: '2018-W45', start: '2018-11-05', end: '2018-11-11', granularity: 'week' as const },
    };
    const timeline = built([B, [week]], [A, [TRUMP_A]]);
    expect(timeline.events.map((event) => [event.date.value, event.sources.length])).toEqual([
      ['2018-W45', 1],
      ['2018-11-07', 1],
    ]);
    // Two reports of the same week do merge.
    const sameWeek = { ...TRUMP_A, date: week.date };
    expect(built([B, [week]], [A, [sameWeek]]).events).toHaveLength(1);
  });

  it('counts each article once in the salience of an event and of its day', () => {
    const again = reported(A, TRUMP_A.source.text, 'Wednesday', '2018-11-07', 900);
    // Prominence 0.5: 1 + 3 × 0.5.
    expect(built([A, [TRUMP_A]]).events[0]?.salience).toBe(2.5);
    expect(built([A, [TRUMP_A, again]]).events[0]?.salience).toBe(2.5);
    const both = built(
      [A, [TRUMP_A, again]],
      [B, [TRUMP_B, reported(B, KCNA_A.source.text, 'November 2', '2018-11-02', 500)]],
    );
    expect(both.summary.dates[0]).toEqual({
      date: '2018-11-07',
      salience: 5,
      events: [both.events.at(-1)?.id],
      eventCount: 1,
    });
  });

  it('merges two copies of one sentence in one article into one event reported twice', () => {
    const again = reported(A, TRUMP_A.source.text, 'Wednesday', '2018-11-07', 900);
    const timeline = built([A, [TRUMP_A, again]]);
    expect(timeline.events).toHaveLength(1);
    expect(timeline.events[0]?.sources).toEqual([shown(TRUMP_A), shown(again)]);
  });

  it('puts an article’s title and url on each of its sources', () => {
    const view = new MemoryView(COLLECTION);
    const report = reportWith(COLLECTION, A, [TRUMP_A]);
    view.apply([
      changeOf({
        ...report,
        article: {
          ...(report.article as NonNullable<typeof report.article>),
          title: 'Talks',
          url: 'https://example.org/a',
        },
      }),
    ]);
    expect(view.timeline()?.events[0]?.sources[0]).toMatchObject({
      title: 'Talks',
      url: 'https://example.org/a',
    });
  });
});

describe('removing an article', () => {
  const both: Array<readonly [string, readonly DatedEvent[]]> = [
    [A, [TRUMP_A, KCNA_A]],
    [B, [TRUMP_B, PALLADINO_B]],
  ];

  it('removes an event whose only source was the article', () => {
    const timeline = built(...both, [B, undefined]);
    expect(timeline.events.some((event) => event.sources.some((source) => source.article === B))).toBe(false);
    expect(timeline.articles.map((article) => article.key)).toEqual([A]);
  });

  it('keeps an event reported elsewhere too, minus the source, and its id', () => {
    const before = built(...both);
    const after = built(...both, [A, undefined]);
    const remaining = after.events.find((event) =>
      event.sources.some((source) => source.text === TRUMP_B.source.text),
    );
    expect(remaining?.sources).toEqual([shown(TRUMP_B)]);
    expect(remaining?.id).toBe(before.events.find((event) => event.sources.length === 2)?.id);
  });

  it('changes nothing for a tombstone of a key the view does not have', () => {
    const view = new MemoryView(COLLECTION);
    view.apply([changeOf(reportWith(COLLECTION, A, [TRUMP_A]))]);
    expect(view.apply([changeOf(reportWith(COLLECTION, B))])).toBe('unchanged');
    expect(new MemoryView(COLLECTION).apply([changeOf(reportWith(COLLECTION, B))])).toBe('unchanged');
  });

  it('undoes the addition', () => {
    expect(viewContent(built([A, [TRUMP_A, KCNA_A]], [B, [TRUMP_B, PALLADINO_B]], [B, undefined]))).toEqual(
      viewContent(built([A, [TRUMP_A, KCNA_A]])),
    );
  });

  it('leaves no partition, shard, page or state behind when the last article goes', () => {
    const view = new MemoryView(COLLECTION);
    view.apply([changeOf(reportWith(COLLECTION, A, [TRUMP_A, KCNA_A]))]);
    view.apply([changeOf(reportWith(COLLECTION, A))]);
    expect(view.index?.months).toEqual([]);
    expect(view.index?.articles).toEqual({ count: 0, pages: [] });
    expect([...view.documents.keys()]).toEqual([]);
  });
});

describe('what an update touches', () => {
  it('writes only the chunks of the partitions it touches, their month’s table and the article’s page', () => {
    const view = new MemoryView(COLLECTION);
    view.apply([changeOf(reportWith(COLLECTION, A, [KCNA_A, DUNFORD_A]))]);
    const before = new Set(view.documents.keys());
    view.apply([changeOf(reportWith(COLLECTION, B, [TRUMP_B]))]);
    const added = [...view.documents.keys()].filter((key) => !before.has(key)).sort();
    expect(added).toEqual([
      expect.stringMatching(
        new RegExp(`^state/${COLLECTION}/partitions/2018-11-07\\.0\\.[0-9a-f]{12}\\.json$`),
      ),
      expect.stringMatching(new RegExp(`^timelines/${COLLECTION}/articles/${articlePageOf(B)}\\.`)),
      expect.stringMatching(new RegExp(`^timelines/${COLLECTION}/months/2018-11\\.`)),
      expect.stringMatching(new RegExp(`^timelines/${COLLECTION}/shards/2018-11-07\\.0\\.`)),
    ]);
    // A's partitions are the same documents, not rewritten.
    expect([...before].filter((key) => !view.documents.has(key))).toEqual([
      expect.stringMatching(/\/months\/2018-11\./),
    ]);
  });

  it('splits a partition of many events into chunks, and rewrites only the chunk of an event that changed', () => {
    const view = new MemoryView(COLLECTION);
    // 120 different events on one day: over the chunk target.
    const many = Array.from({ length: 120 }, (_, index) =>
      reported(
        A,
        `Envoy${index} met minister${index} in city${index} on Monday over treaty${index}.`,
        'Monday',
        '2018-11-05',
        index * 100,
      ),
    );
    view.apply([changeOf(reportWith(COLLECTION, A, many))]);
    const chunks = [...view.documents.keys()].filter((key) => key.includes('/shards/2018-11-05.'));
    expect(chunks.length).toBeGreaterThan(1);
    expect(view.timeline()?.events).toHaveLength(120);
    const before = new Set(view.documents.keys());
    const joining = reported(
      B,
      'Envoy7 met minister7 in city7 on Monday over treaty7.',
      'Monday',
      '2018-11-05',
    );
    view.apply([changeOf(reportWith(COLLECTION, B, [joining]))]);
    const rewritten = [...view.documents.keys()].filter(
      (key) => !before.has(key) && key.includes('2018-11-05.'),
    );
    expect(rewritten).toHaveLength(2); // one state chunk, one public chunk
    expect(
      view
        .timeline()
        ?.events.find((event) => event.sources.length === 2)
        ?.sources.map((source) => source.article),
    ).toEqual([A, B]);
  });

  it('lists a partition by its day, or by the period it is', () => {
    expect(partitionOf(day('2018-11-02'))).toBe('2018-11-02');
    expect(
      partitionOf({ value: '2018-11', start: '2018-11-01', end: '2018-11-30', granularity: 'month' }),
    ).toBe('2018-11-01..2018-11-30');
  });
});

describe('the sample articles', () => {
  it('merge the events both report, each keeping both articles as sources', () => {
    const changes = (['nk-talks-full.txt', 'nk-talks-short.txt'] as const).map((name) => {
      const article = parseFixture(name);
      return changeOf(reportOf(COLLECTION, article, extractEvents(article)));
    });
    const view = viewOfReports(COLLECTION, UPDATED_AT, changes);
    const timeline = timelineOfWrites(view?.index as NonNullable<typeof view>['index'], view?.writes ?? []);
    assertValidView(timeline);
    const shared = timeline.events.filter((event) => event.sources.length > 1);
    expect(shared.map((event) => event.date.value)).toEqual(['2018-06', '2018-11-02']);
    for (const event of shared)
      expect(event.sources.map((source) => source.article)).toEqual([
        'articles/nk-talks-full.txt',
        'articles/nk-talks-short.txt',
      ]);
  });
});

describe('the merge laws (properties)', () => {
  // A small pool of sentences and dates, so that generated articles often report the same event.
  const SENTENCES = [
    'Trump told reporters the talks with North Korea were going fine.',
    'Trump said talks with North Korea are going fine.',
    'Palladino called the canceled meeting a scheduling issue.',
    'KCNA said North Korea would not move.',
    'Dunford hinted that troops could leave the peninsula.',
  ];
  const DATES: EventDate[] = [
    day('2018-11-02'),
    day('2018-11-05'),
    { value: '2018-11-05TEV', start: '2018-11-05', end: '2018-11-05', granularity: 'time' },
    { value: '2018-11', start: '2018-11-01', end: '2018-11-30', granularity: 'month' },
  ];
  const KEYS = [A, B, C];

  const versionArb = fc.array(fc.tuple(fc.constantFrom(...SENTENCES), fc.constantFrom(...DATES)), {
    maxLength: 4,
  });
  /** One upload: a key and its events, or its delete (undefined). */
  const uploadArb = fc.record({
    key: fc.constantFrom(...KEYS),
    reports: fc.option(versionArb, { nil: undefined }),
  });
  const eventsOf = (key: string, reports: ReadonlyArray<readonly [string, EventDate]>): DatedEvent[] =>
    reports.map(([sentence, date], index) =>
      reported(key, `${sentence} It was ${date.value}.`, date.value, date, index * 100),
    );
  type Upload = { key: string; reports: Array<[string, EventDate]> | undefined };
  const changeOfUpload = ({ key, reports }: Upload) =>
    changeOf(reportWith(COLLECTION, key, reports === undefined ? undefined : eventsOf(key, reports)));

  /** Uploads applied in batches of the given sizes (the compactor's batches), then the view. */
  function incremental(uploads: readonly Upload[], batchSizes: readonly number[] = [1]): WholeTimeline {
    const view = new MemoryView(COLLECTION);
    let at = 0;
    for (let batch = 0; at < uploads.length; batch += 1) {
      const size = batchSizes[batch % batchSizes.length] ?? 1;
      view.apply(uploads.slice(at, at + size).map(changeOfUpload));
      at += size;
    }
    const timeline = view.timeline() ?? emptyOf();
    assertValidView(timeline);
    return timeline;
  }
  /** The view built from the final reports at once, as `rebuild` builds it. */
  function rebuilt(uploads: readonly Upload[]): WholeTimeline {
    const latest = new Map(uploads.map((upload) => [upload.key, upload]));
    const view = viewOfReports(COLLECTION, UPDATED_AT, [...latest.values()].map(changeOfUpload));
    return view ? timelineOfWrites(view.index, view.writes) : emptyOf();
  }

  it('the incremental view equals the view rebuilt from all reports at once, whatever the order and batches', () => {
    fc.assert(
      fc.property(
        fc.array(uploadArb, { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        (uploads, batches) => {
          expect(viewContent(incremental(uploads, batches))).toEqual(viewContent(rebuilt(uploads)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with the articles arriving in publication order, ids and all', () => {
    fc.assert(
      fc.property(versionArb, versionArb, versionArb, (a, b, c) => {
        const uploads: Upload[] = [
          { key: A, reports: a },
          { key: B, reports: b },
          { key: C, reports: c },
        ];
        expect(incremental(uploads)).toEqual(rebuilt(uploads));
      }),
    );
  });

  it('is idempotent: the same upload again changes nothing', () => {
    fc.assert(
      fc.property(fc.array(uploadArb, { maxLength: 6 }), uploadArb, (uploads, last) => {
        expect(incremental([...uploads, last, last])).toEqual(incremental([...uploads, last]));
      }),
    );
  });

  it('loses nothing: every source of the latest version of each article is in exactly one event', () => {
    fc.assert(
      fc.property(fc.array(uploadArb, { maxLength: 8 }), (uploads) => {
        const timeline = incremental(uploads);
        const latest = new Map(
          uploads.map(({ key, reports }) => [key, reports ? eventsOf(key, reports) : []]),
        );
        const sources = timeline.events.flatMap((event) => event.sources);
        const expected = [...latest.values()].flat().map(shown);
        expect(sources).toHaveLength(expected.length);
        expect(sources).toEqual(expect.arrayContaining(expected));
      }),
    );
  });

  it('keeps every event id when an article published later arrives', () => {
    fc.assert(
      fc.property(fc.array(uploadArb, { maxLength: 6 }), versionArb, (uploads, reports) => {
        const earlier = uploads.filter(({ key }) => key !== C);
        const before = incremental(earlier);
        const after = incremental([...earlier, { key: C, reports }]);
        const ids = new Set(after.events.map((event) => event.id));
        for (const event of before.events) expect(ids.has(event.id)).toBe(true);
      }),
    );
  });

  it('undoes an addition by a removal', () => {
    fc.assert(
      fc.property(
        fc.array(uploadArb, { maxLength: 6 }),
        fc.constantFrom(...KEYS),
        versionArb,
        (uploads, key, reports) => {
          const others = uploads.filter((upload) => upload.key !== key);
          expect(
            viewContent(incremental([...others, { key, reports }, { key, reports: undefined }])),
          ).toEqual(viewContent(incremental(others)));
        },
      ),
    );
  });
});

describe('merging on shared words (the prefix filter)', () => {
  // Half their words shared, exactly the threshold, and the shared ones the most common in the
  // partition: the case a too-short prefix of rare words would miss.
  it('merges two reports sharing half their words when the shared words are the commonest', () => {
    const x = reported(A, 'Alpha Bravo Charlie Monday.', 'Monday', '2018-11-05');
    const y = reported(B, 'Alpha Bravo Delta Echo Monday.', 'Monday', '2018-11-05', 100);
    const fillers = [0, 1, 2].map((index) =>
      reported(
        C,
        `Alpha Bravo Monday Foxtrot${index} on the day.`,
        'Monday',
        '2018-11-05',
        200 + index * 100,
      ),
    );
    const timeline = built([C, fillers], [A, [x]], [B, [y]]);
    const merged = timeline.events.find((event) => event.sources.some((source) => source.article === A));
    expect(merged?.sources.map((source) => source.article)).toContain(B);
  });

  it('keeps apart two reports of one day that share less than half their words', () => {
    const x = reported(A, 'Alpha Bravo Charlie Monday.', 'Monday', '2018-11-05');
    const y = reported(B, 'Alpha Delta Echo Golf Monday.', 'Monday', '2018-11-05', 100);
    expect(built([A, [x]], [B, [y]]).events).toHaveLength(2);
  });
});
