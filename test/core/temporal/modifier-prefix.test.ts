import { describe, expect, it } from 'vitest';
import { tagTimexes } from '../../../src/core/temporal/tag-timexes.ts';

// The words that qualify a point in time are inside its expression (the families note: "fuzzy
// words are inside"), in sentences of our own.
const THURSDAY = { date: { year: 2018, month: 11, day: 8 }, timezone: 'UTC' };
const tagged = (sentence: string) =>
  tagTimexes(sentence, THURSDAY).map((timex) => [timex.text, timex.type, timex.value, timex.mod]);

describe('qualifiers of a point in time', () => {
  it.each([
    ['Talks resume around Nov. 1.', 'around Nov. 1', 'DATE', '2018-11-01', 'APPROX'],
    ['It closed about two years ago.', 'about two years ago', 'DATE', '2016', 'APPROX'],
    [
      'The blast came at approximately 7:15 p.m. local time.',
      'approximately 7:15 p.m.',
      'TIME',
      '2018-11-08T19:15',
      'APPROX',
    ],
    ['Sales rose earlier this year.', 'earlier this year', 'DATE', '2018', undefined],
    ['He spoke late yesterday.', 'late yesterday', 'DATE', '2018-11-07', undefined],
    // A length keeps its own hedge and mod.
    ['The strike lasted about three weeks.', 'about three weeks', 'DURATION', 'P3W', 'APPROX'],
  ])('%s → %s', (sentence, text, type, value, mod) => {
    expect(tagged(sentence)).toEqual([[text, type, value, mod]]);
  });

  it.each([
    // "only" and "just" are outside in every corpus and carry no mod.
    ['He arrived only yesterday.', 'yesterday', '2018-11-07'],
    ['The firm was founded just last year.', 'last year', '2017'],
    // "sometime" says no more than the date.
    ['A second summit could come sometime next year.', 'next year', '2019'],
    // Not before a weekday: "earlier Sunday" is split in the corpora, and the guidelines are silent.
    ['Earlier Sunday, rebels left the town.', 'Sunday', '2018-11-04'],
  ])('%s → %s alone', (sentence, text, value) => {
    expect(tagged(sentence)).toEqual([[text, 'DATE', value, undefined]]);
  });
});
