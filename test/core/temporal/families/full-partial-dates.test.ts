import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// Full and partial dates (../shared/notes/timex3-families.md), in sentences of our own, read on
// Thursday 2018-11-08 (UTC).
describe('full and partial dates', () => {
  it.each<TimexRow>([
    ['The ceasefire was signed on [Nov. 2, 2018].', 'DATE 2018-11-02'],
    ['Rebels signed the truce on [September 30, 2016].', 'DATE 2016-09-30'],
    ['The truce was agreed on [4 October 2017] in Geneva.', 'DATE 2017-10-04'],
    ['The accord was signed on [Nov. 2nd, 2018].', 'DATE 2018-11-02'],
    ['The accord was signed [Monday, Aug. 20, 2018].', 'DATE 2018-08-20'],
    ['The firm folded on [Tuesday, Jan. 31, 1989].', 'DATE 1989-01-31'],
    ['She was born on [July 4, 1950], in Ohio.', 'DATE 1950-07-04'],
    ['By [Jan. 31, 1999], the firm had folded.', 'DATE 1999-01-31'],
    ['The dam burst on [May 5, 1998].', 'DATE 1998-05-05'],
  ])('a full date: %s', expectRow);

  it.each<TimexRow>([
    ['The order is dated [11/2/2018].', 'DATE 2018-11-02'],
    ['The dam burst on [5/5/98].', 'DATE 1998-05-05'],
    ['The filing, dated [2017-06-30], was late.', 'DATE 2017-06-30'],
  ])('a date in figures: %s', expectRow);

  it.each<TimexRow>([
    // Without a year: the latest such day in the past tense, the next one in the future.
    ['Voters went to the polls [November 6].', 'DATE 2018-11-06'],
    ['The rebels withdrew [3 November].', 'DATE 2018-11-03'],
    ['The ruling came on [Oct 19].', 'DATE 2018-10-19'],
    ['The shipment arrived [Nov. 1].', 'DATE 2018-11-01'],
    ['The deal closed on [June 1st].', 'DATE 2018-06-01'],
    ['The court ruled on [Dec. 14].', 'DATE 2017-12-14'],
    ['The court will rule on [Jan. 9].', 'DATE 2019-01-09'],
    ['The hearing is set for [Dec. 14].', 'DATE 2018-12-14'],
    ['The court sat on [Friday, Oct. 26].', 'DATE 2018-10-26'],
    ['Voters went to the polls on [Tuesday 6 November].', 'DATE 2018-11-06'],
    ['The ceasefire was signed on [the 2nd of November].', 'DATE 2018-11-02'],
    ['The rebels seized the town on [the third of May].', 'DATE 2018-05-03'],
    ['The vote is on [the 15th of December].', 'DATE 2018-12-15'],
    // A date as a premodifier: the determiner belongs to the noun.
    ['The [Nov. 6] election changed the House.', 'DATE 2018-11-06'],
    ['The [Jan. 15] deadline passed.', 'DATE 2018-01-15'],
    // A day of the month alone, after a month was named: the next such day after that date.
    [
      'Troops crossed the border on [Oct. 30] and withdrew on [the 2nd].',
      'DATE 2018-10-30',
      'DATE 2018-11-02',
    ],
  ])('a day without a year: %s', expectRow);

  it.each<TimexRow>([
    ['The court ruled in [September 2017].', 'DATE 2017-09'],
    ['The court ruled in [Sept. 2017].', 'DATE 2017-09'],
    ['The court ruled in [March of 2016].', 'DATE 2016-03'],
  ])('a month of a year: %s', expectRow);
});
