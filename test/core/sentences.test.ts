import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, splitSentences } from '../../src/core/sentences.ts';
import { readFixtureText } from '../support/fixtures.ts';

const textsOf = (text: string): string[] => splitSentences(text).map((sentence) => sentence.text);

describe('splitSentences', () => {
  it.each([{ name: 'nk-talks-full.txt' as const }, { name: 'nk-talks-short.txt' as const }])(
    'gives offsets that slice each sentence out of $name',
    ({ name }) => {
      const text = readFixtureText(name);
      const sentences = splitSentences(text);
      expect(sentences.length).toBeGreaterThan(5);
      for (const sentence of sentences) {
        expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
        expect(sentence.text).toBe(sentence.text.trim());
        expect(sentence.text).not.toBe('');
      }
      // In order and without overlap, so a source offset names one sentence.
      for (const [index, sentence] of sentences.entries()) {
        const previous = sentences[index - 1];
        if (previous) expect(sentence.start).toBeGreaterThanOrEqual(previous.end);
      }
    },
  );

  it.each([
    {
      text: 'Gen. Dunford spoke Monday. He left.',
      expected: ['Gen. Dunford spoke Monday.', 'He left.'],
    },
    {
      text: 'KCNA said on Nov. 2 that it would not move. Talks stalled.',
      expected: ['KCNA said on Nov. 2 that it would not move.', 'Talks stalled.'],
    },
    {
      text: 'The U.S. refused to ease sanctions. Pyongyang was angry.',
      expected: ['The U.S. refused to ease sanctions.', 'Pyongyang was angry.'],
    },
    {
      text: 'Mr. Pompeo postponed the meeting. Mrs. May and Dr. Lee did not.',
      expected: ['Mr. Pompeo postponed the meeting.', 'Mrs. May and Dr. Lee did not.'],
    },
    {
      text: 'Sen. Smith met Lt. Col. Jones at 9 a.m. on Tuesday. Both left.',
      expected: ['Sen. Smith met Lt. Col. Jones at 9 a.m. on Tuesday.', 'Both left.'],
    },
  ])('does not split after the abbreviations in $text', ({ text, expected }) => {
    expect(textsOf(text)).toEqual(expected);
  });

  it('splits at sentence ends inside quotes', () => {
    expect(textsOf('"We\'re in no rush. We\'re in no hurry," Trump said. He left.')).toEqual([
      '"We\'re in no rush.',
      'We\'re in no hurry," Trump said.',
      'He left.',
    ]);
  });

  it('marks headings and page furniture of the full article as headings', () => {
    const text = readFixtureText('nk-talks-full.txt');
    const headings = splitSentences(text)
      .filter((sentence) => sentence.isHeading)
      .map((sentence) => sentence.text);
    expect(headings).toEqual(
      expect.arrayContaining([
        'News and HeadlinesNational News',
        'Actions',
        "North Korea 'really angry' at US as tensions rise",
        'Posted',
        'and last updated',
        "'A standoff'",
        "'Largely cosmetic'",
      ]),
    );
    // No sentence of the report itself is a heading.
    expect(headings.every((heading) => !/[.!?]["'”’]?$/.test(heading))).toBe(true);
  });

  it.each([
    { text: "'A standoff'\n\nBut officials say the sides are locked.", heading: "'A standoff'" },
    { text: 'Posted\nand last updated\n\nNorth Korea is angry.', heading: 'Posted' },
    { text: 'Talks stall in Pyongyang\nOfficials met Monday.', heading: 'Talks stall in Pyongyang' },
  ])('marks $heading on a line of its own as a heading', ({ text, heading }) => {
    const sentences = splitSentences(text);
    expect(sentences[0]).toMatchObject({ text: heading, isHeading: true });
    expect(sentences.at(-1)?.isHeading).toBe(false);
  });

  it('does not mark a short sentence with a full stop as a heading', () => {
    expect(splitSentences('He left.\n\nShe stayed.').map((sentence) => sentence.isHeading)).toEqual([
      false,
      false,
    ]);
  });

  it('does not mark words without punctuation inside a paragraph as a heading', () => {
    const sentences = splitSentences('Talks stalled. And then nothing');
    expect(sentences.at(-1)).toMatchObject({ text: 'And then nothing', isHeading: false });
  });

  it('joins the lines of a hard-wrapped paragraph into one sentence, offsets unchanged', () => {
    const text =
      'The talks between the two countries have stalled since\nthe summit in Singapore, officials said.\nThey left.';
    const sentences = splitSentences(text);
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      'The talks between the two countries have stalled since\nthe summit in Singapore, officials said.',
      'They left.',
    ]);
    expect(sentences[0]).toMatchObject({ start: 0, isHeading: false });
  });

  it('keeps a short line before a lower-case line apart (page furniture, not a wrapped line)', () => {
    expect(textsOf('Posted\nand last updated')).toEqual(['Posted', 'and last updated']);
  });

  it('counts offsets in UTF-16 code units', () => {
    const text = '📰 News. Officials met Monday.';
    const [, second] = splitSentences(text);
    expect(second).toMatchObject({ text: 'Officials met Monday.', start: 9, end: 30 });
    expect(text.slice(9, 30)).toBe('Officials met Monday.');
  });

  it('returns nothing for white space', () => {
    expect(splitSentences(' \n\n\t')).toEqual([]);
  });

  describe('over-long sentences', () => {
    const LIMIT = MAX_SENTENCE_CHARS;
    const word = 'abcdefghi'; // nine letters and a space: ten characters a word
    const words = (count: number) => Array.from({ length: count }, () => word).join(' ');

    it.each([
      {
        name: 'a sentence of exactly the limit',
        text: `${words(LIMIT / 10 - 1)} abcdefghi.`,
        pieces: [LIMIT],
      },
      {
        // The last white space that keeps the piece within the limit: the word that would cross it
        // begins the next piece.
        name: 'two characters over the limit',
        text: `${words(LIMIT / 10)} x.`,
        pieces: [LIMIT - 1, 2],
      },
      {
        name: 'two and a half times the limit',
        text: words(LIMIT / 4),
        pieces: [LIMIT - 1, LIMIT - 1, LIMIT / 2 - 1],
      },
      {
        name: 'a word longer than the limit',
        text: `${'x'.repeat(LIMIT + 5)} end`,
        pieces: [LIMIT, 9],
      },
      {
        name: 'white space at the limit',
        text: `${'x'.repeat(LIMIT)}   \t ${'y'.repeat(7)}`,
        pieces: [LIMIT, 7],
      },
    ])('cuts $name at a word boundary into pieces within the limit', ({ text, pieces }) => {
      const sentences = splitSentences(text);
      expect(sentences.map((sentence) => sentence.text.length)).toEqual(pieces);
      for (const sentence of sentences) {
        expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
        expect(sentence.text).toBe(sentence.text.trim());
      }
      // Nothing but the white space between pieces is lost.
      expect(sentences.map((sentence) => sentence.text.replace(/\s+/g, '')).join('')).toBe(
        text.replace(/\s+/g, ''),
      );
    });

    it('never cuts a surrogate pair in two', () => {
      const text = `${'x'.repeat(LIMIT - 1)}${'📰'.repeat(3)}`;
      const sentences = splitSentences(text);
      expect(sentences.map((sentence) => sentence.text)).toEqual(['x'.repeat(LIMIT - 1), '📰'.repeat(3)]);
    });

    it('cuts a 5 MB line without sentence breaks into pieces, the same each time', () => {
      const line = 'the council will meet on Thursday and officials would vote '.repeat(85_000);
      const sentences = splitSentences(line);
      expect(sentences.length).toBeGreaterThanOrEqual(line.length / LIMIT);
      expect(Math.max(...sentences.map((sentence) => sentence.text.length))).toBeLessThanOrEqual(LIMIT);
      expect(sentences.every((sentence) => !sentence.isHeading)).toBe(true);
      expect(splitSentences(line)).toEqual(sentences);
    });

    it('leaves the sentences around a long one as they are', () => {
      const text = `Talks stalled. Then ${words(LIMIT / 5)}. He left.`;
      const texts = textsOf(text);
      expect(texts[0]).toBe('Talks stalled.');
      expect(texts.at(-1)).toBe('He left.');
      expect(texts.slice(1, -1).every((piece) => piece.length <= LIMIT)).toBe(true);
      expect(texts.length).toBe(5);
    });
  });
});
