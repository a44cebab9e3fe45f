import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// Vague references (../shared/notes/timex3-families.md): PRESENT_REF, PAST_REF, FUTURE_REF; in
// sentences of our own, read on Thursday 2018-11-08 (UTC).
describe('vague references', () => {
  it.each<TimexRow>([
    ['The talks are [now] stalled.', 'DATE PRESENT_REF'],
    ['[These days] the talks are stalled.', 'DATE PRESENT_REF'],
    ['The talks are stalled [nowadays].', 'DATE PRESENT_REF'],
    ['The talks stalled until [now].', 'DATE PRESENT_REF'],
    ['The talks are stalled for [now].', 'DATE PRESENT_REF'],
  ])('the present: %s', expectRow);

  it.each<TimexRow>([
    ['The talks stalled [lately].', 'DATE PAST_REF'],
    ['In [the past] the talks stalled.', 'DATE PAST_REF'],
    ['Such talks have stalled in [the past], officials said.', 'DATE PAST_REF'],
    ['The plant closed [a few days ago].', 'DATE PAST_REF'],
  ])('the past: %s', expectRow);

  it.each<TimexRow>([
    // A stretch of coming days, as "recent weeks" is one of past weeks (the note allows PXD).
    ['The talks will resume in [the coming days].', 'DURATION PXD'],
    ['The talks will resume in [the coming weeks].', 'DURATION PXW'],
    ['The talks will resume in [the months ahead].', 'DURATION PXM'],
    ['The talks will resume in [the years to come].', 'DURATION PXY'],
    ['[The coming weeks] will be hard.', 'DURATION PXW'],
  ])('the future: %s', expectRow);

  it.each<TimexRow>([
    // Words that only look like references.
    ['The present was wrapped.'],
    ['Once inside, he sat down.'],
    ['He drove past the house.'],
    ['Forget the past, he said.'],
  ])('none: %s', expectRow);
});
