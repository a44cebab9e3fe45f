import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// Holidays (../shared/notes/timex3-families.md): fixed, nth-weekday and Easter-based, pointing by
// tense like a month and day; in sentences of our own, read on Thursday 2018-11-08 (UTC).
describe('holidays', () => {
  it.each<TimexRow>([
    ['Stores opened on [Christmas Day].', 'DATE 2017-12-25'],
    ['Stores will open on [Christmas Day].', 'DATE 2018-12-25'],
    ['Stores closed on [Boxing Day].', 'DATE 2017-12-26'],
    ["Stores closed on [New Year's Eve].", 'DATE 2017-12-31'],
    ["Stores closed on [Valentine's Day].", 'DATE 2018-02-14'],
    ['Stores closed on [Halloween].', 'DATE 2018-10-31'],
    ["Stores closed on [St. Patrick's Day].", 'DATE 2018-03-17'],
    ['Stores closed on [Veterans Day].', 'DATE 2017-11-11'],
    ['Stores closed on [Christmas 2016].', 'DATE 2016-12-25'],
    ['Stores closed on [Independence Day].', 'DATE 2018-07-04'],
    ['Stores closed on [the Fourth of July].', 'DATE 2018-07-04'],
  ])('a fixed holiday: %s', expectRow);

  it.each<TimexRow>([
    ['Stores closed on [Labor Day].', 'DATE 2018-09-03'],
    ["Stores closed on [Father's Day].", 'DATE 2018-06-17'],
    ['Stores will close on [Thanksgiving Day].', 'DATE 2018-11-22'],
    ['Stores closed on [Thanksgiving 1998].', 'DATE 1998-11-26'],
    ['Stores will close on [Columbus Day].', 'DATE 2019-10-14'],
    ['Stores will close on [Black Friday].', 'DATE 2018-11-23'],
    ['Stores closed on [Black Friday 2013].', 'DATE 2013-11-29'],
  ])('an nth-weekday holiday: %s', expectRow);

  it.each<TimexRow>([
    ['Stores closed at [Easter].', 'DATE 2018-04-01'],
    ['Stores will close at [Easter].', 'DATE 2019-04-21'],
    ['Stores closed on [Easter Sunday].', 'DATE 2018-04-01'],
    ['Stores closed on [Easter Monday].', 'DATE 2018-04-02'],
    ['Stores closed on [Ash Wednesday].', 'DATE 2018-02-14'],
  ])('an Easter-based holiday: %s', expectRow);

  it.each<TimexRow>([
    // Things of the holiday, not its day.
    ['Christmas trees sold well.'],
    ['Easter eggs sold well.'],
  ])('none: %s', expectRow);
});
