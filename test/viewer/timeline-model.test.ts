import { describe, expect, it } from 'vitest';
import { MONTH_NAMES } from '../../src/core/temporal/lexicon.ts';
import {
  bucketFor,
  bucketStart,
  counted,
  dateLabel,
  dateRangeIn,
  dayLabel,
  dayNumber,
  filtersOf,
  fold,
  groupHeading,
  groupLevel,
  hitsOf,
  inReadingOrder,
  MONTHS,
  matchesFilters,
  NO_FILTERS,
  safeHref,
  salienceByBucket,
  searchOf,
  segmentsOf,
  spanLabel,
  ticksOf,
} from '../../viewer/timeline-model.js';

// The page's pure half (viewer/timeline-model.js), as the browser runs it.

const date = (value: string, start: string, end: string, granularity: string, mod?: string) => ({
  value,
  start,
  end,
  granularity,
  ...(mod ? { mod } : {}),
});

describe('dateLabel', () => {
  it.each([
    [date('2018-11-02', '2018-11-02', '2018-11-02', 'day'), 'Fri 2 Nov 2018'],
    [date('2018-11-07T20:00', '2018-11-07', '2018-11-07', 'time'), 'Wed 7 Nov 2018, 20:00'],
    [date('2018-11-07TNI', '2018-11-07', '2018-11-07', 'time'), 'Wed 7 Nov 2018, night'],
    [date('2018-W44-WE', '2018-11-03', '2018-11-04', 'weekend'), 'Weekend of 3–4 Nov 2018'],
    [date('2018-W44', '2018-10-29', '2018-11-04', 'week'), 'Week 44, 29 Oct – 4 Nov 2018'],
    [date('2018-06', '2018-06-01', '2018-06-30', 'month'), 'June 2018'],
    [date('2018-12', '2018-12-11', '2018-12-20', 'month', 'MID'), 'Mid-December 2018'],
    [date('2018-Q3', '2018-07-01', '2018-09-30', 'quarter'), 'Q3 2018'],
    [date('2018-H1', '2018-01-01', '2018-06-30', 'vague'), 'First half of 2018'],
    [date('2017-FA', '2017-09-01', '2017-11-30', 'season'), 'Autumn 2017'],
    [date('2019', '2019-01-01', '2019-03-31', 'year', 'START'), 'Early 2019'],
    [date('2018', '2018-09-01', '2018-12-31', 'year', 'END'), 'Late 2018'],
    [date('199', '1990-01-01', '1999-12-31', 'decade'), 'The 1990s'],
    [date('199', '1990-01-01', '1993-12-31', 'decade', 'START'), 'The early 1990s'],
    [date('19', '1900-01-01', '1999-12-31', 'century'), 'The 1900s'],
    [date('2018-11-02', '2018-11-01', '2018-11-03', 'day', 'APPROX'), 'Around Fri 2 Nov 2018'],
    [date('XXXX-odd', '2010-12-30', '2011-01-02', 'vague'), '30 Dec 2010 – 2 Jan 2011'],
  ])('%j is %s', (input, expected) => {
    expect(dateLabel(input)).toBe(expected);
  });

  it('names days in UTC, whatever the zone of the reader', () => {
    expect(dayLabel('2018-11-04')).toBe('Sunday 4 November 2018');
    expect(spanLabel('2018-11-08', '2018-11-08')).toBe('8 Nov 2018');
  });
});

describe('groupHeading and groupLevel', () => {
  it.each([
    [date('2018-11-02', '2018-11-02', '2018-11-02', 'day'), 'day', 'Friday 2 November 2018'],
    [date('2018-11-07T20:00', '2018-11-07', '2018-11-07', 'time'), 'day', 'Wednesday 7 November 2018'],
    [date('2018-06', '2018-06-01', '2018-06-30', 'month'), 'month', 'Sometime in June'],
    [date('2018-06', '2018-06-01', '2018-06-10', 'month', 'START'), 'month', 'Early June'],
    [date('2018-W44-WE', '2018-11-03', '2018-11-04', 'weekend'), 'month', 'Weekend of 3–4 Nov 2018'],
    [date('2019', '2019-01-01', '2019-12-31', 'year'), 'year', 'In 2019'],
    [date('2019', '2019-01-01', '2019-03-31', 'year', 'START'), 'year', 'Early 2019'],
    [date('2018-Q3', '2018-07-01', '2018-09-30', 'quarter'), 'year', 'Q3 2018'],
  ])('%j sits under its %s: %s', (input, level, heading) => {
    expect(groupLevel(input.granularity)).toBe(level);
    expect(groupHeading(input)).toBe(heading);
  });
});

describe('filters in the URL', () => {
  it('round-trips every filter, leaving empty ones out', () => {
    const filters = {
      q: 'kcna said',
      actor: 'Kim Jong Un',
      status: 'planned',
      from: '2018-11-01',
      to: '2018-11-30',
    };
    const search = searchOf(filters);
    expect(search).toBe('?q=kcna+said&actor=Kim+Jong+Un&status=planned&from=2018-11-01&to=2018-11-30');
    expect(filtersOf(search)).toEqual(filters);
    expect(searchOf(NO_FILTERS)).toBe('');
  });

  it('drops what it does not know and puts a reversed range in order', () => {
    expect(filtersOf('?status=rumoured&from=2018-02-30&to=tomorrow&x=1')).toEqual(NO_FILTERS);
    expect(filtersOf('?from=2018-12-01&to=2018-11-01')).toMatchObject({
      from: '2018-11-01',
      to: '2018-12-01',
    });
  });
});

const event = {
  id: 'e1',
  date: date('2018-11-02', '2018-11-02', '2018-11-02', 'day'),
  title: "North Korea's state media outlet KCNA said",
  actors: ['North Korea', 'KCNA', 'US'],
  status: 'reported',
  confidence: 0.99,
  salience: 5.2,
  sources: [
    {
      article: 'articles/nk/a.txt',
      title: 'Tensions rise in Pyongyáng',
      published: '2018-11-08',
      text: 'KCNA said November 2: "We gave all things possible."',
      start: 100,
      end: 152,
      date: { text: 'November 2', start: 110, end: 120 },
    },
  ],
};

describe('matchesFilters', () => {
  it.each([
    [{}, true],
    [{ q: 'kcna' }, true],
    [{ q: 'KCNA   gave' }, true],
    [{ q: 'pyongyang' }, true],
    [{ q: 'kcna summit' }, false],
    [{ actor: 'korea' }, true],
    [{ actor: 'Pompeo' }, false],
    [{ status: 'reported' }, true],
    [{ status: 'planned' }, false],
    [{ from: '2018-11-02', to: '2018-11-02' }, true],
    [{ from: '2018-11-03' }, false],
    [{ to: '2018-11-01' }, false],
  ])('%j → %s', (filters, expected) => {
    expect(matchesFilters(event, { ...NO_FILTERS, ...filters })).toBe(expected);
  });
});

describe('marking the date and the search in a sentence', () => {
  it('finds the date words by the offsets, both in the article text', () => {
    const source = event.sources[0] as (typeof event.sources)[number];
    expect(dateRangeIn(source)).toEqual([10, 20]);
    expect(segmentsOf(source.text, { date: [10, 20] })).toEqual([
      { text: 'KCNA said ' },
      { text: 'November 2', mark: 'date' },
      { text: ': "We gave all things possible."' },
    ]);
  });

  it('falls back to the words when the offsets do not match them, and to nothing', () => {
    const shifted = { ...(event.sources[0] as (typeof event.sources)[number]), start: 0, end: 52 };
    expect(dateRangeIn(shifted)).toEqual([10, 20]);
    expect(dateRangeIn({ ...shifted, date: { text: 'Monday', start: 3, end: 9 } })).toBeUndefined();
  });

  it('marks the hits of the search, the date winning where they overlap', () => {
    const text = 'KCNA said November 2 that KCNA';
    expect(hitsOf(text, ['kcna', 'nov'])).toEqual([
      [0, 4],
      [26, 30],
      [10, 13],
    ]);
    expect(segmentsOf(text, { date: [10, 20], hits: hitsOf(text, ['kcna', 'nov']) })).toEqual([
      { text: 'KCNA', mark: 'hit' },
      { text: ' said ' },
      { text: 'November 2', mark: 'date' },
      { text: ' that ' },
      { text: 'KCNA', mark: 'hit' },
    ]);
    expect(hitsOf('Pyongyáng', ['pyongyang'])).toEqual([[0, 9]]);
    expect(segmentsOf('', {})).toEqual([]);
    expect(segmentsOf('abc', { date: [2, 9] })).toEqual([{ text: 'abc' }]);
  });

  it('folds case, accents and spaces', () => {
    expect(fold('  Pyongyáng \n KCNA ')).toBe('pyongyang kcna');
  });
});

describe('safeHref', () => {
  it.each([
    [
      'https://www.cnn.com/2018/11/08/politics/north-korea',
      'https://www.cnn.com/2018/11/08/politics/north-korea',
    ],
    ['http://example.com/a b', 'http://example.com/a%20b'],
    ['javascript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['//evil.example/x', undefined],
    ['/relative', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (url, expected) => {
    expect(safeHref(url)).toBe(expected);
  });
});

describe('the strip', () => {
  it('picks a bar a day, a week or a month by the span', () => {
    expect([1, 122, 123, 1100, 1101].map(bucketFor)).toEqual(['day', 'day', 'week', 'week', 'month']);
    expect(bucketStart('2018-11-04', 'week')).toBe('2018-10-29');
    expect(bucketStart('2018-10-29', 'week')).toBe('2018-10-29');
    expect(bucketStart('2018-11-04', 'month')).toBe('2018-11-01');
  });

  it('sums the salience of day partitions by bucket, leaving periods to their lane', () => {
    const partitions = [
      { start: '2018-11-02', end: '2018-11-02', salience: 5, events: 1 },
      { start: '2018-11-03', end: '2018-11-04', events: 1 },
      { start: '2018-11-04', end: '2018-11-04', salience: 1.5, events: 2 },
      { start: '2018-11-05', end: '2018-11-05', salience: 2, events: 1 },
    ];
    expect([...salienceByBucket(partitions, 'week')]).toEqual([
      ['2018-10-29', { value: 6.5, events: 3 }],
      ['2018-11-05', { value: 2, events: 1 }],
    ]);
  });

  it('labels the axis by days, weeks, months or years, within the room it has', () => {
    const days = ticksOf(dayNumber('2018-10-30'), dayNumber('2018-11-02'), 10);
    expect(days.map((tick) => tick.label)).toEqual(['30 Oct', '31', '1 Nov', '2']);
    // A month on a phone: its Mondays.
    const phone = ticksOf(dayNumber('2018-11-01'), dayNumber('2018-11-30'), 5);
    expect(phone.map((tick) => tick.label)).toEqual(['5 Nov', '12 Nov', '19 Nov', '26 Nov']);
    const fortnights = ticksOf(dayNumber('2018-09-01'), dayNumber('2018-11-30'), 7);
    expect(fortnights.map((tick) => tick.label)).toEqual([
      '10 Sep',
      '24 Sep',
      '8 Oct',
      '22 Oct',
      '5 Nov',
      '19 Nov',
    ]);
    const weeks = ticksOf(dayNumber('2018-10-01'), dayNumber('2018-11-30'), 10);
    expect(weeks.map((tick) => tick.label)).toEqual([
      '1 Oct',
      '8 Oct',
      '15 Oct',
      '22 Oct',
      '29 Oct',
      '5 Nov',
      '12 Nov',
      '19 Nov',
      '26 Nov',
    ]);
    const months = ticksOf(dayNumber('2018-06-01'), dayNumber('2019-01-31'), 10);
    expect(months.map((tick) => tick.label)).toEqual([
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
      '2019',
    ]);
    const years = ticksOf(dayNumber('1990-01-01'), dayNumber('2018-12-31'), 8);
    expect(years.every((tick) => tick.major)).toBe(true);
    expect(years.length).toBeLessThanOrEqual(8);
  });
});

describe('inReadingOrder and counted', () => {
  it('puts a day’s events by salience, those at a time after, by the time', () => {
    const at = (id: string, value: string, salience: number) => ({
      ...event,
      id,
      salience,
      date: { ...event.date, value },
    });
    const order = inReadingOrder([
      at('a', '2018-11-02T20:00', 9),
      at('b', '2018-11-02', 1),
      at('c', '2018-11-02T08:00', 1),
      at('d', '2018-11-02', 3),
    ]);
    expect(order.map((each) => each.id)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('groups thousands', () => {
    expect([counted(1, 'event'), counted(0, 'source'), counted(11292, 'event')]).toEqual([
      '1 event',
      '0 sources',
      '11,292 events',
    ]);
  });
});

describe("the page's month names", () => {
  it("are the lexicon's, capitalised (the page cannot import it without a build)", () => {
    expect(MONTHS.map((name) => name.toLowerCase())).toEqual([...MONTH_NAMES]);
  });
});
