import { describe, expect, it } from 'vitest';
import type { CivilDate } from '../../../src/core/temporal/calendar.ts';
import type { ReferenceDate } from '../../../src/core/temporal/reference.ts';
import { tagTimexes } from '../../../src/core/temporal/tag-timexes.ts';
import type { Granularity, Timex, TimexMod } from '../../../src/core/temporal/timex.ts';

const newYork = (year: number, month: number, day: number): ReferenceDate => ({
  date: { year, month, day },
  timezone: 'America/New_York',
});
/** The sample articles' reference: Thursday 2018-11-08 in New York. */
const THURSDAY = newYork(2018, 11, 8);
const SATURDAY = newYork(2018, 11, 10);
const SUNDAY = newYork(2018, 11, 11);
const MONDAY = newYork(2018, 11, 12);

const iso = ({ year, month, day }: CivilDate): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

interface Expected {
  /** The sentence to tag. */
  readonly sentence: string;
  /** The words the timex must span: found once in the sentence, which gives the offsets. */
  readonly text: string;
  readonly value: string;
  readonly granularity?: Granularity;
  readonly mod?: TimexMod;
  /** First and last day, for periods; a day's range is the day itself and is checked without this. */
  readonly range?: readonly [string, string];
}

/**
 * Asserts that `sentence` holds exactly one temporal expression, spanning `text` at its offsets,
 * with the expected value, granularity, mod and range (as chrono's `testSingleCase` does).
 */
function expectSingleTimex(reference: ReferenceDate, expected: Expected): Timex {
  const { sentence, text, value } = expected;
  const start = sentence.indexOf(text);
  expect(start, `"${text}" must occur in "${sentence}"`).toBeGreaterThanOrEqual(0);
  expect(sentence.indexOf(text, start + 1), `"${text}" must occur once in "${sentence}"`).toBe(-1);
  const timexes = tagTimexes(sentence, reference);
  expect(timexes.map((timex) => `${timex.text} = ${timex.value}`)).toEqual([`${text} = ${value}`]);
  const [timex] = timexes as [Timex];
  expect(timex).toMatchObject({ start, end: start + text.length, anchor: iso(reference.date) });
  if (expected.granularity) expect(timex.granularity).toBe(expected.granularity);
  expect(timex.mod).toBe(expected.mod);
  const range =
    expected.range ??
    (/^\d{4}-\d{2}-\d{2}/.test(value) ? [value.slice(0, 10), value.slice(0, 10)] : undefined);
  if (range) expect(timex.range).toEqual({ start: range[0], end: range[1] });
  return timex;
}

describe('tagTimexes', () => {
  describe('offsets from an event ("five months after the summit")', () => {
    it.each([
      {
        sentence:
          "The two countries still haven't agreed -- five months after Trump's historic summit with Kim.",
        text: 'five months',
        value: 'P5M',
        implied: {
          value: '2018-06',
          granularity: 'month',
          range: { start: '2018-06-01', end: '2018-06-30' },
        },
      },
      {
        sentence: 'The country was rebuilt two years after the war.',
        text: 'two years',
        value: 'P2Y',
        implied: { value: '2016', granularity: 'year', range: { start: '2016-01-01', end: '2016-12-31' } },
      },
      {
        sentence: 'It collapsed three days after the vote.',
        text: 'three days',
        value: 'P3D',
        implied: {
          value: '2018-11-05',
          granularity: 'day',
          range: { start: '2018-11-05', end: '2018-11-05' },
        },
      },
      {
        sentence: 'It collapsed two weeks after the vote.',
        text: 'two weeks',
        value: 'P2W',
        implied: {
          value: '2018-W43',
          granularity: 'week',
          range: { start: '2018-10-22', end: '2018-10-28' },
        },
      },
    ])(
      'tags "$text" as the duration $value and dates the event it counts from',
      ({ sentence, text, value, implied }) => {
        const timexes = tagTimexes(sentence, THURSDAY);
        const start = sentence.indexOf(text);
        expect(timexes).toHaveLength(1);
        expect(timexes[0]).toMatchObject({
          type: 'DURATION',
          value,
          text,
          start,
          end: start + text.length,
          impliedDate: implied,
        });
      },
    );
  });

  describe('against Thursday 2018-11-08, America/New_York', () => {
    it.each<Expected>([
      // A bare weekday in a past-tense sentence: the latest such day on or before the reference.
      {
        sentence: 'Trump sought to convey Wednesday that talks were going fine.',
        text: 'Wednesday',
        value: '2018-11-07',
      },
      {
        sentence: 'Trump told reporters Wednesday the talks were going fine.',
        text: 'Wednesday',
        value: '2018-11-07',
      },
      {
        sentence: 'General Joseph Dunford hinted Monday that troops could leave.',
        text: 'Monday',
        value: '2018-11-05',
      },
      { sentence: "Pompeo's Thursday meeting had been postponed.", text: 'Thursday', value: '2018-11-08' },
      {
        sentence: 'On Wednesday, Palladino claimed it was a scheduling issue.',
        text: 'Wednesday',
        value: '2018-11-07',
      },
      { sentence: 'Palladino said at the press briefing Wednesday.', text: 'Wednesday', value: '2018-11-07' },
      // In the future: the earliest such day on or after the reference.
      { sentence: 'Pompeo will meet Kim Yong Chol on Friday.', text: 'Friday', value: '2018-11-09' },
      { sentence: 'The envoys are scheduled to meet Tuesday.', text: 'Tuesday', value: '2018-11-13' },
      { sentence: 'Kim will sign it Thursday.', text: 'Thursday', value: '2018-11-08' },
      // A future passive: "held" is a participle here, the sentence speaks of the future.
      { sentence: 'The meeting will be held Friday.', text: 'Friday', value: '2018-11-09' },
      // A perfect infinitive looks back: "claimed to have taken" happened; "hopes to" looks ahead.
      {
        sentence: 'The rebels claimed to have taken the town on Sunday.',
        text: 'Sunday',
        value: '2018-11-04',
      },
      { sentence: 'BP hopes to cap the well on Sunday.', text: 'Sunday', value: '2018-11-11' },
      // "last <weekday>" is never the reference day itself; "next <weekday>" is chrono's.
      { sentence: 'They met last Monday.', text: 'last Monday', value: '2018-11-05' },
      { sentence: 'They met last Thursday.', text: 'last Thursday', value: '2018-11-01' },
      { sentence: 'They will meet next Monday.', text: 'next Monday', value: '2018-11-12' },
    ])('dates the weekday in $sentence to $value', (expected) => {
      expectSingleTimex(THURSDAY, { granularity: 'day', ...expected });
    });

    it.each<Expected>([
      // A month and day without a year: the latest such day in the past tense, the next in the future.
      { sentence: 'KCNA said November 2 that it would not move.', text: 'November 2', value: '2018-11-02' },
      {
        sentence: 'North Korea said December 3 that it would not move.',
        text: 'December 3',
        value: '2017-12-03',
      },
      { sentence: 'The statement was issued on Nov. 2.', text: 'Nov. 2', value: '2018-11-02' },
      { sentence: 'Kim will visit Seoul on December 3.', text: 'December 3', value: '2018-12-03' },
      { sentence: 'The summit will be held on December 3.', text: 'December 3', value: '2018-12-03' },
      { sentence: 'Talks will resume on November 2.', text: 'November 2', value: '2019-11-02' },
      // "since" looks back even where the nearest date would be ahead.
      {
        sentence: 'Police have been searching for him since the Dec. 20 shooting.',
        text: 'Dec. 20',
        value: '2017-12-20',
      },
    ])('dates $text in $sentence to $value', (expected) => {
      expectSingleTimex(THURSDAY, { granularity: 'day', ...expected });
    });

    it.each<Expected>([
      // A month alone: the latest such month in the past tense, the next in the future; the
      // reference month itself either way.
      {
        sentence: 'The talks were held in March.',
        text: 'March',
        value: '2018-03',
        range: ['2018-03-01', '2018-03-31'],
      },
      {
        sentence: 'The talks were held in December.',
        text: 'December',
        value: '2017-12',
        range: ['2017-12-01', '2017-12-31'],
      },
      {
        sentence: 'The parties will vote in March.',
        text: 'March',
        value: '2019-03',
        range: ['2019-03-01', '2019-03-31'],
      },
      {
        sentence: 'Elections will be held in March.',
        text: 'March',
        value: '2019-03',
        range: ['2019-03-01', '2019-03-31'],
      },
      {
        sentence: 'The parties will vote in November.',
        text: 'November',
        value: '2018-11',
        range: ['2018-11-01', '2018-11-30'],
      },
      {
        sentence: 'The talks were held in November.',
        text: 'November',
        value: '2018-11',
        range: ['2018-11-01', '2018-11-30'],
      },
    ])('dates the month in $sentence to $value', (expected) => {
      expectSingleTimex(THURSDAY, { granularity: 'month', ...expected });
    });

    it.each<Expected>([
      {
        sentence: "Pyongyang's threats over the weekend to restart its nuclear program increased tensions.",
        text: 'the weekend',
        value: '2018-W44-WE',
        range: ['2018-11-03', '2018-11-04'],
      },
      {
        sentence: 'They talked last weekend.',
        text: 'last weekend',
        value: '2018-W44-WE',
        range: ['2018-11-03', '2018-11-04'],
      },
      {
        sentence: 'The talks took place this weekend.',
        text: 'this weekend',
        value: '2018-W44-WE',
        range: ['2018-11-03', '2018-11-04'],
      },
      {
        sentence: 'Talks will take place this weekend.',
        text: 'this weekend',
        value: '2018-W45-WE',
        range: ['2018-11-10', '2018-11-11'],
      },
      {
        sentence: 'They will talk next weekend.',
        text: 'next weekend',
        value: '2018-W45-WE',
        range: ['2018-11-10', '2018-11-11'],
      },
    ])('dates $text in $sentence to $value', (expected) => {
      expectSingleTimex(THURSDAY, { granularity: 'weekend', ...expected });
    });

    it.each<Expected>([
      // "N units after <event>": the event lies N units before the reference.
      // With a date after it, the offset counts from that date (chrono's own merge).
      {
        sentence: 'The meeting happened two days after June 12.',
        text: 'two days after June 12',
        value: '2018-06-14',
        granularity: 'day',
      },
    ])('dates $text to $value', (expected) => {
      expectSingleTimex(THURSDAY, expected);
    });

    it.each<Expected>([
      // The part of a period keeps the period as value, the part as TIMEX3 mod.
      {
        sentence: 'Trump said he would meet Kim early next year.',
        text: 'early next year',
        value: '2019',
        granularity: 'year',
        mod: 'START',
        range: ['2019-01-01', '2019-03-31'],
      },
      {
        sentence: 'The deal was signed late last year.',
        text: 'late last year',
        value: '2017',
        granularity: 'year',
        mod: 'END',
        range: ['2017-10-01', '2017-12-31'],
      },
      {
        sentence: 'The report is due by the end of the month.',
        text: 'the end of the month',
        value: '2018-11',
        granularity: 'month',
        mod: 'END',
        range: ['2018-11-21', '2018-11-30'],
      },
      {
        sentence: 'Leaders will meet in mid-December.',
        text: 'mid-December',
        value: '2018-12',
        granularity: 'month',
        mod: 'MID',
        range: ['2018-12-11', '2018-12-20'],
      },
      {
        sentence: 'Leaders met in mid-December.',
        text: 'mid-December',
        value: '2017-12',
        granularity: 'month',
        mod: 'MID',
        range: ['2017-12-11', '2017-12-20'],
      },
      {
        sentence: 'They met in early March.',
        text: 'early March',
        value: '2018-03',
        granularity: 'month',
        mod: 'START',
        range: ['2018-03-01', '2018-03-10'],
      },
      {
        sentence: 'A second summit will take place in early 2019.',
        text: 'early 2019',
        value: '2019',
        granularity: 'year',
        mod: 'START',
        range: ['2019-01-01', '2019-03-31'],
      },
      {
        sentence: 'Sanctions were eased at the end of 2017.',
        text: 'the end of 2017',
        value: '2017',
        granularity: 'year',
        mod: 'END',
        range: ['2017-10-01', '2017-12-31'],
      },
    ])('dates $text to $value $mod', (expected) => {
      expectSingleTimex(THURSDAY, expected);
    });

    it.each<Expected>([
      // A whole calendar period named relative to the reference, at its own granularity.
      {
        sentence: 'Officials met last week.',
        text: 'last week',
        value: '2018-W44',
        granularity: 'week',
        range: ['2018-10-29', '2018-11-04'],
      },
      {
        sentence: 'Officials met this week.',
        text: 'this week',
        value: '2018-W45',
        granularity: 'week',
        range: ['2018-11-05', '2018-11-11'],
      },
      {
        sentence: 'Officials will meet next week.',
        text: 'next week',
        value: '2018-W46',
        granularity: 'week',
        range: ['2018-11-12', '2018-11-18'],
      },
      {
        sentence: 'Officials will meet next month.',
        text: 'next month',
        value: '2018-12',
        granularity: 'month',
        range: ['2018-12-01', '2018-12-31'],
      },
      {
        sentence: 'Exports fell last month.',
        text: 'last month',
        value: '2018-10',
        granularity: 'month',
        range: ['2018-10-01', '2018-10-31'],
      },
      {
        sentence: 'Revenue fell last quarter.',
        text: 'last quarter',
        value: '2018-Q3',
        granularity: 'quarter',
        range: ['2018-07-01', '2018-09-30'],
      },
      {
        sentence: 'Officials met last year.',
        text: 'last year',
        value: '2017',
        granularity: 'year',
        range: ['2017-01-01', '2017-12-31'],
      },
      {
        sentence: 'Officials will meet next year.',
        text: 'next year',
        value: '2019',
        granularity: 'year',
        range: ['2019-01-01', '2019-12-31'],
      },
    ])('dates $text to $value', (expected) => {
      expectSingleTimex(THURSDAY, expected);
    });

    it.each<Expected>([
      // chrono's casual references and relative dates, resolved on the article's own day.
      { sentence: 'Officials met yesterday.', text: 'yesterday', value: '2018-11-07', granularity: 'day' },
      { sentence: 'They will meet tomorrow.', text: 'tomorrow', value: '2018-11-09', granularity: 'day' },
      { sentence: 'He spoke last night.', text: 'last night', value: '2018-11-07TNI', granularity: 'time' },
      {
        sentence: 'It happened two days ago.',
        text: 'two days ago',
        value: '2018-11-06',
        granularity: 'day',
      },
      {
        sentence: 'It happened five months ago.',
        text: 'five months ago',
        value: '2018-06',
        granularity: 'month',
        range: ['2018-06-01', '2018-06-30'],
      },
      // "A relative date … is as fine as its unit" (granularityOf): a week, like "last week".
      {
        sentence: 'It happened three weeks ago.',
        text: 'three weeks ago',
        value: '2018-W42',
        granularity: 'week',
        range: ['2018-10-15', '2018-10-21'],
      },
      {
        sentence: 'He spoke at 2:30 pm on Tuesday.',
        text: '2:30 pm on Tuesday',
        value: '2018-11-06T14:30',
        granularity: 'time',
      },
    ])('dates $text to $value', (expected) => {
      expectSingleTimex(THURSDAY, expected);
    });

    it('types a time of day TIME and a day DATE', () => {
      expect(tagTimexes('He spoke at 2:30 pm on Tuesday.', THURSDAY)[0]?.type).toBe('TIME');
      expect(tagTimexes('He spoke on Tuesday.', THURSDAY)[0]?.type).toBe('DATE');
    });

    it('tags "right now" as the present, with no day and no range', () => {
      const timex = expectSingleTimex(THURSDAY, {
        sentence: 'One of the concerns right now is that South Korea gets ahead.',
        text: 'right now',
        value: 'PRESENT_REF',
        granularity: 'vague',
      });
      expect(timex.type).toBe('DATE');
      expect(timex.range).toBeUndefined();
    });

    it('tags each of several expressions, in order, with offsets into the sentence', () => {
      const sentence = 'Trump said Wednesday that talks held last week would resume next month.';
      expect(
        tagTimexes(sentence, THURSDAY).map(({ text, start, end, value }) => ({ text, start, end, value })),
      ).toEqual([
        { text: 'Wednesday', start: 11, end: 20, value: '2018-11-07' },
        { text: 'last week', start: 37, end: 46, value: '2018-W44' },
        { text: 'next month', start: 60, end: 70, value: '2018-12' },
      ]);
    });
  });

  describe('in any article zone', () => {
    // The reference is a calendar day in the article's zone; the zone itself must not move
    // relative dates, even at UTC+14 or UTC-11 where noon there is another day in UTC.
    it.each(['America/New_York', 'UTC', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
      'resolves relative days against 2018-11-08 in %s',
      (timezone) => {
        const reference = { date: { year: 2018, month: 11, day: 8 }, timezone };
        const values = (sentence: string): string[] =>
          tagTimexes(sentence, reference).map((timex) => timex.value);
        expect({
          wednesday: values('Trump told reporters Wednesday the talks were going fine.'),
          yesterday: values('Officials met yesterday.'),
          lateYesterday: values('He arrived at 11:30 pm yesterday.'),
          lastNight: values('He spoke last night.'),
          tomorrow: values('They will meet tomorrow.'),
          lastWeek: values('Officials met last week.'),
        }).toEqual({
          wednesday: ['2018-11-07'],
          yesterday: ['2018-11-07'],
          lateYesterday: ['2018-11-07T23:30'],
          lastNight: ['2018-11-07TNI'],
          tomorrow: ['2018-11-09'],
          lastWeek: ['2018-W44'],
        });
      },
    );
  });

  describe('negative cases', () => {
    it.each([
      'The announcement came in the middle of the night as results were coming in.',
      'He spoke in the morning.',
      'It happened at night.',
      'The missiles have stopped. The hostages are home.',
      'Officials may meet soon.',
      'The DPRK will not move even 1 mm, how costly it may be.',
      'In the meantime, tensions rose.',
      'Schedules change all of the time, in fact.',
    ])('finds no date in "%s"', (sentence) => {
      expect(tagTimexes(sentence, THURSDAY)).toEqual([]);
    });

    it('reads "currently" as the present, a reference with no calendar span', () => {
      const timexes = tagTimexes('28,500 troops are currently stationed on the peninsula.', THURSDAY);
      expect(timexes.map((timex) => [timex.text, timex.value, timex.range])).toEqual([
        ['currently', 'PRESENT_REF', undefined],
      ]);
    });
  });

  describe('on a Saturday, a Sunday and a Monday', () => {
    it.each([
      // On a Saturday or a Sunday, "the weekend" is the one under way.
      {
        reference: SATURDAY,
        sentence: 'Pyongyang threatened over the weekend to resume tests.',
        text: 'the weekend',
        value: '2018-W45-WE',
      },
      {
        reference: SUNDAY,
        sentence: 'Pyongyang threatened over the weekend to resume tests.',
        text: 'the weekend',
        value: '2018-W45-WE',
      },
      {
        reference: SATURDAY,
        sentence: 'Talks will take place this weekend.',
        text: 'this weekend',
        value: '2018-W45-WE',
      },
      {
        reference: SUNDAY,
        sentence: 'Talks will take place this weekend.',
        text: 'this weekend',
        value: '2018-W45-WE',
      },
      // "last weekend" is the one before the reference week, "next weekend" the one after it.
      {
        reference: SATURDAY,
        sentence: 'They talked last weekend.',
        text: 'last weekend',
        value: '2018-W44-WE',
      },
      {
        reference: SUNDAY,
        sentence: 'They talked last weekend.',
        text: 'last weekend',
        value: '2018-W44-WE',
      },
      {
        reference: SATURDAY,
        sentence: 'They will talk next weekend.',
        text: 'next weekend',
        value: '2018-W46-WE',
      },
      {
        reference: SUNDAY,
        sentence: 'They will talk next weekend.',
        text: 'next weekend',
        value: '2018-W46-WE',
      },
      // On a Monday the weekend just gone is also "last weekend".
      {
        reference: MONDAY,
        sentence: 'Pyongyang threatened over the weekend to resume tests.',
        text: 'the weekend',
        value: '2018-W45-WE',
      },
      {
        reference: MONDAY,
        sentence: 'They talked last weekend.',
        text: 'last weekend',
        value: '2018-W45-WE',
      },
    ])('reads $text on $reference.date.day November as $value', ({ reference, ...expected }) => {
      const saturday = expected.value === '2018-W44-WE' ? 3 : expected.value === '2018-W45-WE' ? 10 : 17;
      expectSingleTimex(reference, {
        ...expected,
        granularity: 'weekend',
        range: [
          iso({ year: 2018, month: 11, day: saturday }),
          iso({ year: 2018, month: 11, day: saturday + 1 }),
        ],
      });
    });

    it.each([
      { sentence: 'Dunford hinted Monday that there was progress.', text: 'Monday', value: '2018-11-05' },
      { sentence: 'Officials met yesterday.', text: 'yesterday', value: '2018-11-10' },
      { sentence: 'Envoys will meet on Saturday.', text: 'Saturday', value: '2018-11-17' },
      { sentence: 'Envoys met on Saturday.', text: 'Saturday', value: '2018-11-10' },
    ])('reads $text on Sunday 11 November as $value', (expected) => {
      expectSingleTimex(SUNDAY, { granularity: 'day', ...expected });
    });
  });

  describe('around the turn of a year', () => {
    it.each([
      {
        reference: newYork(2019, 1, 1),
        sentence: 'Officials met last week.',
        text: 'last week',
        value: '2018-W52',
        range: ['2018-12-24', '2018-12-30'],
      },
      {
        reference: newYork(2019, 1, 1),
        sentence: 'Pyongyang threatened over the weekend to resume tests.',
        text: 'the weekend',
        value: '2018-W52-WE',
        range: ['2018-12-29', '2018-12-30'],
      },
      {
        reference: newYork(2019, 1, 1),
        sentence: 'KCNA said December 3 that it would not move.',
        text: 'December 3',
        value: '2018-12-03',
      },
      {
        reference: newYork(2019, 1, 1),
        sentence: 'Dunford hinted Monday that there was progress.',
        text: 'Monday',
        value: '2018-12-31',
      },
      // ISO 8601 weeks: Monday 2018-12-31 is in week 1 of 2019.
      {
        reference: newYork(2018, 12, 31),
        sentence: 'Officials met this week.',
        text: 'this week',
        value: '2019-W01',
        range: ['2018-12-31', '2019-01-06'],
      },
      {
        reference: newYork(2018, 12, 31),
        sentence: 'Talks will resume in January.',
        text: 'January',
        value: '2019-01',
        range: ['2019-01-01', '2019-01-31'],
      },
    ] satisfies Array<Expected & { reference: ReferenceDate }>)(
      'reads $text on $reference.date.year-$reference.date.month-$reference.date.day as $value',
      ({ reference, ...expected }) => {
        expectSingleTimex(reference, expected);
      },
    );
  });
});
