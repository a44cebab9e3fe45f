import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DatedEvent } from '../../src/core/events.ts';
import { extractEvents } from '../../src/core/events.ts';
import {
  describeArticle,
  emptyTimeline,
  lastSequencerOf,
  sameTimelineContent,
  type Timeline,
  type TimelineArticle,
  timelineOf,
  withArticle,
  withoutArticle,
} from '../../src/core/timeline.ts';
import { parseFixture } from '../support/fixtures.ts';
import { assertValidTimeline } from '../support/validate-timeline.ts';

const EMPTY = emptyTimeline('north-korea', '2018-11-08T15:00:00.000Z');
const A = 'articles/a.txt';
const B = 'articles/b.txt';
// Publication days: B and C come out after A.
const PUBLISHED: Record<string, string> = {
  'articles/a.txt': '2018-11-08',
  'articles/b.txt': '2018-11-09',
  'articles/c.txt': '2018-11-10',
};
/** A source as the timeline keeps it: where it was read and what it says by itself. */
const kept = (event: DatedEvent) => ({
  ...event.source,
  reading: {
    date: event.date,
    title: event.title,
    actors: event.actors,
    status: event.status,
    confidence: event.confidence,
  },
});

/** A sentence of `article` that reports something on the day `value`, dated by the words `dateText`. */
function reported(
  article: string,
  sentence: string,
  dateText: string,
  value: string,
  offset = 0,
): DatedEvent {
  const dateStart = offset + sentence.indexOf(dateText);
  return {
    date: { value, start: value, end: value, granularity: 'day' },
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

function entry(key: string, events: number): TimelineArticle {
  return {
    key,
    format: 'text',
    encoding: 'utf-8',
    reference: { date: '2018-11-08', timezone: 'America/New_York', source: 'object-metadata' },
    events,
  };
}

/** The timeline with `article`'s events added, checked against the schema and its invariants. */
function added(timeline: Timeline, key: string, events: readonly DatedEvent[]): Timeline {
  const result = withArticle(timeline, entry(key, events.length), events);
  assertValidTimeline(result);
  return result;
}

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

describe('withArticle', () => {
  it('merges two reports of the same day in similar words into one event with two sources', () => {
    const timeline = added(added(EMPTY, A, [TRUMP_A]), B, [TRUMP_B]);
    expect(timeline.events).toHaveLength(1);
    expect(timeline.events[0]?.sources).toEqual([kept(TRUMP_A), kept(TRUMP_B)]);
  });

  it('keeps two reports of the same day in different words apart', () => {
    const timeline = added(added(EMPTY, A, [TRUMP_A]), B, [PALLADINO_B]);
    expect(timeline.events.map((event) => event.sources.map((source) => source.text))).toEqual(
      expect.arrayContaining([[TRUMP_A.source.text], [PALLADINO_B.source.text]]),
    );
    expect(timeline.events).toHaveLength(2);
  });

  it('keeps the same words on different days apart', () => {
    const elsewhere = reported(
      B,
      TRUMP_B.source.text.replace('Wednesday', 'Tuesday'),
      'Tuesday',
      '2018-11-06',
    );
    const timeline = added(added(EMPTY, A, [TRUMP_A]), B, [elsewhere]);
    expect(timeline.events.map((event) => event.date.value)).toEqual(['2018-11-06', '2018-11-07']);
  });

  it('sorts events by date and articles by key', () => {
    const timeline = added(added(EMPTY, B, [PALLADINO_B]), A, [DUNFORD_A, KCNA_A]);
    expect(timeline.events.map((event) => event.date.value)).toEqual([
      '2018-11-02',
      '2018-11-05',
      '2018-11-07',
    ]);
    expect(timeline.articles.map((article) => article.key)).toEqual([A, B]);
  });

  it('keeps the id of an event when a second source joins it', () => {
    const first = added(EMPTY, A, [TRUMP_A]);
    const joined = added(first, B, [TRUMP_B]);
    expect(joined.events[0]?.id).toBe(first.events[0]?.id);
    expect(joined.events[0]?.title).toBe(first.events[0]?.title);
  });

  it('replaces an article that is added again instead of adding its events twice', () => {
    const once = added(added(EMPTY, A, [TRUMP_A, KCNA_A]), B, [TRUMP_B]);
    const twice = added(once, A, [TRUMP_A, KCNA_A]);
    expect(sameTimelineContent(once, twice)).toBe(true);
    expect(twice.articles.filter((article) => article.key === A)).toHaveLength(1);
  });

  it("drops an article's old events when it is added again with new ones", () => {
    const before = added(added(EMPTY, A, [TRUMP_A, KCNA_A]), B, [TRUMP_B]);
    const after = added(before, A, [DUNFORD_A]);
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
    const timeline = added(added(EMPTY, A, [planned]), B, [cancelled]);
    expect(timeline.events).toHaveLength(1);
    expect(timeline.events[0]).toMatchObject({ status: 'cancelled', actors: ['Pompeo', 'Trump'] });
    expect(timeline.events[0]?.confidence).toBe(0.99);
  });

  it('gives an event the most specific date of its reports (a day inside a reported week)', () => {
    const week = {
      ...TRUMP_B,
      date: { value: '2018-W45', start: '2018-11-05', end: '2018-11-11', granularity: 'week' as const },
    };
    const timeline = added(added(EMPTY, B, [week]), A, [TRUMP_A]);
    expect(timeline.events.map((event) => [event.date.value, event.sources.length])).toEqual([
      ['2018-11-07', 2],
    ]);
  });

  it('counts each article once in the salience of an event and of its day', () => {
    const again = reported(A, TRUMP_A.source.text, 'Wednesday', '2018-11-07', 900);
    const once = added(EMPTY, A, [TRUMP_A]);
    const twice = added(EMPTY, A, [TRUMP_A, again]);
    // Prominence 0.5: 1 + 3 × 0.5.
    expect(once.events[0]?.salience).toBe(2.5);
    expect(twice.events[0]?.salience).toBe(2.5);
    const both = added(twice, B, [TRUMP_B, reported(B, KCNA_A.source.text, 'November 2', '2018-11-02', 500)]);
    expect(both.summary.dates[0]).toEqual({
      date: '2018-11-07',
      salience: 5,
      events: [both.events.at(-1)?.id],
    });
  });

  it('merges two copies of one sentence in one article into one event reported twice', () => {
    const again = reported(A, TRUMP_A.source.text, 'Wednesday', '2018-11-07', 900);
    const timeline = added(EMPTY, A, [TRUMP_A, again]);
    expect(timeline.events).toHaveLength(1);
    expect(timeline.events[0]?.sources).toEqual([kept(TRUMP_A), kept(again)]);
  });
});

describe('withoutArticle', () => {
  const both = added(added(EMPTY, A, [TRUMP_A, KCNA_A]), B, [TRUMP_B, PALLADINO_B]);

  it('removes an event whose only source was the article', () => {
    const timeline = withoutArticle(both, B);
    assertValidTimeline(timeline);
    expect(timeline.events.some((event) => event.sources.some((source) => source.article === B))).toBe(false);
    expect(timeline.events.map((event) => event.title)).not.toContain(PALLADINO_B.title);
    expect(timeline.articles.map((article) => article.key)).toEqual([A]);
  });

  it('keeps an event reported elsewhere too, minus the source, named after its remaining first report', () => {
    const timeline = withoutArticle(both, A);
    const remaining = timeline.events.find((event) =>
      event.sources.some((source) => source.text === TRUMP_B.source.text),
    );
    expect(remaining?.sources).toEqual([kept(TRUMP_B)]);
    expect(remaining?.id).toBe(
      added(EMPTY, B, [TRUMP_B, PALLADINO_B]).events.find((e) => e.title === TRUMP_B.title)?.id,
    );
  });

  it('changes nothing for a key it does not know', () => {
    expect(withoutArticle(both, 'articles/unknown.txt')).toEqual(both);
  });

  it('undoes withArticle', () => {
    const before = added(EMPTY, A, [TRUMP_A, KCNA_A]);
    const after = withoutArticle(added(before, B, [TRUMP_B, PALLADINO_B]), B);
    expect(sameTimelineContent(after, before)).toBe(true);
  });

  it('leaves an empty timeline when the last article goes', () => {
    expect(withoutArticle(added(EMPTY, A, [TRUMP_A]), A)).toEqual(EMPTY);
  });
});

describe('sameTimelineContent', () => {
  const timeline = added(EMPTY, A, [TRUMP_A]);

  it('ignores updatedAt', () => {
    expect(sameTimelineContent(timeline, { ...timeline, updatedAt: '2020-01-01T00:00:00.000Z' })).toBe(true);
  });

  it.each([
    { name: 'another event', other: added(timeline, B, [PALLADINO_B]) },
    { name: 'another collection', other: { ...timeline, collection: 'south-korea' } },
    { name: 'an article without its events', other: withoutArticle(timeline, A) },
  ])('tells $name apart', ({ other }) => {
    expect(sameTimelineContent(timeline, other)).toBe(false);
  });
});

describe('describeArticle', () => {
  it('records the sample article with its reference date as an ISO day', () => {
    const article = parseFixture('nk-talks-full.txt');
    expect(describeArticle(article, 3, { etag: '"abc"' })).toEqual({
      key: 'articles/nk-talks-full.txt',
      title: "North Korea 'really angry' at US as tensions rise",
      format: 'text',
      encoding: 'utf-8',
      etag: '"abc"',
      reference: { date: '2018-11-08', timezone: 'America/New_York', source: 'object-metadata' },
      events: 3,
    });
  });
});

describe('the sample articles', () => {
  it('merge the events both report, each keeping both articles as sources', () => {
    let timeline = EMPTY;
    for (const name of ['nk-talks-full.txt', 'nk-talks-short.txt'] as const) {
      const article = parseFixture(name);
      const events = extractEvents(article);
      timeline = withArticle(timeline, describeArticle(article, events.length), events);
    }
    assertValidTimeline(timeline);
    const shared = timeline.events.filter((event) => event.sources.length > 1);
    expect(shared.map((event) => event.date.value)).toEqual(['2018-06', '2018-11-02']);
    for (const event of shared) {
      expect(event.sources.map((source) => source.article)).toEqual([
        'articles/nk-talks-full.txt',
        'articles/nk-talks-short.txt',
      ]);
    }
  });
});

describe('the timeline algebra (properties)', () => {
  // A small pool of sentences and days, so that generated articles often report the same event.
  const SENTENCES = [
    'Trump told reporters the talks with North Korea were going fine.',
    'Trump said talks with North Korea are going fine.',
    'Palladino called the canceled meeting a scheduling issue.',
    'KCNA said North Korea would not move.',
    'Dunford hinted that troops could leave the peninsula.',
  ];
  const DAYS = ['2018-11-02', '2018-11-05', '2018-11-07'];
  const KEYS = ['articles/a.txt', 'articles/b.txt', 'articles/c.txt'];

  const articleArb = fc.record({
    key: fc.constantFrom(...KEYS),
    reports: fc.array(fc.tuple(fc.constantFrom(...SENTENCES), fc.constantFrom(...DAYS)), { maxLength: 4 }),
  });
  const eventsOf = (key: string, reports: ReadonlyArray<readonly [string, string]>): DatedEvent[] =>
    reports.map(([sentence, day], index) =>
      reported(key, `${sentence} It was ${day}.`, day, day, index * 100),
    );
  const build = (articles: ReadonlyArray<{ key: string; reports: Array<[string, string]> }>): Timeline =>
    articles.reduce(
      (timeline, { key, reports }) =>
        withArticle(timeline, entry(key, reports.length), eventsOf(key, reports)),
      EMPTY,
    );

  it('always gives a valid, sorted timeline', () => {
    fc.assert(
      fc.property(fc.array(articleArb, { maxLength: 5 }), (articles) => {
        assertValidTimeline(build(articles));
      }),
    );
  });

  it('is idempotent: adding an article again changes nothing', () => {
    fc.assert(
      fc.property(fc.array(articleArb, { maxLength: 4 }), articleArb, (articles, last) => {
        const once = build([...articles, last]);
        expect(sameTimelineContent(build([...articles, last, last]), once)).toBe(true);
      }),
    );
  });

  it('loses nothing: every source of the latest version of each article is in exactly one event', () => {
    fc.assert(
      fc.property(fc.array(articleArb, { maxLength: 5 }), (articles) => {
        const timeline = build(articles);
        const latest = new Map(articles.map(({ key, reports }) => [key, eventsOf(key, reports)]));
        const sources = timeline.events.flatMap((event) => event.sources);
        const expected = [...latest.values()].flat().map(kept);
        expect(sources).toHaveLength(expected.length);
        expect(sources).toEqual(expect.arrayContaining(expected));
      }),
    );
  });

  it('does not depend on the order articles arrive in', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(articleArb, { selector: (article) => article.key, maxLength: 3 })
          .chain((articles) =>
            fc.tuple(fc.constant(articles), fc.shuffledSubarray(articles, { minLength: articles.length })),
          ),
        ([articles, shuffled]) => {
          expect(sameTimelineContent(build(shuffled), build(articles))).toBe(true);
        },
      ),
    );
  });

  it('keeps every event id when a later article arrives', () => {
    fc.assert(
      fc.property(fc.array(articleArb, { maxLength: 4 }), articleArb, (articles, extra) => {
        const earlier = articles.filter(({ key }) => key !== 'articles/c.txt');
        const before = build(earlier);
        const after = build([...earlier, { ...extra, key: 'articles/c.txt' }]);
        const ids = new Set(after.events.map((event) => event.id));
        for (const event of before.events) expect(ids.has(event.id)).toBe(true);
      }),
    );
  });

  it('undoes an addition by a removal', () => {
    fc.assert(
      fc.property(fc.array(articleArb, { maxLength: 4 }), articleArb, (articles, extra) => {
        const others = articles.filter(({ key }) => key !== extra.key);
        const before = build(others);
        expect(sameTimelineContent(withoutArticle(build([...others, extra]), extra.key), before)).toBe(true);
      }),
    );
  });
});

describe('the notification ledger', () => {
  const labelled = (key: string, sequencer: string, events: readonly DatedEvent[]) =>
    withArticle(EMPTY, { ...entry(key, events.length), sequencer }, events);

  it('remembers a deleted key with the sequencer of its delete, whether or not it was in the timeline', () => {
    const timeline = labelled(A, '0A', [TRUMP_A]);
    const removed = withoutArticle(timeline, A, '0B');
    expect(removed.articles).toEqual([]);
    expect(removed.events).toEqual([]);
    expect(removed.removed).toEqual([{ key: A, sequencer: '0B' }]);
    expect(lastSequencerOf(removed, A)).toBe('0B');
    const never = withoutArticle(EMPTY, B, '0C');
    expect(never.removed).toEqual([{ key: B, sequencer: '0C' }]);
    assertValidTimeline(removed);
    assertValidTimeline(never);
  });

  it('forgets the tombstone when the key is added again, and keeps tombstones sorted by key', () => {
    const both = withoutArticle(withoutArticle(EMPTY, B, '0B'), A, '0A');
    expect(both.removed.map((entry) => entry.key)).toEqual([A, B]);
    const back = withArticle(both, { ...entry(A, 1), sequencer: '0D' }, [TRUMP_A]);
    expect(back.removed).toEqual([{ key: B, sequencer: '0B' }]);
    expect(lastSequencerOf(back, A)).toBe('0D');
  });

  it('keeps removal without a sequencer the inverse of adding (no tombstone)', () => {
    expect(withoutArticle(added(EMPTY, A, [TRUMP_A]), A)).toEqual(EMPTY);
  });
});

describe('timelineOf', () => {
  it('builds in one pass what adding the articles one by one builds', () => {
    const one = withArticle(withArticle(EMPTY, entry(A, 3), [TRUMP_A, KCNA_A, DUNFORD_A]), entry(B, 2), [
      TRUMP_B,
      PALLADINO_B,
    ]);
    const all = timelineOf(EMPTY.collection, EMPTY.updatedAt, [
      { article: entry(B, 2), events: [TRUMP_B, PALLADINO_B] },
      { article: entry(A, 3), events: [TRUMP_A, KCNA_A, DUNFORD_A] },
    ]);
    expect(all).toEqual(one);
  });

  it('drops tombstones of keys that are present', () => {
    const built = timelineOf(
      EMPTY.collection,
      EMPTY.updatedAt,
      [{ article: entry(A, 1), events: [TRUMP_A] }],
      [
        { key: A, sequencer: '01' },
        { key: B, sequencer: '02' },
      ],
    );
    expect(built.removed).toEqual([{ key: B, sequencer: '02' }]);
  });
});

describe('merging across months (the month index)', () => {
  /** A report of `article` dated by a period: the day report's sentence, with another date. */
  const over = (article: string, date: DatedEvent['date'], offset: number): DatedEvent => {
    const event = reported(
      article,
      'KCNA said North Korea would not move, on that day.',
      'that day',
      date.start,
      offset,
    );
    return { ...event, date };
  };
  const WEEK_44 = { value: '2018-W44', start: '2018-10-29', end: '2018-11-04', granularity: 'week' } as const;
  const YEAR = { value: '2018', start: '2018-01-01', end: '2018-12-31', granularity: 'year' } as const;
  const OCTOBER = { value: '2018-10', start: '2018-10-01', end: '2018-10-31', granularity: 'month' } as const;
  const day = (value: string) => ({ value, start: value, end: value, granularity: 'day' }) as const;

  it.each([
    {
      name: 'a week over a month boundary and a day in its second month',
      coarse: WEEK_44,
      fine: day('2018-11-02'),
      events: 1,
    },
    { name: 'a day in the week’s first month', coarse: WEEK_44, fine: day('2018-10-30'), events: 1 },
    { name: 'a year and a day in December', coarse: YEAR, fine: day('2018-12-20'), events: 1 },
    { name: 'a month and a day of the next month', coarse: OCTOBER, fine: day('2018-11-02'), events: 2 },
    { name: 'a year and a day of the next year', coarse: YEAR, fine: day('2019-01-02'), events: 2 },
  ])('$name: $events event(s)', ({ coarse, fine, events }) => {
    for (const [first, second] of [
      [coarse, fine],
      [fine, coarse],
    ] as const) {
      const timeline = added(added(EMPTY, A, [over(A, first, 0)]), B, [over(B, second, 100)]);
      expect(timeline.events).toHaveLength(events);
      if (events === 1) expect(timeline.events[0]?.date.value).toBe(fine.value);
    }
  });
});

describe('merging on shared words (the prefix filter)', () => {
  // Half their words shared, exactly the threshold, and the shared ones the most common in the
  // collection: the case a too-short prefix of rare words would miss.
  it('merges two reports sharing half their words when the shared words are the commonest', () => {
    const x = reported(A, 'Alpha Bravo Charlie Monday.', 'Monday', '2018-11-05');
    const y = reported(B, 'Alpha Bravo Delta Echo Monday.', 'Monday', '2018-11-05', 100);
    const fillers = ['2018-11-01', '2018-11-02', '2018-11-03'].map((day, index) =>
      reported(
        'articles/c.txt',
        `Alpha Bravo Monday Foxtrot${index} on ${day}.`,
        day,
        day,
        200 + index * 100,
      ),
    );
    const timeline = added(added(added(EMPTY, 'articles/c.txt', fillers), A, [x]), B, [y]);
    const monday = timeline.events.filter((event) => event.date.value === '2018-11-05');
    expect(monday).toHaveLength(1);
    expect(monday[0]?.sources.map((source) => source.article)).toEqual([A, B]);
  });

  it('keeps apart two reports of one day that share less than half their words', () => {
    const x = reported(A, 'Alpha Bravo Charlie Monday.', 'Monday', '2018-11-05');
    const y = reported(B, 'Alpha Delta Echo Golf Monday.', 'Monday', '2018-11-05', 100);
    const timeline = added(added(EMPTY, A, [x]), B, [y]);
    expect(timeline.events).toHaveLength(2);
  });
});
