import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// Years (../shared/notes/timex3-families.md), in sentences of our own, read on Thursday
// 2018-11-08 (UTC).
describe('years', () => {
  it.each<TimexRow>([
    ['Prices rose in [1998].', 'DATE 1998'],
    ['In [2020], the plant will close.', 'DATE 2020'],
    ['The plant will close by [2020].', 'DATE 2020'],
    ['The vote was held in [1998], a year of turmoil.', 'DATE 1998'],
    ['Sales peaked in [1987] and fell in [1988].', 'DATE 1987', 'DATE 1988'],
    ['The tax was introduced in [the year 2000].', 'DATE 2000'],
  ])('a year after a preposition: %s', expectRow);

  it.each<TimexRow>([
    // The possessive 's is outside the tag (TimeML 1.2.1 extent: it belongs to the noun phrase).
    ["[1998]'s budget was cut.", 'DATE 1998'],
    ["Revenue fell in [fiscal 1999]'s first half.", 'DATE 1999'],
    ["[2017]'s floods were the worst.", 'DATE 2017'],
  ])('a possessive year: %s', expectRow);

  it.each<TimexRow>([
    ["The law dates from ['98].", 'DATE 1998'],
    ["The team won the title in ['04].", 'DATE 2004'],
    ["He joined the party in ['82] and left it in ['96].", 'DATE 1982', 'DATE 1996'],
  ])('a year in two digits: %s', expectRow);

  it.each<TimexRow>([
    ['The [1998] budget was cut.', 'DATE 1998'],
    ['A [2004] law bans the practice.', 'DATE 2004'],
    ["The company's [1997] results were weak.", 'DATE 1997'],
    ['The [2016] election changed everything.', 'DATE 2016'],
    ['The [1998]-model cars were recalled.', 'DATE 1998'],
  ])('a year as a premodifier: %s', expectRow);

  it.each<TimexRow>([
    ['Revenue fell in [fiscal 1999].', 'DATE 1999'],
    ['Revenue fell in [fiscal year 1999].', 'DATE 1999'],
    ['Revenue fell in [FY 1999].', 'DATE 1999'],
    ['The [FY2019] budget was approved.', 'DATE 2019'],
    ['Prices fell in [calendar 1998].', 'DATE 1998'],
  ])('a fiscal or calendar year: %s', expectRow);

  it.each<TimexRow>([
    ['[This year] sales rose.', 'DATE 2018'],
    ['Sales rose in [the year].', 'DATE 2018'],
    ['The [mid-1998] slump hurt sales.', 'DATE 1998 MID'],
    ['The dam was finished in [early 1998].', 'DATE 1998 START'],
    ['Output fell in [late 1998].', 'DATE 1998 END'],
  ])('a year relative or in part: %s', expectRow);

  it.each<TimexRow>([
    ["Prices rose '98 percent', he wrote."],
    ['Prices rose 2000%.'],
    ['He paid $1998 for it.'],
  ])('no year: %s', expectRow);
});
