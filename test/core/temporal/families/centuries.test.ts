import { describe, expect, it } from 'vitest';
import { tagDocument } from '../../../../src/core/temporal/tag-document.ts';
import { expectRow, THURSDAY, type TimexRow } from '../../../support/expect-timexes.ts';

// Centuries (../shared/notes/timex3-families.md): value the century's first two digits, in
// sentences of our own, read on Thursday 2018-11-08 (UTC).
describe('centuries', () => {
  it.each<TimexRow>([
    ['The bridge was built in [the 20th century].', 'DATE 19'],
    ['Whaling ended in [the nineteenth century].', 'DATE 18'],
    ['Cities will grow in [the 21st century].', 'DATE 20'],
    ['Printing spread in [the fifteenth century].', 'DATE 14'],
    ['The bridge was built in [the twentieth century].', 'DATE 19'],
  ])('a century: %s', expectRow);

  it.each<TimexRow>([
    ['They restored a [19th-century] house.', 'DATE 18'],
    ['A [20th-century] bridge fell.', 'DATE 19'],
  ])('a century as a premodifier: %s', expectRow);

  it.each<TimexRow>([
    ['Art of [the 1900s] changed the city.', 'DATE 19'],
    ['The mill was built in the late [1800s].', 'DATE 18'],
    ["Whalers sailed from here in [the 1700's].", 'DATE 17'],
  ])('a century by its hundreds: %s', expectRow);

  it.each<TimexRow>([
    // Since then, "the 2000s" is the decade far more often than the century.
    ['Growth slowed in [the 2000s].', 'DATE 200'],
    // A decade of the hundreds is still a decade.
    ['The mill closed in [the 1890s].', 'DATE 189'],
  ])('a decade, not a century: %s', expectRow);

  it.each<TimexRow>([
    // Counted from something other than the calendar.
    ['The republic struggled in the first century of its existence.'],
    // A day of the month, not a century.
    ['Payment is due on [the 15th].', 'DATE 2018-11-15'],
  ])('not a calendar century: %s', expectRow);

  it('dates the hundred years of the century', () => {
    const [century] = tagDocument('It was built in the 20th century.', THURSDAY);
    expect(century?.range).toEqual({ start: '1900-01-01', end: '1999-12-31' });
  });
});
