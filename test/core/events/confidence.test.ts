import { describe, expect, it } from 'vitest';
import { confidenceOf } from '../../../src/core/events/confidence.ts';
import { eventDatesOf } from '../../../src/core/events/event-dates.ts';
import type { EventDate } from '../../../src/core/events.ts';
import { tagDocument } from '../../../src/core/temporal/tag-document.ts';
import type { TimexMod } from '../../../src/core/temporal/timex.ts';
import { SAMPLE_REFERENCE } from '../../support/fixtures.ts';

const PUBLISHED = '2018-11-08';

/** The confidence of the last date of `text`, with its modifier replaced when `mod` is given. */
function confidenceIn(text: string, mod?: TimexMod): number {
  const last = eventDatesOf(tagDocument(text, SAMPLE_REFERENCE)).at(-1);
  expect(last).toBeDefined();
  const { timex, date } = last as NonNullable<typeof last>;
  const dated: EventDate = mod ? { ...date, mod } : date;
  return confidenceOf(timex, dated, PUBLISHED);
}

describe('confidenceOf', () => {
  it.each([
    // Finer is surer.
    { text: 'Kim spoke on November 2.', confidence: 0.9 },
    { text: 'The talks began at 3 p.m. on Monday.', confidence: 0.9 },
    { text: 'It opened in March.', confidence: 0.7 },
    { text: 'The deal came in the first quarter of 2018.', confidence: 0.6 },
    { text: 'The deal came in the first half of 2018.', confidence: 0.58 },
    { text: 'The talks ended in the spring of 2017.', confidence: 0.6 },
    { text: 'Kim spoke in 2017.', confidence: 0.55 },
    { text: 'Prices rose in the 1990s.', confidence: 0.4 },
    { text: 'He was born in the 20th century.', confidence: 0.3 },
  ])('is $confidence for the granularity of "$text"', ({ text, confidence }) => {
    expect(confidenceIn(text)).toBe(confidence);
  });

  it.each([
    // Written out, by a digit, a month or a holiday: as sure as its granularity.
    { text: 'The summit was on Nov. 2.', confidence: 0.9 },
    { text: 'It happened on Christmas.', confidence: 0.9 },
    { text: 'The strike began on Labor Day.', confidence: 0.9 },
    // Relative, resolved by tense: less so.
    { text: 'Trump spoke on Wednesday.', confidence: 0.77 },
    { text: 'Pompeo left last week.', confidence: 0.64 },
    { text: 'Kim spoke this weekend.', confidence: 0.64 },
    // Resolved against an earlier date of the story, or implied by an offset: less again.
    { text: 'The summit was on June 12. Kim left on June 14.', confidence: 0.9 },
    { text: 'The summit was on June 12. Two days later, Kim left.', confidence: 0.61 },
    { text: 'Five months after the summit, the talks stalled.', confidence: 0.48 },
  ])('is $confidence for how "$text" is written', ({ text, confidence }) => {
    expect(confidenceIn(text)).toBe(confidence);
  });

  it.each([
    { mod: 'APPROX', confidence: 0.77 },
    { mod: 'BEFORE', confidence: 0.77 },
    { mod: 'AFTER', confidence: 0.77 },
    // A part of the date is as sure as the date.
    { mod: 'START', confidence: 0.9 },
    { mod: 'END', confidence: 0.9 },
    { mod: 'MID', confidence: 0.9 },
  ] as const)('is $confidence for a day with the modifier $mod', ({ mod, confidence }) => {
    expect(confidenceIn('Kim spoke on November 2.', mod)).toBe(confidence);
  });
});
