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
    ['The [1998] budget was cut.', 'DATE 1998'],
    ['A [2004] law bans the practice.', 'DATE 2004'],
    ["The company's [1997] results were weak.", 'DATE 1997'],
    ['The [2016] election changed everything.', 'DATE 2016'],
    ['The [1998]-model cars were recalled.', 'DATE 1998'],
  ])('a year as a premodifier: %s', expectRow);

  it.each<TimexRow>([
    ['Revenue fell in [fiscal 1999].', 'DATE 1999'],
    ['Prices fell in [calendar 1998].', 'DATE 1998'],
  ])('a fiscal or calendar year: %s', expectRow);

  it.each<TimexRow>([
    ['[This year] sales rose.', 'DATE 2018'],
    ['Sales rose in [the year].', 'DATE 2018'],
    ['The [mid-1998] slump hurt sales.', 'DATE 1998 MID'],
    ['The dam was finished in [early 1998].', 'DATE 1998 START'],
    ['Output fell in [late 1998].', 'DATE 1998 END'],
  ])('a year relative or in part: %s', expectRow);
});
