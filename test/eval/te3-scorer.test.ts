import { describe, expect, it } from 'vitest';
import {
  computeTe3Scores,
  matchTimexes,
  type ScorableDocument,
  scoreTe3,
  TextMismatchError,
} from '../../src/eval/te3-scorer.ts';

interface Span {
  readonly words: string;
  readonly type?: string;
  readonly value?: string;
  /** Which occurrence of `words` (0 = the first). */
  readonly nth?: number;
}

/** A document whose TIMEX3s are given by the words they cover, so offsets need no counting. */
function annotate(text: string, spans: readonly Span[], name = 'doc'): ScorableDocument {
  const timexes = spans.map(({ words, type = 'DATE', value = 'X', nth = 0 }) => {
    let start = -1;
    for (let i = 0; i <= nth; i += 1) start = text.indexOf(words, start + 1);
    if (start === -1) throw new Error(`${words} not in ${text}`);
    return { type, value, start, end: start + words.length };
  });
  return { name, text, timexes };
}

describe('matchTimexes', () => {
  const text = 'He left on Monday morning and came back two days later, on Wednesday.';

  it('pairs the same span strictly', () => {
    const match = matchTimexes(annotate(text, [{ words: 'Monday' }]), annotate(text, [{ words: 'Monday' }]));
    expect(match.matches).toHaveLength(1);
    expect(match.matches[0]?.strict).toBe(true);
  });

  it('pairs overlapping spans relaxed but not strict', () => {
    const match = matchTimexes(
      annotate(text, [{ words: 'two days' }]),
      annotate(text, [{ words: 'two days later' }]),
    );
    expect(match.matches.map((pair) => pair.strict)).toEqual([false]);
  });

  it('compares tokens, not characters: blanks at the edges do not matter, a comma does', () => {
    const gold = annotate(text, [{ words: 'later' }]);
    expect(matchTimexes(gold, annotate(text, [{ words: ' later' }])).matches[0]?.strict).toBe(true);
    expect(matchTimexes(gold, annotate(text, [{ words: 'later,' }])).matches[0]?.strict).toBe(false);
  });

  it('takes a whole token when a span ends inside it', () => {
    const words = 'It was the 1990s.';
    const match = matchTimexes(
      annotate(words, [{ words: 'the 1990s' }]),
      annotate(words, [{ words: 'the 1990' }]),
    );
    expect(match.matches[0]?.strict).toBe(true);
  });

  it('does not pair adjacent spans that share no token', () => {
    const match = matchTimexes(annotate(text, [{ words: 'Monday' }]), annotate(text, [{ words: 'morning' }]));
    expect(match.matches).toEqual([]);
    expect(match.missed).toHaveLength(1);
    expect(match.spurious).toHaveLength(1);
  });

  it('matches one to one: a long system span covering two gold spans matches only the first', () => {
    const match = matchTimexes(
      annotate(text, [{ words: 'Monday' }, { words: 'morning' }]),
      annotate(text, [{ words: 'Monday morning' }]),
    );
    expect(match.matches.map((pair) => [pair.gold.start, pair.strict])).toEqual([
      [text.indexOf('Monday'), false],
    ]);
    expect(match.missed.map((timex) => text.slice(timex.start, timex.end))).toEqual(['morning']);
    expect(match.spurious).toEqual([]);
  });

  it('matches one to one: two system spans inside one gold span leave the second spurious', () => {
    const match = matchTimexes(
      annotate(text, [{ words: 'Monday morning' }]),
      annotate(text, [{ words: 'Monday' }, { words: 'morning' }]),
    );
    expect(match.matches).toHaveLength(1);
    expect(match.spurious.map((timex) => text.slice(timex.start, timex.end))).toEqual(['morning']);
  });

  it('pairs left to right whatever order the timexes come in', () => {
    const gold = annotate(text, [{ words: 'Wednesday' }, { words: 'Monday' }]);
    const system = annotate(text, [
      { words: 'Wednesday', value: 'W' },
      { words: 'Monday', value: 'M' },
    ]);
    const match = matchTimexes(gold, system);
    expect(match.matches.map((pair) => pair.system.value)).toEqual(['M', 'W']);
  });

  it('accepts texts that differ in blanks only', () => {
    const gold = annotate('On\r\nMonday.', [{ words: 'Monday' }]);
    const system = annotate('On\nMonday.', [{ words: 'Monday' }]);
    expect(matchTimexes(gold, system).matches[0]?.strict).toBe(true);
  });

  it('refuses texts whose words differ', () => {
    expect(() => matchTimexes(annotate('On Monday.', []), annotate('On Tuesday.', []))).toThrow(
      TextMismatchError,
    );
  });
});

describe('scoreTe3', () => {
  it('sums counts over documents and derives the F1s the TempEval-3 way', () => {
    const one = 'Sales rose 5% in March and fell in the last two weeks.';
    const two = 'Now the company expects a profit next year.';
    const { scores } = scoreTe3([
      {
        gold: annotate(one, [
          { words: 'March', value: '1998-03' },
          { words: 'the last two weeks', type: 'DURATION', value: 'P2W' },
        ]),
        system: annotate(one, [
          { words: 'March', value: '1998-03' },
          { words: 'two weeks', type: 'DURATION', value: 'P2W' },
        ]),
      },
      {
        gold: annotate(two, [{ words: 'next year', value: '1999' }]),
        system: annotate(two, [
          { words: 'Now', value: 'PRESENT_REF' },
          { words: 'next year', type: 'DURATION', value: '2000' },
        ]),
      },
    ]);
    expect(scores).toMatchObject({ gold: 3, system: 4, strict: 2, relaxed: 3, type: 2, value: 2 });
    // P = 3/4, R = 3/3: F1 = 2PR/(P+R) = 6/7; type and value F1 = 2/3 of it.
    expect(scores.relaxedF1).toBeCloseTo((100 * 6) / 7, 10);
    expect(scores.strictF1).toBeCloseTo(100 * ((2 * (2 / 4) * (2 / 3)) / (2 / 4 + 2 / 3)), 10);
    expect(scores.typeF1).toBeCloseTo((((100 * 2) / 3) * 6) / 7, 10);
    expect(scores.valueF1).toBeCloseTo(scores.typeF1, 10);
  });

  it('scores 0, not NaN, when there is nothing to match', () => {
    const scores = computeTe3Scores({ gold: 0, system: 0, strict: 0, relaxed: 0, type: 0, value: 0 });
    expect([scores.strictF1, scores.relaxedF1, scores.typeF1, scores.valueF1]).toEqual([0, 0, 0, 0]);
  });
});
