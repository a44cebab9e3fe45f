import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// Not dates (../shared/notes/timex3-families.md): words and numbers that look like dates and are
// not; in sentences of our own, read on Thursday 2018-11-08 (UTC).
describe('not dates', () => {
  it.each<TimexRow>([
    ['The troops may march on the capital.'],
    ['The minister may resign.'],
    ['Forces may attack.'],
    ['He will march in the parade.'],
  ])('"may" and "march" as verbs: %s', expectRow);

  it.each<TimexRow>([
    ['Sun reported a loss.'],
    ['Sun Microsystems reported a loss.'],
    ['Shares of Sun fell.'],
    ['The pope said Mass.'],
  ])('names: %s', expectRow);

  it.each<TimexRow>([
    ['The Jets won 3-2.'],
    ['The team lost 24-17.'],
    ['The vote was 52-48.'],
    ['The Dow rose 2.3 points.'],
    ['The price was 1.25 a share.'],
  ])('scores and fractions: %s', expectRow);

  it.each<TimexRow>([
    ['Some 1990 people attended.'],
    ['Police counted 2010 votes.'],
    ['He scored 2018 points.'],
    ['The building has 1998 rooms.'],
    ['She won the 2000-meter race.'],
    ['The 1500-meter final was run.'],
    ['She lives at 1600 Pennsylvania Avenue.'],
    ['Call 555-2018 for details.'],
  ])('counts and numbers: %s', expectRow);

  it.each<TimexRow>([
    // A year before a plural noun, where a word that introduces years stands before it.
    ['In [1998] prices rose.', 'DATE 1998'],
    ['The [1998] results were weak.', 'DATE 1998'],
    ["The firm's [2017] sales fell.", 'DATE 2017'],
    ['The target for [2019] is growth.', 'DATE 2019'],
  ])('years that look like counts: %s', expectRow);
});
