import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blankOut,
  directionAround,
  FUTURE_CHAIN_RE,
  FUTURE_WORD_RE,
  inFutureReportedClause,
  NON_PAST_PARTICIPLE_RE,
  PAST_RE,
  QUOTE_RE,
} from '../../../src/core/temporal/tense.ts';

// The straightforward reading of the tense rules, as tense.ts had it before it was made linear:
// rebuild the masked string for every verb group, scan every marker for every date. Slow on a
// long sentence, and therefore the yardstick for the fast one. It uses tense.ts's own patterns,
// so that only the algorithm is compared.

type Span = { start: number; end: number };
const spansOf = (text: string, re: RegExp): Span[] =>
  [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

function referenceNearest(markers: readonly Span[], start: number, end: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const marker of markers) {
    if (marker.start >= start && marker.end <= end) continue;
    const distance = marker.end <= start ? start - marker.end : marker.start >= end ? marker.start - end : 0;
    if (distance < best && distance <= 35) best = distance;
  }
  return best;
}

function referenceDirection(sentence: string, start: number, end: number): 'past' | 'future' | undefined {
  const chains = spansOf(sentence, FUTURE_CHAIN_RE);
  let masked = sentence;
  for (const chain of chains)
    masked = masked.slice(0, chain.start) + ' '.repeat(chain.end - chain.start) + masked.slice(chain.end);
  masked = masked.replace(NON_PAST_PARTICIPLE_RE, (whole) => ' '.repeat(whole.length));
  const futureMarkers = [...chains, ...spansOf(sentence, FUTURE_WORD_RE)];
  const pastMarkers = spansOf(masked, PAST_RE);
  const quote = spansOf(sentence, QUOTE_RE).find((span) => span.start <= start && end <= span.end);
  const within = (markers: Span[]) =>
    quote ? markers.filter((m) => m.start >= quote.start && m.end <= quote.end) : markers;
  const future = referenceNearest(within(futureMarkers), start, end);
  const past = referenceNearest(within(pastMarkers), start, end);
  if (future === Number.POSITIVE_INFINITY && past === Number.POSITIVE_INFINITY) return undefined;
  if (future <= past) return 'future';
  // The reported clause's rule is a window search, linear already: the same function.
  return !quote && inFutureReportedClause(sentence, start, end) ? 'future' : 'past';
}

/** Every span of one to three whole words, as a date could be. */
function wordSpans(sentence: string): Span[] {
  const words = spansOf(sentence, /\S+/g);
  const spans: Span[] = [];
  for (let i = 0; i < words.length; i += 1)
    for (let j = i; j < Math.min(words.length, i + 3); j += 1)
      spans.push({ start: (words[i] as Span).start, end: (words[j] as Span).end });
  return spans;
}

const expectSameAsReference = (sentence: string, spans: readonly Span[] = wordSpans(sentence)) => {
  for (const { start, end } of spans) {
    expect([start, end, directionAround(sentence, start, end)]).toEqual([
      start,
      end,
      referenceDirection(sentence, start, end),
    ]);
  }
};

describe('directionAround', () => {
  it.each([
    { sentence: 'Officials will meet on Thursday.', date: 'Thursday', expected: 'future' },
    { sentence: 'The meeting will be held Friday.', date: 'Friday', expected: 'future' },
    { sentence: 'The meeting was held Friday.', date: 'Friday', expected: 'past' },
    { sentence: 'The meeting was scheduled Friday.', date: 'Friday', expected: 'future' },
    { sentence: 'He said "we will win on Sunday" and left.', date: 'Sunday', expected: 'future' },
    { sentence: 'He will say "we won on Sunday" later.', date: 'Sunday', expected: 'past' },
    { sentence: 'Payable Jan. 2 to stock of record Dec. 15.', date: 'Jan. 2', expected: undefined },
    { sentence: 'The talks next Thursday matter.', date: 'next Thursday', expected: undefined },
  ])('reads "$date" in "$sentence" as $expected', ({ sentence, date, expected }) => {
    const start = sentence.indexOf(date);
    expect(directionAround(sentence, start, start + date.length)).toBe(expected);
  });

  it.each([
    // Markers straddling either end of the date, inside it, far from it, in and out of quotations.
    'Officials will meet on Thursday.',
    'They had planned to vote on Monday but the upcoming vote was delayed.',
    'He said "we will win on Sunday" and she said ‘it ended Tuesday’ ``we left Monday\'\' too.',
    'An unmatched "quote will stay open past Friday and was closed',
    'The reduced dividend is expected in December, and the scheduled talks were canceled last week.',
    "wo n't go gonna go going to go is to go are to go to be held expects to intends to aims to hope",
    'abandonedcrossed fixed wanted visited since ago earlier previous former last',
    `${'the council will meet and '.repeat(40)}on Thursday ${'they said and '.repeat(30)}`,
    '',
  ])('agrees with the straightforward reading on every span of "%s"', (sentence) => {
    expectSameAsReference(sentence);
  });

  it('agrees with the straightforward reading on random sentences', () => {
    const token = fc.constantFrom(
      'will',
      'be',
      'held',
      'was',
      'said',
      'next',
      'Thursday',
      'the',
      'reduced',
      'is',
      'expected',
      'to',
      'meet',
      '"',
      '“',
      '”',
      '‘',
      '’',
      '``',
      "''",
      'not',
      'soon',
      'have',
      'been',
      'last',
      'planned',
      'upcoming',
      'ago',
      'x',
      ',',
    );
    const sentence = fc
      .array(fc.tuple(token, fc.constantFrom(' ', '', '  ', '\t')), { maxLength: 40 })
      .map((parts) => parts.map(([word, gap]) => `${word}${gap}`).join(''));
    fc.assert(
      fc.property(sentence, fc.nat(), fc.nat(8), (text, at, length) => {
        const start = text.length === 0 ? 0 : at % text.length;
        const end = Math.min(text.length, start + 1 + length);
        expect(directionAround(text, start, end)).toBe(referenceDirection(text, start, end));
        expectSameAsReference(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('blankOut', () => {
  it.each([
    { text: 'it will be held', spans: [{ start: 3, end: 10 }], expected: 'it         held' },
    { text: 'abcdef', spans: [], expected: 'abcdef' },
    {
      text: 'abcdef',
      spans: [
        { start: 0, end: 1 },
        { start: 2, end: 4 },
        { start: 5, end: 6 },
      ],
      expected: ' b  e ',
    },
    { text: 'abc', spans: [{ start: 0, end: 3 }], expected: '   ' },
  ])('blanks $spans of "$text"', ({ text, spans, expected }) => {
    expect(blankOut(text, spans)).toBe(expected);
  });
});
