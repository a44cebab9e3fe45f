import { describe, expect, it } from 'vitest';
import type { EventDate } from '../../../src/core/events.ts';
import { dateInWords, dayInWords } from '../../../src/core/export/date-in-words.ts';

const day = (value: string): EventDate => ({
  value,
  start: value.slice(0, 10),
  end: value.slice(0, 10),
  granularity: 'time',
});

describe('dateInWords', () => {
  it.each<{ date: EventDate; expected: string }>([
    { date: day('2018-11-02T00:05'), expected: '12:05 a.m., November 2, 2018' },
    { date: day('2018-11-02T12:00'), expected: '12:00 p.m., November 2, 2018' },
    { date: day('2018-11-02T23:59:07'), expected: '11:59:07 p.m., November 2, 2018' },
    {
      date: { value: '0998', start: '0998-01-01', end: '0998-12-31', granularity: 'year' },
      expected: '998',
    },
    {
      date: { value: '020', start: '0200-01-01', end: '0209-12-31', granularity: 'decade' },
      expected: '200s',
    },
    {
      date: { value: '10', start: '1000-01-01', end: '1099-12-31', granularity: 'century' },
      expected: '11th century',
    },
    {
      date: { value: '21', start: '2100-01-01', end: '2199-12-31', granularity: 'century' },
      expected: '22nd century',
    },
    {
      date: { value: '22', start: '2200-01-01', end: '2299-12-31', granularity: 'century' },
      expected: '23rd century',
    },
    {
      date: { value: '2019-WI', start: '2019-12-01', end: '2020-02-29', granularity: 'season', mod: 'END' },
      expected: 'late winter 2019–20',
    },
  ])('says $date.value as "$expected"', ({ date, expected }) => {
    expect(dateInWords(date)).toBe(expected);
  });

  it('refuses a day that is not one, naming it', () => {
    expect(() => dayInWords('2018-02-30')).toThrow('"2018-02-30" is not a calendar day (YYYY-MM-DD)');
  });
});
