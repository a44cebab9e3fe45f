import { describe, expect, it } from 'vitest';
import { tagDocument } from '../../../src/core/temporal/tag-document.ts';

// Centuries, a family of ../shared/notes/timex3-families.md, in sentences of our own.
const THURSDAY = { date: { year: 2018, month: 11, day: 8 }, timezone: 'UTC' };
const tagged = (sentence: string) =>
  tagDocument(sentence, THURSDAY).map((timex) => [timex.text, timex.type, timex.value]);

describe('centuries', () => {
  it.each([
    ['The bridge was built in the 20th century.', 'the 20th century', '19'],
    ['Whaling ended in the nineteenth century.', 'the nineteenth century', '18'],
    ['They restored a 19th-century house.', '19th-century', '18'],
    ['Cities will grow in the 21st century.', 'the 21st century', '20'],
    ['Printing spread in the fifteenth century.', 'the fifteenth century', '14'],
  ])('%s → %s %s', (sentence, text, value) => {
    expect(tagged(sentence)).toEqual([[text, 'DATE', value]]);
  });

  it.each([
    // Counted from something other than the calendar.
    ['The republic struggled in the first century of its existence.', []],
    // A day of the month, not a century.
    ['Payment is due on the 15th.', [['the 15th', 'DATE', '2018-11-15']]],
  ])('not a calendar century: %s', (sentence, expected) => {
    expect(tagged(sentence)).toEqual(expected);
  });

  it('dates the hundred years of the century', () => {
    const [century] = tagDocument('It was built in the 20th century.', THURSDAY);
    expect(century?.range).toEqual({ start: '1900-01-01', end: '1999-12-31' });
  });
});
