import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// Offsets (../shared/notes/timex3-families.md): "ago" and "from now" count from the reference,
// "later" and "the following" from the date the story last named; in sentences of our own, read
// on Thursday 2018-11-08 (UTC).
describe('offsets', () => {
  it.each<TimexRow>([
    ['The plant closed [two years ago].', 'DATE 2016'],
    ['The plant closed [three months ago].', 'DATE 2018-08'],
    ['The plant closed [18 months ago].', 'DATE 2017-05'],
    ['The plant closed [a week ago].', 'DATE 2018-W44'],
    ['The plant closed [10 days ago].', 'DATE 2018-10-29'],
    ['The plant closed [about two weeks ago].', 'DATE 2018-W43 APPROX'],
  ])('ago: %s', expectRow);

  it.each<TimexRow>([
    ['The plant will reopen [a year from now].', 'DATE 2019'],
    ['The plant will reopen [three months from now].', 'DATE 2019-02'],
  ])('from now: %s', expectRow);

  it.each<TimexRow>([
    ['The plant will reopen [next month].', 'DATE 2018-12'],
    ['The plant closed [the previous year].', 'DATE 2017'],
    ['The plant closed [the year before].', 'DATE 2017'],
    ['The plant will reopen [the year after next].', 'DATE 2020'],
    ['The plant closed [the month before last].', 'DATE 2018-09'],
  ])('next, last, previous: %s', expectRow);

  it.each<TimexRow>([
    // From the story's last date (tagDocument).
    ['The plant closed on [Monday]. It reopened [the following week].', 'DATE 2018-11-05', 'DATE 2018-W46'],
    ['The plant closed in [2016]. It reopened [the following year].', 'DATE 2016', 'DATE 2017'],
    ['The plant closed in [2016]. [Two years later] it reopened.', 'DATE 2016', 'DATE 2018'],
    ['The plant closed in [2016]. [A year earlier] it had flooded.', 'DATE 2016', 'DATE 2015'],
    ['The plant closed in [March 2015]. [Six months later] it reopened.', 'DATE 2015-03', 'DATE 2015-09'],
    ['The plant closed in [2016]. It had flooded [the previous year].', 'DATE 2016', 'DATE 2015'],
    ['The plant closed on [June 12]. [Two weeks later] it reopened.', 'DATE 2018-06-12', 'DATE 2018-06-26'],
    // With no date before it, an offset counts from the reference.
    ['The plant will reopen [two years later].', 'DATE 2020'],
  ])('from the story: %s', expectRow);
});
