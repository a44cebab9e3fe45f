import { describe, expect, it } from 'vitest';
import { tokenizeTe3 } from '../../src/eval/tokenize-te3.ts';

const textsOf = (text: string) => tokenizeTe3(text).map((token) => token.text);

describe('tokenizeTe3', () => {
  it.each([
    { text: 'on Tuesday, April 1.', expected: ['on', 'Tuesday', ',', 'April', '1', '.'] },
    { text: '"Now," he said.', expected: ['"', 'Now', ',', '"', 'he', 'said', '.'] },
    { text: '(AFP) in 1997)', expected: ['(', 'AFP', ')', 'in', '1997', ')'] },
    { text: 'it said."', expected: ['it', 'said', '.', '"'] },
    { text: "it's the market's don't", expected: ['it', "'s", 'the', 'market', "'s", 'do', "n't"] },
    {
      text: 'Mr. Lee on Sept. 30 at 6 p.m. in the U.S.',
      expected: ['Mr.', 'Lee', 'on', 'Sept.', '30', 'at', '6', 'p.m.', 'in', 'the', 'U.S.'],
    },
    {
      text: '1,189.42 at 16:15 and 1.1 percent',
      expected: ['1,189.42', 'at', '16:15', 'and', '1.1', 'percent'],
    },
    {
      text: 'end.Then one;two wait...now',
      expected: ['end', '.', 'Then', 'one', ';', 'two', 'wait', '...', 'now'],
    },
    // The toolkit's own rule: one hyphen splits, two do not.
    {
      text: 'mid-1990s a 41-year-old year-end',
      expected: ['mid', '-', '1990s', 'a', '41-year-old', 'year', '-', 'end'],
    },
    { text: '-- well-- --no', expected: ['--', 'well', '--', '--', 'no'] },
  ])('splits $text', ({ text, expected }) => {
    expect(textsOf(text)).toEqual(expected);
  });

  it('gives offsets that slice each token out of the text', () => {
    const text = 'In "the last twenty-four hours," Mr. Wong\'s\r\nshares fell.';
    for (const token of tokenizeTe3(text)) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it('ignores every kind of blank', () => {
    expect(textsOf(' a\tb\r\n\r\nc  ')).toEqual(['a', 'b', 'c']);
  });
});
