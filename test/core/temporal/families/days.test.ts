import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// Days (../shared/notes/timex3-families.md), in sentences of our own, read on Thursday
// 2018-11-08 (UTC).
describe('days', () => {
  it.each<TimexRow>([
    ['The minister resigned [today].', 'DATE 2018-11-08'],
    ['The minister resigned [earlier today].', 'DATE 2018-11-08'],
    ['The minister resigned [the day before yesterday].', 'DATE 2018-11-06'],
    ['The minister will resign [the day after tomorrow].', 'DATE 2018-11-10'],
    ["[Yesterday]'s vote was close.", 'DATE 2018-11-07'],
    ["[Tomorrow]'s vote will be close.", 'DATE 2018-11-09'],
  ])('a day named from the reference: %s', expectRow);

  it.each<TimexRow>([
    // A weekday points by tense; the reference's own weekday is the reference day.
    ['The minister resigned [Sunday].', 'DATE 2018-11-04'],
    ['The minister will resign [Monday].', 'DATE 2018-11-12'],
    ['The minister resigned on [Thursday].', 'DATE 2018-11-08'],
    ['The minister will resign [this Friday].', 'DATE 2018-11-09'],
    ['The minister resigned [this Tuesday].', 'DATE 2018-11-06'],
    ["[Monday]'s vote was close.", 'DATE 2018-11-05'],
    ['The minister resigned [Wed].', 'DATE 2018-11-07'],
    ['The minister resigned on [Mon].', 'DATE 2018-11-05'],
  ])('a weekday: %s', expectRow);

  it.each<TimexRow>([
    // Anaphoric days count from the day the story last named (tagDocument).
    [
      'The minister resigned on [Monday]. [The day before], he had met the king.',
      'DATE 2018-11-05',
      'DATE 2018-11-04',
    ],
    ['The minister resigned on [Monday]. [The next day], he left.', 'DATE 2018-11-05', 'DATE 2018-11-06'],
    [
      'The minister resigned on [Monday]. [The following day], he left.',
      'DATE 2018-11-05',
      'DATE 2018-11-06',
    ],
    [
      'The minister resigned on [Monday]. [A day] later, he left.',
      'DATE 2018-11-05',
      'DURATION P1D → 2018-11-06',
    ],
    ['The minister resigned on [Monday]. [That day] he left.', 'DATE 2018-11-05', 'DATE 2018-11-05'],
    [
      'The minister resigned on [Monday]. [Three days] earlier he had met the king.',
      'DATE 2018-11-05',
      'DURATION P3D → 2018-11-02',
    ],
    [
      'The minister resigned on [Monday]. He had cleared his desk [the previous day].',
      'DATE 2018-11-05',
      'DATE 2018-11-04',
    ],
  ])('an anaphoric day: %s', expectRow);
});
