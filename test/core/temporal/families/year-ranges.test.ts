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
    ['The drought of [1998]-[99] killed crops.', 'DATE 1998', 'DATE 1999'],
    ['The [1995]-[96] season was long.', 'DATE 1995', 'DATE 1996'],
    ['Sales fell during [2009]-[10].', 'DATE 2009', 'DATE 2010'],
    ['He served from [1998]-[2001].', 'DATE 1998', 'DATE 2001'],
    ['The [2009]-[2011] recession hurt.', 'DATE 2009', 'DATE 2011'],
    ['The [1998]-[2001] period was hard.', 'DATE 1998', 'DATE 2001'],
    ['The [2008]/[09] season was long.', 'DATE 2008', 'DATE 2009'],
    ['The plan for [2019]-[2020] was set.', 'DATE 2019', 'DATE 2020'],
  ])('with a hyphen or a slash: %s', expectRow);

  it.each<TimexRow>([
    // The same rule for the ends of other ranges.
    ['The talks will run from [Monday] through [Wednesday].', 'DATE 2018-11-12', 'DATE 2018-11-14'],
    ['The festival ran from [June 5] to [June 7].', 'DATE 2018-06-05', 'DATE 2018-06-07'],
  ])('other ranges: %s', expectRow);

  it.each<TimexRow>([
    // Scores and counts with a hyphen are no years.
    ['The bill passed 218-199.'],
    ['The Senate voted 52-48.'],
    ['The score was 1998-2050.'],
    ['The 1999-1998 figures were odd.'],
  ])('no range: %s', expectRow);
});
