import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// Weeks and weekends (../shared/notes/timex3-families.md): ISO weeks, in sentences of our own,
// read on Thursday 2018-11-08 (UTC), in week 2018-W45.
describe('weeks and weekends', () => {
  it.each<TimexRow>([
    ['Talks resumed [earlier this week].', 'DATE 2018-W45'],
    ['Talks will resume [later this week].', 'DATE 2018-W45'],
    ['Talks resumed [the previous week].', 'DATE 2018-W44'],
    ['Talks resumed in [the week of Oct. 22].', 'DATE 2018-W43'],
    ['Talks resumed [the week before last].', 'DATE 2018-W43'],
    ['Talks will resume [the week after next].', 'DATE 2018-W47'],
  ])('a week: %s', expectRow);

  it.each<TimexRow>([
    ['Talks resumed at [the start of the week].', 'DATE 2018-W45 START'],
    ['Talks resumed at [the end of last week].', 'DATE 2018-W44 END'],
    ['Talks resumed [early last week].', 'DATE 2018-W44 START'],
    ['Talks will resume [late next week].', 'DATE 2018-W46 END'],
  ])('a part of a week: %s', expectRow);

  it.each<TimexRow>([
    // "the weekend" in news is the one just gone (HeidelTime's rule).
    ['Talks resumed over [the weekend].', 'DATE 2018-W44-WE'],
    ['Talks will resume [this weekend].', 'DATE 2018-W45-WE'],
    ['Talks will resume [next weekend].', 'DATE 2018-W45-WE'],
    ['Talks resumed [this past weekend].', 'DATE 2018-W44-WE'],
    ['Talks will resume [this coming weekend].', 'DATE 2018-W45-WE'],
    ['Talks resumed on [the weekend of Nov. 3].', 'DATE 2018-W44-WE'],
    ['Talks resumed on [the weekend of Oct. 20].', 'DATE 2018-W42-WE'],
  ])('a weekend: %s', expectRow);
});
