import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// Parts of days (../shared/notes/timex3-families.md): TIME with TMO, TAF, TEV, TNI, in sentences
// of our own, read on Thursday 2018-11-08 (UTC).
describe('parts of days', () => {
  it.each<TimexRow>([
    ['Shots were fired [yesterday afternoon].', 'TIME 2018-11-07TAF'],
    ['Shots will be fired [tomorrow morning].', 'TIME 2018-11-09TMO'],
    ['Shots were fired [this afternoon].', 'TIME 2018-11-08TAF'],
    ['Shots will be fired [this evening].', 'TIME 2018-11-08TEV'],
  ])('a part of a day named from the reference: %s', expectRow);

  it.each<TimexRow>([
    // A part of a day with no day named is no date.
    ['Shots were fired in the evening.'],
    ['Good morning, he said.'],
  ])('none: %s', expectRow);
});
