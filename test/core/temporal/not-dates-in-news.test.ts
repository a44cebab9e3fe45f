import { describe, expect, it } from 'vitest';
import { tagTimexes } from '../../../src/core/temporal/tag-timexes.ts';

// Prices and index levels beside a date are no clock time, and titles no date, in sentences of
// our own.
const THURSDAY = { date: { year: 2018, month: 11, day: 8 }, timezone: 'UTC' };
const tagged = (sentence: string) =>
  tagTimexes(sentence, THURSDAY).map((timex) => [timex.text, timex.type, timex.value]);

describe('a number beside a date is no time', () => {
  it.each([
    ['The franc closed Jan. 2, 2017 at 1,015 to the pound.', [['Jan. 2, 2017', 'DATE', '2017-01-02']]],
    ['The index ended the day at 7,114.3 points.', [['the day', 'DATE', '2018-11-08']]],
    ['Shares rose to 6.43, on Friday.', [['Friday', 'DATE', '2018-11-02']]],
  ])('%s', (sentence, expected) => {
    expect(tagged(sentence)).toEqual(expected);
  });

  it.each([
    ['They met at 10 a.m. on Friday.', [['10 a.m. on Friday', 'TIME', '2018-11-02T10:00']]],
    // The period of "p.m." is the abbreviation's, unless it also ends the sentence.
    ['They met at 3 p.m. and left.', [['3 p.m.', 'TIME', '2018-11-08T15:00']]],
    ['They met at 3 p.m.', [['3 p.m', 'TIME', '2018-11-08T15:00']]],
    ['The vote ended at 3:30 p.m. EST.', [['3:30 p.m. EST', 'TIME', '2018-11-08T15:30']]],
    // An hour alone is left as chrono reads it: "at 7 on Friday" may well be a time.
    ['He arrived at 7 on Friday.', [['7 on Friday', 'TIME', '2018-11-02T07:00']]],
  ])('keeps a clock time: %s', (sentence, expected) => {
    expect(tagged(sentence)).toEqual(expected);
  });
});

describe('a title is no date', () => {
  it.each([
    [`He told ABC's "This Week" that talks would go on.`, []],
    ['The minister spoke to USA Today on Monday.', [['Monday', 'DATE', '2018-11-05']]],
    ['You are listening to VOA Today.', []],
  ])('%s', (sentence, expected) => {
    expect(tagged(sentence)).toEqual(expected);
  });

  it.each([
    ['Today, the minister resigned.', [['Today', 'DATE', '2018-11-08']]],
    ['He said "this week" was decisive.', [['this week', 'DATE', '2018-W45']]],
  ])('keeps a date: %s', (sentence, expected) => {
    expect(tagged(sentence)).toEqual(expected);
  });
});
