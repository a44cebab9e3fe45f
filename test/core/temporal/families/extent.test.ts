import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// Extent (../shared/notes/timex3-families.md): determiners, premodifiers and fuzzy words inside
// the tag, prepositions outside, "ago" inside; in sentences of our own, read on Thursday
// 2018-11-08 (UTC).
describe('extent', () => {
  it.each<TimexRow>([
    ['They met in [the summer].', 'DATE 2018-SU'],
    ['They met at [the start of the year].', 'DATE 2018 START'],
    ['They met towards [the end of the month].', 'DATE 2018-11 END'],
    ['They met in [the middle of last year].', 'DATE 2017 MID'],
    ['Output fell during [the first half of the year].', 'DATE 2018-H1'],
  ])('determiners inside: %s', expectRow);

  it.each<TimexRow>([
    ['They met for [the past three years].', 'DURATION P3Y'],
    ['They met [late last year].', 'DATE 2017 END'],
    ['The strike lasted [about three weeks].', 'DURATION P3W APPROX'],
  ])('fuzzy words and premodifiers inside: %s', expectRow);

  it.each<TimexRow>([
    ['Prices have risen since [last year].', 'DATE 2017'],
    ['The strike has lasted since [Monday].', 'DATE 2018-11-05'],
    ['The ban lasts until [2020].', 'DATE 2020'],
    ['The deal runs through [2021].', 'DATE 2021'],
    ['They met by [the end of 2017].', 'DATE 2017 END'],
    ['Talks will begin after [Christmas].', 'DATE 2018-12-25'],
    ['Talks will begin on [Monday].', 'DATE 2018-11-12'],
  ])('prepositions outside: %s', expectRow);

  it.each<TimexRow>([
    ['They met [a month ago].', 'DATE 2018-10'],
    ['They met [three days ago].', 'DATE 2018-11-05'],
  ])('"ago" inside: %s', expectRow);
});
