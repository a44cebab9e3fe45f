import { describe, expect, it } from 'vitest';
import { tagDocument } from '../../../src/core/temporal/tag-document.ts';

// The SET family of ../shared/notes/timex3-families.md, in sentences of our own.
const THURSDAY = { date: { year: 2018, month: 11, day: 8 }, timezone: 'UTC' };
const tagged = (sentence: string) =>
  tagDocument(sentence, THURSDAY).map((timex) => [timex.text, timex.type, timex.value]);

describe('sets: recurrences', () => {
  it.each([
    ['The market opens every Monday.', 'every Monday', 'XXXX-WXX-1'],
    ['Shops close on Sundays.', 'Sundays', 'XXXX-WXX-7'],
    ['She calls each morning.', 'each morning', 'XXXX-XX-XXTMO'],
    ['The band plays every evening.', 'every evening', 'XXXX-XX-XXTEV'],
    ['The paper is published daily.', 'daily', 'P1D'],
    ['The report comes out weekly.', 'weekly', 'P1W'],
    ['Prices are reviewed each year.', 'each year', 'P1Y'],
    ['He visits every other week.', 'every other week', 'P2W'],
    ['They meet every three years.', 'every three years', 'P3Y'],
    ['The board meets every 6 months.', 'every 6 months', 'P6M'],
    ['Reports are filed every two quarters.', 'every two quarters', 'P6M'],
    ['They meet twice a week.', 'twice a week', 'P1W'],
    ['The committee sits three times a year.', 'three times a year', 'P1Y'],
    ['The tank is refilled once a month.', 'once a month', 'P1M'],
  ])('%s → %s %s', (sentence, text, value) => {
    expect(tagged(sentence)).toEqual([[text, 'SET', value]]);
  });

  it.each([
    // A rate of money or a count is no set (the guidelines tag no TIMEX3 there).
    ['It costs $2 million a year.', []],
    // Without "every", a count of periods is a duration.
    ['They met for three years.', [['three years', 'DURATION', 'P3Y']]],
    // A vague count makes no period of a set.
    ['They meet every few years.', [['few years', 'DURATION', 'PXY']]],
  ])('not a set: %s', (sentence, expected) => {
    expect(tagged(sentence)).toEqual(expected);
  });
});
