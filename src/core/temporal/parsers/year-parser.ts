import type { Parser, ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag } from '../tags.ts';

// A year standing alone: not part of a number ("1,990", "$2000", "2000.5"), a percentage, a
// decade ("1990s") or a compound ("1990-91" is a season, left to chrono).
const YEAR_RE =
  /(?<![\w$£€.,'/-])((?:fiscal|calendar|the\s+(?:fiscal\s+)?year)\s+)?(1[5-9]\d\d|20\d\d)(?!s\b)(?:'s)?(?![\w%/]|[.,]\d|-\d)/gi;
const FOUR_DIGITS_RE = /\d{4}/;
// "the 1990s", "the '80s", and "the 70s and 80s" (two digits after "the" or "and", not ages: "in their 70s").
const DECADE_RE =
  /(?<![\w$'-])(?:the\s+)?(?:(1[5-9]\d|20\d)0s|'(\d)0s|(?<=\b(?:the|and)\s+)([1-9])0s)(?![\w'-])/i;

/**
 * Years standing alone (chrono declines bare years, #246, #192, and its own filter drops any
 * all-digit result, so this is a refiner that runs after chrono's filters):
 * - "in 1988", "fiscal 1989", "the year 2000" → `1988`, `1989`, `2000`
 * A year inside a date chrono found ("March 3, 1988") is left to it.
 */
export const bareYearRefiner: Refiner = {
  refine: (context: ParsingContext, results: ParsingResult[]) => {
    const years: ParsingResult[] = [];
    if (!FOUR_DIGITS_RE.test(context.text)) return results;
    for (const match of context.text.matchAll(YEAR_RE)) {
      const start = match.index;
      const end = start + match[0].length;
      if (results.some((result) => result.index < end && result.index + result.text.length > start)) continue;
      const year = context.createParsingResult(start, match[0], { year: Number(match[2]) });
      year.addTag(granularityTag('year'));
      years.push(year);
    }
    return years.length === 0 ? results : [...results, ...years].sort((a, b) => a.index - b.index);
  },
};

/**
 * Decades (TIMEX3 drops the last digit):
 * - "the 1990s" → `199`; "the '80s" → `198` (the twentieth century's)
 */
export const decadeParser: Parser = {
  pattern: gatedPattern(/0s\b/, DECADE_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const decade = match[1] ? Number(match[1]) : 190 + Number(match[2] ?? match[3]);
    const result = context.createParsingResult(match.index ?? 0, match[0], { year: decade * 10 });
    result.addTag(granularityTag('decade'));
    return result;
  },
};

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
export const centuryParser: Parser = {
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
