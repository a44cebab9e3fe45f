import type { ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { referenceDayOf } from '../chrono-reference.ts';
import { granularityTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

// A year standing alone: not part of a number ("1,990", "$2000", "2000.5"), a percentage or a
// decade ("1990s"). "fiscal 1999", "fiscal year 1999", "FY 1999", "FY2019" are the year itself;
// a possessive "'s" is outside the tag (it belongs to the noun phrase: "[1998]'s budget").
// A compound "1998-99", "1998-2001", "2008/09" is a range: one tag for each end.
const YEAR_RE =
  /(?<![\w$£€.,'/-])((?:fiscal(?:\s+year)?|calendar|the\s+(?:fiscal\s+)?year|FY)\s*)?(1[5-9]\d\d|20\d\d)(?!s\b)(?:([-–/])(\d\d|1[5-9]\d\d|20\d\d))?(?='s|(?![\w%/]|[.,]\d|[-–]\d))/gi;
// "'98", "'04": a year in two digits after an apostrophe (not a decade, "'90s").
const SHORT_YEAR_RE = /(?<![\w'’])['’](\d\d)(?![\w%'’-]|[.,]\d|\s+per\s*cent)/gi;
const FOUR_DIGITS_RE = /\d{4}/;
// A number before a plural noun counts things ("some 1990 people", "counted 2010 votes"), unless
// a word that introduces years stands before it ("in 1998 prices rose", "the 1998 results").
const PLURAL_AFTER_RE =
  /^\s+(?!(?:is|was|has|does|as|us|its|his|this|thus|plus|versus|across|whereas)\b)(?:[a-z]+s|people|men|women|children)\b/;
const YEAR_INTRODUCER_RE =
  /(?:^|[^\w\s]\s*|\b(?:in|on|of|since|by|from|to|until|till|through|before|after|during|between|and|or|the|a|an|this|that|its|their|his|her|our|your|early|late|mid|'s)\s+)$/i;
// "the 2000-meter race", "1600 Pennsylvania Avenue": a measure or an address.
const MEASURE_OR_ADDRESS_AFTER_RE =
  /^(?:-(?:meters?|metres?|yards?|miles?|kilometers?|kilometres?|km|foot|feet|tons?|pounds?|pages?|seats?|members?|points?|acres?|strong)\b|\s+(?:[A-Z][a-z]+\s+){1,2}(?:Avenue|Street|Road|Boulevard|Lane|Drive|Place|Square)\b)/;
const SHORT_YEAR_GATE_RE = /['’]\d\d(?!\d)/;

/** The year of century `century` ending in `yy` that lies within 89 years before and 10 after `year`. */
function yearNear(year: number, yy: number): number {
  const candidate = year - (year % 100) + yy;
  if (candidate > year + 10) return candidate - 100;
  if (candidate < year - 89) return candidate + 100;
  return candidate;
}

/**
 * Years standing alone (chrono declines bare years, #246, #192, and its own filter drops any
 * all-digit result, so this is a refiner that runs after chrono's filters):
 * - "in 1988", "fiscal 1989", "fiscal year 1989", "FY2019", "the year 2000" → `1988`, `1989`, `1989`,
 *   `2019`, `2000`
 * - "'98", "'04" → `1998`, `2004` (the nearest such year to the reference, at most 10 ahead)
 * - "1998-99", "1998-2001", "2008/09" → two years, `1998` and `1999`… (the second after the first)
 * Not a count before a plural noun ("some 1990 people"), a measure ("the 2000-meter race") or an
 * address ("1600 Pennsylvania Avenue"). A year inside a date chrono found ("March 3, 1988") is
 * left to it.
 */
const bareYearRefiner: Refiner = {
  refine: (context: ParsingContext, results: ParsingResult[]) => {
    const hasFourDigits = FOUR_DIGITS_RE.test(context.text);
    const hasShortYear = SHORT_YEAR_GATE_RE.test(context.text);
    if (!hasFourDigits && !hasShortYear) return results;
    const years: ParsingResult[] = [];
    const free = (start: number, end: number) =>
      !results.some((result) => result.index < end && result.index + result.text.length > start);
    const addYear = (start: number, text: string, year: number) => {
      const result = context.createParsingResult(start, text, { year });
      result.addTag(granularityTag('year'));
      years.push(result);
    };
    if (hasFourDigits) {
      for (const match of context.text.matchAll(YEAR_RE)) {
        const start = match.index;
        const end = start + match[0].length;
        if (!free(start, end)) continue;
        const after = context.text.slice(end, end + 40);
        if (MEASURE_OR_ADDRESS_AFTER_RE.test(after)) continue;
        if (
          !match[1] &&
          PLURAL_AFTER_RE.test(after) &&
          !YEAR_INTRODUCER_RE.test(context.text.slice(Math.max(0, start - 12), start))
        )
          continue;
        const first = Number(match[2]);
        const [, prefix = '', firstText = '', separator, secondText] = match;
        const second = secondText
          ? secondText.length === 2
            ? yearNear(first + 10, Number(secondText))
            : Number(secondText)
          : undefined;
        if (separator && secondText && (second === undefined || second <= first || second > first + 30))
          continue;
        addYear(start, `${prefix}${firstText}`, first);
        if (separator && secondText && second !== undefined) {
          addYear(start + prefix.length + firstText.length + separator.length, secondText, second);
        }
      }
    }
    if (hasShortYear) {
      const referenceYear = referenceDayOf(context).year;
      for (const match of context.text.matchAll(SHORT_YEAR_RE)) {
        if (!free(match.index, match.index + match[0].length)) continue;
        addYear(match.index, match[0], yearNear(referenceYear, Number(match[1])));
      }
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
    { sentence: "The law dates from '98.", text: "'98" },
    { sentence: 'The drought of 1998-99 killed crops.', text: '99' },
  ],
};
