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
    // "Two years later": the length, a DURATION, "later" a signal outside it; it implies the date.
    ['The plant closed in [2016]. [Two years] later it reopened.', 'DATE 2016', 'DURATION P2Y → 2018'],
    ['The plant closed in [2016]. [A year earlier] it had flooded.', 'DATE 2016', 'DATE 2015'],
    [
      'The plant closed in [March 2015]. [Six months] later it reopened.',
      'DATE 2015-03',
      'DURATION P6M → 2015-09',
    ],
    ['The plant closed in [2016]. It had flooded [the previous year].', 'DATE 2016', 'DATE 2015'],
    [
      'The plant closed on [June 12]. [Two weeks] later it reopened.',
      'DATE 2018-06-12',
      'DURATION P2W → 2018-06-26',
    ],
    [
      'It closed on [June 12]. [Two days] later it reopened; [the next day] it shut.',
      'DATE 2018-06-12',
      'DURATION P2D → 2018-06-14',
      'DATE 2018-06-15',
    ],
    // With no date before it, an offset counts from the reference.
    ['The plant will reopen [two years] later.', 'DURATION P2Y → 2020'],
  ])('from the story: %s', expectRow);

  it.each<TimexRow>([
    // A length from another event: "after" and "before" are signals outside it; from the
    // reference, the event lies the length before ("after") or after ("before") it.
    ['[Five months] after the summit, talks stalled.', 'DURATION P5M → 2018-06'],
    ['Shares rose [two days] before the launch.', 'DURATION P2D → 2018-11-10'],
    // Hours imply no day.
    ['He died [72 hours] after his son.', 'DURATION PT72H'],
    // Before a date, chrono's own offset: one date.
    ['It came [two days after June 12].', 'DATE 2018-06-14'],
  ])('a length from an event: %s', expectRow);
});
