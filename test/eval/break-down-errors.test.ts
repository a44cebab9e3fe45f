import { describe, expect, it } from 'vitest';
import { breakDownErrors, shapeValue } from '../../src/eval/break-down-errors.ts';
import { type ScorableDocument, scoreTe3 } from '../../src/eval/te3-scorer.ts';

interface Described {
  readonly type: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function annotate(text: string, spans: readonly [words: string, type: string, value: string][]) {
  const timexes = spans.map(([words, type, value]) => {
    const start = text.indexOf(words);
    return { type, value, start, end: start + words.length, text: words };
  });
  return { name: 'doc.tml', text, timexes } satisfies ScorableDocument<Described>;
}

describe('shapeValue', () => {
  it.each([
    { value: '1998-02-13', expected: '9999-99-99' },
    { value: '199', expected: '999' },
    { value: '1998-WXX', expected: '9999-WXX' },
    { value: 'P12M', expected: 'PnM' },
    { value: 'PT1.5H', expected: 'PTnH' },
    { value: 'PRESENT_REF', expected: 'PRESENT_REF' },
  ])('$value -> $expected', ({ value, expected }) => {
    expect(shapeValue(value)).toBe(expected);
  });
});

describe('breakDownErrors', () => {
  const text = 'Now, two weeks after Friday, shares fell in the past year and rose earlier today.';
  const gold = annotate(text, [
    ['two weeks', 'DURATION', 'P2W'],
    ['Friday', 'DATE', '1998-02-13'],
    ['the past year', 'DURATION', 'P1Y'],
    ['earlier today', 'DATE', '1998-02-20'],
  ]);
  const system = annotate(text, [
    ['Now', 'DATE', 'PRESENT_REF'],
    ['two weeks after', 'DATE', '1998-02-27'],
    ['Friday', 'DATE', '1998-02-20'],
    ['today', 'DATE', '1998-02-20'],
  ]);
  const errors = breakDownErrors(scoreTe3([{ gold, system }]).documents);

  it('counts each kind of error per gold type and spurious ones per our type', () => {
    expect(errors.byGoldType.DATE).toEqual({ gold: 2, missed: 0, wrongSpan: 1, wrongType: 0, wrongValue: 1 });
    expect(errors.byGoldType.DURATION).toEqual({
      gold: 2,
      missed: 1,
      wrongSpan: 1,
      wrongType: 1,
      wrongValue: 1,
    });
    expect(errors.byGoldType.SET).toEqual({ gold: 0, missed: 0, wrongSpan: 0, wrongType: 0, wrongValue: 0 });
    expect(errors.spuriousByType).toEqual({ DATE: 1 });
  });

  it('groups look-alike errors under keys that say what went wrong', () => {
    expect(errors.missed.map((group) => group.key)).toEqual(['DURATION "the past year"']);
    expect(errors.spurious.map((group) => group.key)).toEqual(['DATE "now"']);
    expect(errors.wrongValues.map((group) => group.key).sort()).toEqual([
      'DATE 9999-99-99 -> 9999-99-99 (ours later)',
      'DURATION PnW -> 9999-99-99',
    ]);
    expect(errors.wrongSpans.map((group) => group.key).sort()).toEqual([
      'DATE missing before "earlier"',
      'DURATION extra after "after"',
    ]);
    expect(errors.wrongTypes.map((group) => group.key)).toEqual(['DURATION -> DATE']);
    expect(errors.groups).toHaveLength(7);
    expect(errors.wrongSpans.find((group) => group.key.startsWith('DATE'))?.examples).toEqual([
      'doc.tml: "earlier today" -> "today"',
    ]);
  });
});
