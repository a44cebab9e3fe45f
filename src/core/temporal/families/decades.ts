import type { Parser, ParsingContext } from 'chrono-node';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

// "the 1990s", "the '80s", and "the 70s and 80s" (two digits after "the" or "and", not ages: "in their 70s").
const DECADE_RE =
  /(?<![\w$'-])(?:the\s+)?(?:(1[5-9]\d|20\d)0s|'(\d)0s|(?<=\b(?:the|and)\s+)([1-9])0s)(?![\w'-])/i;

/**
 * Decades (TIMEX3 drops the last digit):
 * - "the 1990s" → `199`; "the '80s" → `198` (the twentieth century's)
 */
const decadeParser: Parser = {
  pattern: gatedPattern(/0s\b/, DECADE_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const decade = match[1] ? Number(match[1]) : 190 + Number(match[2] ?? match[3]);
    const result = context.createParsingResult(match.index ?? 0, match[0], { year: decade * 10 });
    result.addTag(granularityTag('decade'));
    return result;
  },
};

export const decadesFamily: TimexFamily = {
  name: 'decades',
  gateWords: [],
  parsers: [decadeParser],
  examples: [
    { sentence: 'Prices soared in the 1990s.', text: 'the 1990s' },
    { sentence: "It was a hit in the '80s.", text: "the '80s" },
  ],
};
