import type { ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { granularityTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

// A year standing alone: not part of a number ("1,990", "$2000", "2000.5"), a percentage, a
// decade ("1990s") or a compound ("1990-91" is a season, left to chrono).
const YEAR_RE =
  /(?<![\w$£€.,'/-])((?:fiscal|calendar|the\s+(?:fiscal\s+)?year)\s+)?(1[5-9]\d\d|20\d\d)(?!s\b)(?:'s)?(?![\w%/]|[.,]\d|-\d)/gi;
const FOUR_DIGITS_RE = /\d{4}/;

/**
 * Years standing alone (chrono declines bare years, #246, #192, and its own filter drops any
 * all-digit result, so this is a refiner that runs after chrono's filters):
 * - "in 1988", "fiscal 1989", "the year 2000" → `1988`, `1989`, `2000`
 * A year inside a date chrono found ("March 3, 1988") is left to it.
 */
const bareYearRefiner: Refiner = {
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

export const yearsFamily: TimexFamily = {
  name: 'years',
  gateWords: [],
  refiners: { resolve: [bareYearRefiner] },
  examples: [
    { sentence: 'The 1998 budget was cut.', text: '1998' },
    { sentence: 'Sales fell in fiscal 1999.', text: 'fiscal 1999' },
    { sentence: 'The law dates from 2004.', text: '2004' },
  ],
};
