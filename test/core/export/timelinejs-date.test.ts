import { describe, expect, it } from 'vitest';
import type { EventDate } from '../../../src/core/events.ts';
import { timelineJsDateOf } from '../../../src/core/export/timelinejs-date.ts';
import type { Granularity, TimexMod } from '../../../src/core/temporal/timex.ts';

const date = (
  value: string,
  granularity: Granularity,
  start: string,
  end: string,
  mod?: TimexMod,
): EventDate => ({ value, start, end, granularity, ...(mod ? { mod } : {}) });

describe('timelineJsDateOf', () => {
  // Every form of value of schema/timeline.schema.json's eventDate and of Timex (halves are
  // granularity 'vague' there), plain and with each mod: start/end are the days the events layer
  // gives (src/core/temporal/period-range.ts narrows a month or a year by START, MID, END).
  it.each([
    // A clock time, a day, a month and a year: TimelineJS says them itself.
    {
      date: date('2018-11-02T14:30', 'time', '2018-11-02', '2018-11-02'),
      expected: { start_date: { year: 2018, month: 11, day: 2, hour: 14, minute: 30 } },
    },
    {
      date: date('2018-11-02T07:15:30', 'time', '2018-11-02', '2018-11-02'),
      expected: { start_date: { year: 2018, month: 11, day: 2, hour: 7, minute: 15, second: 30 } },
    },
    {
      date: date('2018-11-02', 'day', '2018-11-02', '2018-11-02'),
      expected: { start_date: { year: 2018, month: 11, day: 2 } },
    },
    {
      date: date('2018-06', 'month', '2018-06-01', '2018-06-30'),
      expected: { start_date: { year: 2018, month: 6 } },
    },
    {
      date: date('2020-02', 'month', '2020-02-01', '2020-02-29'),
      expected: { start_date: { year: 2020, month: 2 } },
    },
    { date: date('2019', 'year', '2019-01-01', '2019-12-31'), expected: { start_date: { year: 2019 } } },
    // Parts of day: the day, and the part in words.
    {
      date: date('2018-11-06TMO', 'time', '2018-11-06', '2018-11-06'),
      expected: {
        start_date: { year: 2018, month: 11, day: 6 },
        display_date: 'morning of November 6, 2018',
      },
    },
    {
      date: date('2018-11-06TMI', 'time', '2018-11-06', '2018-11-06'),
      expected: { start_date: { year: 2018, month: 11, day: 6 }, display_date: 'midday of November 6, 2018' },
    },
    {
      date: date('2018-11-06TAF', 'time', '2018-11-06', '2018-11-06'),
      expected: {
        start_date: { year: 2018, month: 11, day: 6 },
        display_date: 'afternoon of November 6, 2018',
      },
    },
    {
      date: date('2018-11-06TEV', 'time', '2018-11-06', '2018-11-06'),
      expected: {
        start_date: { year: 2018, month: 11, day: 6 },
        display_date: 'evening of November 6, 2018',
      },
    },
    {
      date: date('2018-11-06TNI', 'time', '2018-11-06', '2018-11-06'),
      expected: { start_date: { year: 2018, month: 11, day: 6 }, display_date: 'night of November 6, 2018' },
    },
    {
      date: date('2018-11-06TDT', 'time', '2018-11-06', '2018-11-06'),
      expected: {
        start_date: { year: 2018, month: 11, day: 6 },
        display_date: 'daytime of November 6, 2018',
      },
    },
    // Periods TimelineJS has no unit for: their days, and words.
    {
      date: date('2018-W44-WE', 'weekend', '2018-11-03', '2018-11-04'),
      expected: {
        start_date: { year: 2018, month: 11, day: 3 },
        end_date: { year: 2018, month: 11, day: 4 },
        display_date: 'weekend of November 3–4, 2018',
      },
    },
    {
      date: date('2018-W13-WE', 'weekend', '2018-03-31', '2018-04-01'),
      expected: {
        start_date: { year: 2018, month: 3, day: 31 },
        end_date: { year: 2018, month: 4, day: 1 },
        display_date: 'weekend of March 31 – April 1, 2018',
      },
    },
    {
      date: date('2022-W52-WE', 'weekend', '2022-12-31', '2023-01-01'),
      expected: {
        start_date: { year: 2022, month: 12, day: 31 },
        end_date: { year: 2023, month: 1, day: 1 },
        display_date: 'weekend of December 31, 2022 – January 1, 2023',
      },
    },
    {
      date: date('2018-W44', 'week', '2018-10-29', '2018-11-04'),
      expected: {
        start_date: { year: 2018, month: 10, day: 29 },
        end_date: { year: 2018, month: 11, day: 4 },
        display_date: 'week of October 29, 2018',
      },
    },
    {
      date: date('2019-Q1', 'quarter', '2019-01-01', '2019-03-31'),
      expected: {
        start_date: { year: 2019, month: 1, day: 1 },
        end_date: { year: 2019, month: 3, day: 31 },
        display_date: 'first quarter of 2019',
      },
    },
    {
      date: date('2019-Q4', 'quarter', '2019-10-01', '2019-12-31'),
      expected: {
        start_date: { year: 2019, month: 10, day: 1 },
        end_date: { year: 2019, month: 12, day: 31 },
        display_date: 'fourth quarter of 2019',
      },
    },
    {
      date: date('2018-H1', 'vague', '2018-01-01', '2018-06-30'),
      expected: {
        start_date: { year: 2018, month: 1, day: 1 },
        end_date: { year: 2018, month: 6, day: 30 },
        display_date: 'first half of 2018',
      },
    },
    {
      date: date('2018-H2', 'vague', '2018-07-01', '2018-12-31'),
      expected: {
        start_date: { year: 2018, month: 7, day: 1 },
        end_date: { year: 2018, month: 12, day: 31 },
        display_date: 'second half of 2018',
      },
    },
    {
      date: date('2018-SP', 'season', '2018-03-01', '2018-05-31'),
      expected: {
        start_date: { year: 2018, month: 3, day: 1 },
        end_date: { year: 2018, month: 5, day: 31 },
        display_date: 'spring 2018',
      },
    },
    {
      date: date('2018-SU', 'season', '2018-06-01', '2018-08-31'),
      expected: {
        start_date: { year: 2018, month: 6, day: 1 },
        end_date: { year: 2018, month: 8, day: 31 },
        display_date: 'summer 2018',
      },
    },
    {
      date: date('2018-FA', 'season', '2018-09-01', '2018-11-30'),
      expected: {
        start_date: { year: 2018, month: 9, day: 1 },
        end_date: { year: 2018, month: 11, day: 30 },
        display_date: 'fall 2018',
      },
    },
    {
      date: date('2018-WI', 'season', '2018-12-01', '2019-02-28'),
      expected: {
        start_date: { year: 2018, month: 12, day: 1 },
        end_date: { year: 2019, month: 2, day: 28 },
        display_date: 'winter 2018–19',
      },
    },
    {
      date: date('199', 'decade', '1990-01-01', '1999-12-31'),
      expected: {
        start_date: { year: 1990, month: 1, day: 1 },
        end_date: { year: 1999, month: 12, day: 31 },
        display_date: '1990s',
      },
    },
    {
      date: date('200', 'decade', '2000-01-01', '2009-12-31'),
      expected: {
        start_date: { year: 2000, month: 1, day: 1 },
        end_date: { year: 2009, month: 12, day: 31 },
        display_date: '2000s',
      },
    },
    {
      date: date('19', 'century', '1900-01-01', '1999-12-31'),
      expected: {
        start_date: { year: 1900, month: 1, day: 1 },
        end_date: { year: 1999, month: 12, day: 31 },
        display_date: '20th century',
      },
    },
    {
      date: date('20', 'century', '2000-01-01', '2099-12-31'),
      expected: {
        start_date: { year: 2000, month: 1, day: 1 },
        end_date: { year: 2099, month: 12, day: 31 },
        display_date: '21st century',
      },
    },
    // START, MID, END narrow a month to its thirds and a year to Jan–Mar, Apr–Sep, Oct–Dec.
    {
      date: date('2019', 'year', '2019-01-01', '2019-03-31', 'START'),
      expected: {
        start_date: { year: 2019, month: 1, day: 1 },
        end_date: { year: 2019, month: 3, day: 31 },
        display_date: 'early 2019',
      },
    },
    {
      date: date('2019', 'year', '2019-04-01', '2019-09-30', 'MID'),
      expected: {
        start_date: { year: 2019, month: 4, day: 1 },
        end_date: { year: 2019, month: 9, day: 30 },
        display_date: 'mid-2019',
      },
    },
    {
      date: date('2019', 'year', '2019-10-01', '2019-12-31', 'END'),
      expected: {
        start_date: { year: 2019, month: 10, day: 1 },
        end_date: { year: 2019, month: 12, day: 31 },
        display_date: 'late 2019',
      },
    },
    {
      date: date('2018-11', 'month', '2018-11-01', '2018-11-10', 'START'),
      expected: {
        start_date: { year: 2018, month: 11, day: 1 },
        end_date: { year: 2018, month: 11, day: 10 },
        display_date: 'early November 2018',
      },
    },
    {
      date: date('2018-11', 'month', '2018-11-11', '2018-11-20', 'MID'),
      expected: {
        start_date: { year: 2018, month: 11, day: 11 },
        end_date: { year: 2018, month: 11, day: 20 },
        display_date: 'mid-November 2018',
      },
    },
    {
      date: date('2018-11', 'month', '2018-11-21', '2018-11-30', 'END'),
      expected: {
        start_date: { year: 2018, month: 11, day: 21 },
        end_date: { year: 2018, month: 11, day: 30 },
        display_date: 'late November 2018',
      },
    },
    // Other units keep their whole span under START, MID, END; the words say the part.
    {
      date: date('199', 'decade', '1990-01-01', '1999-12-31', 'START'),
      expected: {
        start_date: { year: 1990, month: 1, day: 1 },
        end_date: { year: 1999, month: 12, day: 31 },
        display_date: 'early 1990s',
      },
    },
    {
      date: date('199', 'decade', '1990-01-01', '1999-12-31', 'MID'),
      expected: {
        start_date: { year: 1990, month: 1, day: 1 },
        end_date: { year: 1999, month: 12, day: 31 },
        display_date: 'mid-1990s',
      },
    },
    {
      date: date('199', 'decade', '1990-01-01', '1999-12-31', 'END'),
      expected: {
        start_date: { year: 1990, month: 1, day: 1 },
        end_date: { year: 1999, month: 12, day: 31 },
        display_date: 'late 1990s',
      },
    },
    {
      date: date('19', 'century', '1900-01-01', '1999-12-31', 'START'),
      expected: {
        start_date: { year: 1900, month: 1, day: 1 },
        end_date: { year: 1999, month: 12, day: 31 },
        display_date: 'early 20th century',
      },
    },
    {
      date: date('2018-SU', 'season', '2018-06-01', '2018-08-31', 'MID'),
      expected: {
        start_date: { year: 2018, month: 6, day: 1 },
        end_date: { year: 2018, month: 8, day: 31 },
        display_date: 'mid-summer 2018',
      },
    },
    {
      date: date('2018-W45', 'week', '2018-11-05', '2018-11-11', 'START'),
      expected: {
        start_date: { year: 2018, month: 11, day: 5 },
        end_date: { year: 2018, month: 11, day: 11 },
        display_date: 'start of the week of November 5, 2018',
      },
    },
    {
      date: date('2019-Q1', 'quarter', '2019-01-01', '2019-03-31', 'MID'),
      expected: {
        start_date: { year: 2019, month: 1, day: 1 },
        end_date: { year: 2019, month: 3, day: 31 },
        display_date: 'middle of the first quarter of 2019',
      },
    },
    {
      date: date('2018-W44-WE', 'weekend', '2018-11-03', '2018-11-04', 'END'),
      expected: {
        start_date: { year: 2018, month: 11, day: 3 },
        end_date: { year: 2018, month: 11, day: 4 },
        display_date: 'end of the weekend of November 3–4, 2018',
      },
    },
    {
      date: date('2018-11-06TMO', 'time', '2018-11-06', '2018-11-06', 'START'),
      expected: {
        start_date: { year: 2018, month: 11, day: 6 },
        display_date: 'start of the morning of November 6, 2018',
      },
    },
    // A mod on a native date keeps the date and adds the words.
    {
      date: date('2018-11-01', 'day', '2018-11-01', '2018-11-01', 'APPROX'),
      expected: { start_date: { year: 2018, month: 11, day: 1 }, display_date: 'about November 1, 2018' },
    },
    {
      date: date('2018-11-02T19:15', 'time', '2018-11-02', '2018-11-02', 'APPROX'),
      expected: {
        start_date: { year: 2018, month: 11, day: 2, hour: 19, minute: 15 },
        display_date: 'about 7:15 p.m., November 2, 2018',
      },
    },
    {
      date: date('2018-11', 'month', '2018-11-01', '2018-11-30', 'APPROX'),
      expected: { start_date: { year: 2018, month: 11 }, display_date: 'about November 2018' },
    },
    {
      date: date('2018-11-01', 'day', '2018-11-01', '2018-11-01', 'BEFORE'),
      expected: { start_date: { year: 2018, month: 11, day: 1 }, display_date: 'before November 1, 2018' },
    },
    {
      date: date('2019', 'year', '2019-01-01', '2019-12-31', 'AFTER'),
      expected: { start_date: { year: 2019 }, display_date: 'after 2019' },
    },
    {
      date: date('199', 'decade', '1990-01-01', '1999-12-31', 'BEFORE'),
      expected: {
        start_date: { year: 1990, month: 1, day: 1 },
        end_date: { year: 1999, month: 12, day: 31 },
        display_date: 'before the 1990s',
      },
    },
    {
      date: date('2018-W44', 'week', '2018-10-29', '2018-11-04', 'APPROX'),
      expected: {
        start_date: { year: 2018, month: 10, day: 29 },
        end_date: { year: 2018, month: 11, day: 4 },
        display_date: 'about the week of October 29, 2018',
      },
    },
    // The duration mods (TimeML 1.2.1, 2.2) compare points when they end up on a date.
    {
      date: date('2018-11-01', 'day', '2018-11-01', '2018-11-01', 'LESS_THAN'),
      expected: {
        start_date: { year: 2018, month: 11, day: 1 },
        display_date: 'earlier than November 1, 2018',
      },
    },
    {
      date: date('2018-06', 'month', '2018-06-01', '2018-06-30', 'MORE_THAN'),
      expected: { start_date: { year: 2018, month: 6 }, display_date: 'later than June 2018' },
    },
    {
      date: date('2020', 'year', '2020-01-01', '2020-12-31', 'EQUAL_OR_LESS'),
      expected: { start_date: { year: 2020 }, display_date: 'no later than 2020' },
    },
    {
      date: date('2019-Q3', 'quarter', '2019-07-01', '2019-09-30', 'EQUAL_OR_MORE'),
      expected: {
        start_date: { year: 2019, month: 7, day: 1 },
        end_date: { year: 2019, month: 9, day: 30 },
        display_date: 'no earlier than the third quarter of 2019',
      },
    },
    // A value of no form above (one a later tagger adds) is said by its days.
    {
      date: date('2018-W44-1', 'vague', '2018-10-29', '2018-10-31'),
      expected: {
        start_date: { year: 2018, month: 10, day: 29 },
        end_date: { year: 2018, month: 10, day: 31 },
        display_date: 'October 29–31, 2018',
      },
    },
  ])('maps $date.value ($date.granularity $date.mod)', ({ date: input, expected }) => {
    expect(timelineJsDateOf(input)).toEqual(expected);
  });

  const KINDS: readonly EventDate[] = [
    date('2018-11-02T14:30', 'time', '2018-11-02', '2018-11-02'),
    date('2018-11-06TEV', 'time', '2018-11-06', '2018-11-06'),
    date('2018-11-02', 'day', '2018-11-02', '2018-11-02'),
    date('2018-W44-WE', 'weekend', '2018-11-03', '2018-11-04'),
    date('2018-W44', 'week', '2018-10-29', '2018-11-04'),
    date('2018-06', 'month', '2018-06-01', '2018-06-30'),
    date('2019-Q2', 'quarter', '2019-04-01', '2019-06-30'),
    date('2018-H2', 'vague', '2018-07-01', '2018-12-31'),
    date('2018-FA', 'season', '2018-09-01', '2018-11-30'),
    date('2019', 'year', '2019-01-01', '2019-12-31'),
    date('201', 'decade', '2010-01-01', '2019-12-31'),
    date('20', 'century', '2000-01-01', '2099-12-31'),
  ];
  const MODS: readonly TimexMod[] = [
    'START',
    'MID',
    'END',
    'APPROX',
    'BEFORE',
    'AFTER',
    'LESS_THAN',
    'MORE_THAN',
    'EQUAL_OR_LESS',
    'EQUAL_OR_MORE',
  ];

  it.each(KINDS.flatMap((kind) => MODS.map((mod) => ({ kind, mod }))))(
    'places $kind.value with $mod on its days and says the mod in words',
    ({ kind, mod }) => {
      const plain = timelineJsDateOf(kind);
      const modded = timelineJsDateOf({ ...kind, mod });
      // Same days as without the mod (these spans are the unnarrowed ones), words always.
      expect(modded.start_date).toEqual(plain.start_date);
      expect(modded.end_date).toEqual(plain.end_date);
      expect(modded.display_date).toMatch(
        /^(?:early |mid-|late |start of |middle of |end of |about |before |after |earlier than |later than |no later than |no earlier than )/,
      );
      expect(modded.display_date).not.toMatch(/undefined|NaN/);
    },
  );
});
