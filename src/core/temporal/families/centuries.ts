import type { Parser, ParsingContext } from 'chrono-node';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

const ORDINAL_CENTURIES = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
  'twenty-first',
  'twenty-second',
];
// "the 20th century", "the twentieth century", "19th-century" (as a premodifier); not "the
// first century of the republic", counted from something else than the calendar.
const CENTURY_RE = new RegExp(
  String.raw`(?<![\w'-])(?:the\s+)?(?:([1-9]|1\d|2[0-2])(?:st|nd|rd|th)|(${ORDINAL_CENTURIES.join('|')}))[\s-]century(?![\w'-])(?!\s+of\b)`,
  'i',
);

/**
 * Centuries, in numbers and in words (TIMEX3 keeps the first two digits of their years):
 * - "the 20th century", "the twentieth century", "a 19th-century house" → `19`, `19`, `18`
 * The years of century N are those starting with N - 1 ("the 20th century" is the 1900s), as
 * the guidelines' value has it.
 */
const centuryParser: Parser = {
  pattern: gatedPattern(/century/i, CENTURY_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const ordinal = match[1]
      ? Number(match[1])
      : ORDINAL_CENTURIES.indexOf((match[2] ?? '').toLowerCase()) + 1;
    if (ordinal < 1) return null;
    const result = context.createParsingResult(match.index ?? 0, match[0], { year: (ordinal - 1) * 100 });
    result.addTag(granularityTag('century'));
    return result;
  },
};

// "the 1900s", "the 1800's": the hundred years whose first two digits they share (the families
// note: "the 1900s" is `19`), not the decade 1900–1909. "the 2000s" is left a decade: in news
// since then it is the decade 2000–2009 far more often than the century.
const HUNDREDS_RE = /(?<![\w$'-])(?:the\s+)?(1[0-9])00(?:s|'s)(?![\w'-])/i;

/** "the 1900s" → `19`, "the 1800s" → `18`. */
const hundredsParser: Parser = {
  pattern: gatedPattern(/00'?s\b/, HUNDREDS_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const result = context.createParsingResult(match.index ?? 0, match[0], { year: Number(match[1]) * 100 });
    result.addTag(granularityTag('century'));
    return result;
  },
};

export const centuriesFamily: TimexFamily = {
  name: 'centuries',
  gateWords: ['century', 'centuries'],
  parsers: [centuryParser, hundredsParser],
  examples: [
    { sentence: 'The bridge was built in the 20th century.', text: 'the 20th century' },
    { sentence: 'Whaling ended in the nineteenth century.', text: 'the nineteenth century' },
    { sentence: 'Art of the 1900s changed the city.', text: 'the 1900s' },
  ],
};
