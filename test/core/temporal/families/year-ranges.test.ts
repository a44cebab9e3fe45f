import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// Year ranges (../shared/notes/timex3-families.md): one tag for each end, in sentences of our
// own, read on Thursday 2018-11-08 (UTC).
describe('year ranges', () => {
  it.each<TimexRow>([
    ['He served from [1998] to [2001].', 'DATE 1998', 'DATE 2001'],
    ['He led the party from [1989] to [1994].', 'DATE 1989', 'DATE 1994'],
    ['He served between [2009] and [2011].', 'DATE 2009', 'DATE 2011'],
    ['He was mayor from [1998] until [2001].', 'DATE 1998', 'DATE 2001'],
    ['He served from [1998] through [2001].', 'DATE 1998', 'DATE 2001'],
    ['The chart covers [1990] through [1995].', 'DATE 1990', 'DATE 1995'],
  ])('in words: %s', expectRow);

  it.each<TimexRow>([
    // The same rule for the ends of other ranges.
    ['The talks will run from [Monday] through [Wednesday].', 'DATE 2018-11-12', 'DATE 2018-11-14'],
    ['The festival ran from [June 5] to [June 7].', 'DATE 2018-06-05', 'DATE 2018-06-07'],
  ])('other ranges: %s', expectRow);

  it.each<TimexRow>([
    // Scores and counts with a hyphen are no years.
    ['The bill passed 218-199.'],
    ['The Senate voted 52-48.'],
  ])('no range: %s', expectRow);
});
