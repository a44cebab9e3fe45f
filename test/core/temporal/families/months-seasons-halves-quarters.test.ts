import { describe, expect, it } from 'vitest';
import { tagDocument } from '../../../../src/core/temporal/tag-document.ts';
import { expectRow, THURSDAY, type TimexRow } from '../../../support/expect-timexes.ts';

// Months, seasons, halves and quarters (../shared/notes/timex3-families.md), in sentences of our
// own, read on Thursday 2018-11-08 (UTC).
describe('months, seasons, halves and quarters', () => {
  it.each<TimexRow>([
    // A month alone points by tense: the past one in the past tense, the next in the future.
    ['Exports fell in [October].', 'DATE 2018-10'],
    ['The vote will be held in [March].', 'DATE 2019-03'],
    ['The vote was held [last March].', 'DATE 2018-03'],
    ['The vote will be held [next March].', 'DATE 2019-03'],
    ['The vote was held [this March].', 'DATE 2018-03'],
    ['The vote was held in [March 2016].', 'DATE 2016-03'],
    ['Exports rose [this month].', 'DATE 2018-11'],
    ['Exports rose [earlier this month].', 'DATE 2018-11'],
    ['Exports will rise [later this month].', 'DATE 2018-11'],
  ])('a month: %s', expectRow);

  it.each<TimexRow>([
    ['Exports rose in [late October].', 'DATE 2018-10 END'],
    ['Exports rose at [the beginning of October].', 'DATE 2018-10 START'],
    ['Exports rose at [the end of October].', 'DATE 2018-10 END'],
    ['The dam burst in [mid-May 1998].', 'DATE 1998-05 MID'],
    ['The dam burst in [early March, 2016].', 'DATE 2016-03 START'],
  ])('a part of a month: %s', expectRow);

  it.each<TimexRow>([
    ['The plant closed [last spring].', 'DATE 2018-SP'],
    ['The plant opened in [the summer of 2016].', 'DATE 2016-SU'],
    ['The plant opened in [summer 2016].', 'DATE 2016-SU'],
    ['The plant opened [this summer].', 'DATE 2018-SU'],
    ['The plant closed [last autumn].', 'DATE 2017-FA'],
    ['The plant closed in [the fall].', 'DATE 2018-FA'],
    ['The plant will open [next summer].', 'DATE 2019-SU'],
    // "the spring" by the tense, as a month.
    ['The plant will open in [the spring].', 'DATE 2019-SP'],
    ['The plant closed in [the spring].', 'DATE 2018-SP'],
    ['The plant will close in [the winter].', 'DATE 2018-WI'],
    ['The plant closed in [the winter].', 'DATE 2017-WI'],
    ['The plant closed in [the spring of last year].', 'DATE 2017-SP'],
    ['The plant will open in [the spring of next year].', 'DATE 2019-SP'],
  ])('a season: %s', expectRow);

  it.each<TimexRow>([
    ['Profit rose in [the first half].', 'DATE 2018-H1'],
    ['Profit rose in [the first half of 2017].', 'DATE 2017-H1'],
    ['Profit rose in [the second half of the year].', 'DATE 2018-H2'],
    ['Profit will rise in [the second half].', 'DATE 2018-H2'],
    ['[First-half] profit rose.', 'DATE 2018-H1'],
    ['Earnings fell in [the last half of 1989].', 'DATE 1989-H2'],
    ['Profit rose in [the 1998 first half].', 'DATE 1998-H1'],
    ['Profit rose in [the first half of last year].', 'DATE 2017-H1'],
  ])('a half: %s', expectRow);

  it.each<TimexRow>([
    ['Profit rose in [the first quarter].', 'DATE 2018-Q1'],
    ['The [fourth-quarter] results were weak.', 'DATE 2018-Q4'],
    ['Profit rose in [the fourth quarter of 2017].', 'DATE 2017-Q4'],
    ['Profit rose in [the 1997 fourth quarter].', 'DATE 1997-Q4'],
    ['Profit rose in [the latest quarter].', 'DATE 2018-Q3'],
    ['Profit rose in [the current quarter].', 'DATE 2018-Q4'],
    ['Profit will rise [next quarter].', 'DATE 2019-Q1'],
    ['Profit rose in [the second quarter of fiscal 1999].', 'DATE 1999-Q2'],
    ['Profit rose in [the second quarter of last year].', 'DATE 2017-Q2'],
    ['Profit rose in [Q2].', 'DATE 2018-Q2'],
    ['The [Q2] results were weak.', 'DATE 2018-Q2'],
    ['Sales jumped in [the final quarter of 2009].', 'DATE 2009-Q4'],
    ['Profit fell in [the last quarter of last year].', 'DATE 2017-Q4'],
    // Alone, "the last quarter" is the one before.
    ['Profit fell in [the last quarter].', 'DATE 2018-Q3'],
  ])('a quarter: %s', expectRow);

  it.each<TimexRow>([
    ['Debt will be repaid by [year-end].', 'DATE 2018 END'],
    ["Stocks rallied before [the year's end].", 'DATE 2018 END'],
    ['Reserves were lower at [last year-end].', 'DATE 2017 END'],
  ])('the end of a year: %s', expectRow);

  it.each<TimexRow>([
    // Seasons and months as other words.
    ['The troops will march on the capital.'],
    ['He sat in the first half of the stadium.'],
    ['He drove an Audi Q3.'],
    ['The fall of the regime was swift.'],
    ['The spring of his discontent ended.'],
    ['Half the staff left.'],
  ])('none: %s', expectRow);
});

describe('a half of a year is a span of days', () => {
  it.each([
    ['Profit rose in the first half of 2017.', { start: '2017-01-01', end: '2017-06-30' }],
    ['Sales fell in the second half of 1998.', { start: '1998-07-01', end: '1998-12-31' }],
  ])('%s', (sentence, range) => {
    const [half] = tagDocument(sentence, THURSDAY);
    expect(half).toMatchObject({ granularity: 'half', range });
  });
});
