import { describe, expect, it } from 'vitest';
import { anaphorOf } from '../../../src/core/temporal/families/anaphora.ts';
import { tagDocument } from '../../../src/core/temporal/tag-document.ts';

const THURSDAY = { date: { year: 2018, month: 11, day: 8 }, timezone: 'UTC' };

describe('anaphorOf: how an expression leans on the story date, read once when tagged', () => {
  it.each([
    ['that day', { kind: 'period', unit: 'day', ahead: 0 }],
    ['the next morning', { kind: 'period', unit: 'day', ahead: 1 }],
    ['later that year', { kind: 'period', unit: 'year', ahead: 0 }],
    ['the following week', { kind: 'period', unit: 'week', ahead: 1 }],
    ['the day after', { kind: 'beside-day', unit: 'day', ahead: 1 }],
    ['the week before', { kind: 'beside-day', unit: 'week', ahead: -1 }],
    ['two days later', { kind: 'later', unit: 'day', count: 2 }],
    // From the reference ("ago"), or from the story's date ("earlier", "before").
    ['a year ago', { kind: 'year-before', fromStory: false }],
    ['one year earlier', { kind: 'year-before', fromStory: true }],
    ['a year before', { kind: 'year-before', fromStory: true }],
  ])('%s → %o', (text, anaphor) => {
    expect(anaphorOf(text, 'DATE')).toEqual(anaphor);
  });

  it.each([
    ['November 2', 'DATE'],
    ['next week', 'DATE'],
    ['the day', 'DATE'],
    // A length leans on nothing: "in the year before the war".
    ['the year before', 'DURATION'],
    // Half a day later names no whole day.
    ['2.5 days later', 'DATE'],
  ] as const)('%s (%s) leans on nothing', (text, type) => {
    expect(anaphorOf(text, type)).toBeUndefined();
  });

  it('is carried on the tagged expression, and the document anchorer resolves it', () => {
    const [summit, later] = tagDocument(
      'The summit opened on June 12. Two days later, talks broke down.',
      THURSDAY,
    );
    expect(summit?.anaphor).toBeUndefined();
    expect(later).toMatchObject({
      anaphor: { kind: 'later', unit: 'day', count: 2 },
      type: 'DURATION',
      text: 'Two days',
      value: 'P2D',
      impliedDate: { value: '2018-06-14', granularity: 'day' },
    });
  });

  it('marks a quarter named by its number as the one under discussion', () => {
    const timexes = tagDocument(
      'Third-quarter profit rose to $2 million from $1.2 million a year earlier.',
      THURSDAY,
    );
    expect(timexes.map((timex) => [timex.text, timex.value, timex.namesQuarter])).toEqual([
      ['Third-quarter', '2018-Q3', true],
      ['a year earlier', '2017-Q3', undefined],
    ]);
  });
});
