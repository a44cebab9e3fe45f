import { describe, expect, it } from 'vitest';
import { eventDateOf, eventDatesOf } from '../../../src/core/events/event-dates.ts';
import { tagDocument } from '../../../src/core/temporal/tag-document.ts';
import { SAMPLE_REFERENCE } from '../../support/fixtures.ts';

// Tagged as the article function tags them: Thursday 2018-11-08 in New York.
const tagged = (sentence: string) => tagDocument(sentence, SAMPLE_REFERENCE);

describe('eventDateOf', () => {
  it.each([
    { sentence: 'Kim spoke on November 2.', value: '2018-11-02', days: ['2018-11-02', '2018-11-02'] },
    {
      sentence: 'The talks began at 3 p.m. on Monday.',
      value: '2018-11-05T15:00',
      days: ['2018-11-05', '2018-11-05'],
    },
    { sentence: 'Pompeo left last week.', value: '2018-W44', days: ['2018-10-29', '2018-11-04'] },
    { sentence: 'It opened in March.', value: '2018-03', days: ['2018-03-01', '2018-03-31'] },
    // A duration measured from an event is dated by that event.
    {
      sentence: 'Five months after the summit, the talks stalled.',
      value: '2018-06',
      days: ['2018-06-01', '2018-06-30'],
    },
  ])('dates "$sentence" $value', ({ sentence, value, days }) => {
    const [timex] = tagged(sentence);
    const date = timex && eventDateOf(timex);
    expect(date && [date.value, date.start, date.end]).toEqual([value, ...days]);
  });

  it('keeps the modifier of the expression', () => {
    const [timex] = tagged('The plant closed late last month.');
    expect(timex && eventDateOf(timex)).toMatchObject({ value: '2018-10', mod: 'END', granularity: 'month' });
  });

  it.each([
    { kind: 'a duration', sentence: 'The talks lasted two weeks.' },
    { kind: 'a set', sentence: 'The envoys meet every Monday.' },
    { kind: 'a vague reference', sentence: 'Officials recently spoke.' },
  ])('gives no date for $kind: "$sentence"', ({ sentence }) => {
    const timexes = tagged(sentence);
    expect(timexes).toHaveLength(1);
    expect(eventDateOf(timexes[0] as (typeof timexes)[number])).toBeUndefined();
  });
});

describe('eventDatesOf', () => {
  it.each([
    // One date named twice: one event, by its most specific words.
    { sentence: 'Kim, who met Trump in June, spoke again in June 2018.', dates: [['June 2018', '2018-06']] },
    { sentence: 'The summit was on Nov. 2, a Friday.', dates: [['Nov. 2', '2018-11-02']] },
    { sentence: 'Kim spoke on Monday, and on Monday he left.', dates: [['Monday', '2018-11-05']] },
    // A modifier is more specific than more words, before or after them.
    { sentence: 'Talks end in the year 2019, in late 2019.', dates: [['late 2019', '2019']] },
    { sentence: 'It ends in mid-2019, in the year 2019.', dates: [['mid-2019', '2019']] },
    // Two dates: two events, in text order.
    {
      sentence: 'Talks resumed on November 2 and ended on November 5.',
      dates: [
        ['November 2', '2018-11-02'],
        ['November 5', '2018-11-05'],
      ],
    },
    // What gives no date gives no event.
    { sentence: 'The talks lasted two weeks.', dates: [] },
  ])('reads $dates from "$sentence"', ({ sentence, dates }) => {
    expect(eventDatesOf(tagged(sentence)).map(({ timex, date }) => [timex.text, date.value])).toEqual(dates);
  });
});
