import type { Parser, ParsingContext } from 'chrono-node';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag, modTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

const DECADE_WORDS = [
  'twenties',
  'thirties',
  'forties',
  'fifties',
  'sixties',
  'seventies',
  'eighties',
  'nineties',
];

// "the 1990s", "the 1990's", "the '80s", "the mid-1990s", "the mid-'90s", "the nineties".
// "the early 1990s", "the late '90s": the part inside with START and END, as TimeML's mods are
// and "the mid-1990s" was (TimeBank's test half gains; AQUAINT leaves them outside, against the
// guidelines, and its test half loses two matches: issue 11 report).
// Two digits or a word only after "the" (not ages: "in their 70s", "in their early forties"), or
// after another decade and "and" ("the 1970s and 80s").
const DECADE_RE = new RegExp(
  String.raw`(?<![\w$'-])(?<the>the\s+)?(?:(?<part>early|mid|late)[\s-]+)?` +
    String.raw`(?:(?<century>1[5-9]\d|20\d)0(?:s|'s)|'(?<short>\d)0s|(?<bare>[1-9])0s|(?<word>${DECADE_WORDS.join('|')}))(?![\w'-])`,
  'i',
);
// What lets two digits or a word stand without "the": a decade and "and" before them.
const DECADE_AND_BEFORE_RE =
  /(?:\d{3}0'?s|'\d0s|\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?:\d0s|[a-z]+ties))\s+and\s+$/i;

/**
 * Decades (TIMEX3 drops the last digit), a part of one as its `mod` (TimeML 1.2.1):
 * - "the 1990s", "the 1990's" → `199`; "the '80s", "the eighties" → `198` (the twentieth century's)
 * - "the mid-1990s", "the mid-'80s" → `199` MID, `198` MID
 * - "the 1970s and 80s", "the sixties and seventies" → two decades
 */
const decadeParser: Parser = {
  pattern: gatedPattern(/0'?s\b|ties\b/i, DECADE_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const { the, part, century, short, bare, word } = match.groups ?? {};
    const index = match.index ?? 0;
    if (
      !century &&
      !short &&
      !the &&
      !DECADE_AND_BEFORE_RE.test(context.text.slice(Math.max(0, index - 32), index))
    )
      return null;
    // "the 1900s" is a century (the centuries family), not the decade 1900–1909; "the 2000s" a decade.
    if (century?.endsWith('0') && century < '200') return null;
    const lowerWord = word?.toLowerCase() ?? '';
    const decade = century
      ? Number(century)
      : 190 + Number(short ?? bare ?? DECADE_WORDS.indexOf(lowerWord) + 2);
    const result = context.createParsingResult(index, match[0], { year: decade * 10 });
    result.addTag(granularityTag('decade'));
    const mod = part?.toLowerCase();
    if (mod) result.addTag(modTag(mod === 'early' ? 'START' : mod === 'late' ? 'END' : 'MID'));
    return result;
  },
};

export const decadesFamily: TimexFamily = {
  name: 'decades',
  gateWords: DECADE_WORDS,
  parsers: [decadeParser],
  examples: [
    { sentence: 'Prices soared in the 1990s.', text: 'the 1990s' },
    { sentence: "It was a hit in the '80s.", text: "the '80s" },
    { sentence: 'Prices soared in the mid-1990s.', text: 'the mid-1990s' },
    { sentence: 'Disco ruled in the seventies.', text: 'the seventies' },
  ],
};
