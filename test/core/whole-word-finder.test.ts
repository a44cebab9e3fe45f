import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wholeWordFinder } from '../../src/core/whole-word-finder.ts';

const WORDS = ['that', 'said', 'says', 'told', 'announced', 'added'];
const WORDS_RE = /\b(?:that|said|says|told|announced|added)\b/i;

describe('wholeWordFinder', () => {
  it.each([
    { text: 'he said that', from: 0, to: 12, expected: true },
    { text: 'Thatcher left', from: 0, to: 13, expected: false },
    // The ends of the slice are word boundaries: "that" cut out of "Thatcher" stands alone.
    { text: 'Thatcher left', from: 0, to: 4, expected: true },
    { text: 'unsaid', from: 2, to: 6, expected: true },
    { text: 'unsaid', from: 1, to: 6, expected: false },
    { text: 'SAID_x said', from: 0, to: 6, expected: false },
    { text: 'SAID_x said', from: 0, to: 11, expected: true },
    { text: 'a told b', from: 3, to: 3, expected: false },
    { text: 'a told b', from: 5, to: 2, expected: false },
    { text: 'İtold', from: 1, to: 5, expected: true },
    { text: 'ſaid said', from: 0, to: 4, expected: false },
  ])('finds a word in "$text".slice($from, $to): $expected', ({ text, from, to, expected }) => {
    expect(wholeWordFinder(text, WORDS)(from, to)).toBe(expected);
    expect(WORDS_RE.test(text.slice(from, to))).toBe(expected);
  });

  it('answers as the regex does on every slice of random texts', () => {
    const piece = fc.constantFrom(
      'that',
      'THAT',
      'said',
      'says',
      'told',
      'added',
      'announced',
      'x',
      '_',
      '1',
      ' ',
      ',',
      'é',
      'un',
      's',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        const has = wholeWordFinder(text, WORDS);
        for (let from = 0; from <= text.length; from += 1)
          for (let to = from; to <= text.length; to += 1)
            expect([from, to, has(from, to)]).toEqual([from, to, WORDS_RE.test(text.slice(from, to))]);
      }),
      { numRuns: 300 },
    );
  });
});
