import type { Parser, ParsingContext, ParsingResult } from 'chrono-node';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag, QUARTER_NAMED_TAG, QUARTER_OFFSET_TAG } from '../tags.ts';
import type { TimexFamily } from './family.ts';

const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

const ORDINAL_QUARTER_RE =
  /(?<![\w'-])(the\s+)?(?:(this|last|next|previous) year's\s+|(\d{4})\s+)?(?:(?:fiscal|calendar)\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)([\s-]+)(?:fiscal\s+)?(?:quarter|qtr\.?)(?:\s+of\s+(?:(this|last|next) year|(?:fiscal\s+)?(\d{4})))?(?![\w'])/i;
const NAMED_QUARTER_RE =
  /(?<![\w'-])(?:the\s+)?((?:(?:latest|last|past|previous|recent|most recent|just-ended|current|same|comparable|corresponding|year-earlier|year-ago|year earlier|year ago|\d{4})\s+)+)?(?:(?:fiscal|calendar)\s+)?(quarter|period)(\s+(?:of\s+)?last year|\s+a year (?:ago|earlier))?(?![\w'-])|(?<![\w'-])(year-earlier|year-ago)(?![\w'-])/i;

function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

function quarterResult(context: ParsingContext, index: number, text: string, year: number, quarter: number) {
  const result = context.createParsingResult(index, text, { year, month: (quarter - 1) * 3 + 1 });
  result.start.imply('day', 1);
  result.addTag(granularityTag('quarter'));
  return result;
}

/** Marks a quarter named by its number, which becomes the quarter under discussion. */
function namedByNumber(result: ParsingResult): ParsingResult {
  result.addTag(QUARTER_NAMED_TAG);
  return result;
}

/**
 * Quarters as financial news names them (chrono reads none of them, #266, #238):
 * - "the third quarter", "third-quarter", "the fiscal first quarter" → the reference year's
 * - "the fourth quarter of 1989", "last year's third quarter" → that year's
 */
const ordinalQuarterParser: Parser = {
  pattern: gatedPattern(/quarter|qtr/i, ORDINAL_QUARTER_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const reference = referenceDayOf(context);
    const relative = (match[2] ?? match[6] ?? 'this').toLowerCase();
    const offset = relative === 'last' || relative === 'previous' ? -1 : relative === 'next' ? 1 : 0;
    const explicitYear = match[3] ?? match[7];
    const year = explicitYear ? Number(explicitYear) : reference.year + offset;
    // "the third-quarter profit": the adjective alone is the expression, without "the".
    const adjectival = match[1] !== undefined && (match[5] ?? '').includes('-') && !match[2] && !match[3];
    const skip = adjectival ? (match[1]?.length ?? 0) : 0;
    const quarter = ORDINALS[(match[4] ?? '').toLowerCase()] ?? 1;
    return namedByNumber(
      quarterResult(context, (match.index ?? 0) + skip, match[0].slice(skip), year, quarter),
    );
  },
};

// "the final quarter of 2009", "the last quarter of the year": the fourth (alone, "the last
// quarter" is the one before, the named quarters' reading).
const FINAL_QUARTER_RE =
  /(?<![\w'-])(?:the\s+)?(?:final|last)\s+quarter\s+of\s+(?:(this|last|next)\s+year|the\s+year|(?:fiscal\s+)?(\d{4}))(?![\w'])/i;

/** "the final quarter of 2009" → `2009-Q4`; "the last quarter of last year" → the year before's. */
const finalQuarterParser: Parser = {
  pattern: gatedPattern(/quarter\s+of/i, FINAL_QUARTER_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const relative = (match[1] ?? 'this').toLowerCase();
    const offset = relative === 'last' ? -1 : relative === 'next' ? 1 : 0;
    const year = match[2] ? Number(match[2]) : referenceDayOf(context).year + offset;
    return namedByNumber(quarterResult(context, match.index ?? 0, match[0], year, 4));
  },
};

/**
 * The quarter an earnings report speaks of, from the reference date:
 * - "the quarter", "the latest quarter", "the latest period" → the last quarter that has ended
 * - "the current quarter" → the one under way
 * - "the year-earlier quarter", "the year-ago period", "year-earlier" → the last ended quarter a
 *   year before
 * "the period" alone names nothing and is skipped.
 */
const namedQuarterParser: Parser = {
  pattern: gatedPattern(/quarter|period|year-earlier|year-ago/i, NAMED_QUARTER_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const modifier = `${match[1] ?? match[4] ?? ''} ${match[3] ?? ''}`.toLowerCase().trim();
    const noun = (match[2] ?? '').toLowerCase();
    if (noun === 'period' && modifier === '') return null;
    // "a quarter of the staff", "quarter after quarter": a fraction or a unit, not a date.
    const rest = context.text.slice((match.index ?? 0) + match[0].length);
    if ((modifier === '' && !/^the\s/i.test(match[0])) || /^\s+of\s+(?!\d|this|last|next)/i.test(rest))
      return null;
    const reference = referenceDayOf(context);
    let index = reference.year * 4 + quarterOf(reference.month) - 1;
    if (!modifier.includes('current')) index -= 1;
    const yearBefore = /year/.test(modifier);
    if (yearBefore) index -= 4;
    // "the 1988 quarter": the quarter under discussion (the last ended one), in that year.
    const year = /\b(\d{4})\b/.exec(modifier)?.[1];
    if (year) index = Number(year) * 4 + (index % 4);
    const result = quarterResult(context, match.index ?? 0, match[0], Math.floor(index / 4), (index % 4) + 1);
    // "the quarter", "the year-ago period" mean the quarter the text is discussing: the document
    // tagger moves them onto the last quarter named, when there is one. "the latest quarter",
    // "the current quarter" and "the 1988 period" say which quarter themselves.
    const fromReference = /\b(?:current|latest|last|past|previous|recent|just-ended)\b/.test(modifier);
    if (!year && !fromReference) result.addTag(`${QUARTER_OFFSET_TAG}${yearBefore ? -4 : 0}`);
    return result;
  },
};

const ABBREVIATED_QUARTER_RE =
  /(?<![\w'-])(?:Q([1-4])(?:\s*(?:(\d{4})|'(\d{2})))?|(\d{4})\s*Q([1-4]))(?![\w'-])/;

const BARE_QUARTER_BEFORE_RE =
  /\b(?:in|during|for|of|the|its|their|by|since|from|until|through|and|or|to)\s+$/i;

/** "Q3 2018", "Q3 '18", "2018 Q3" → `2018-Q3`; "in Q3" → the reference year's, as "the third quarter". */
const abbreviatedQuarterParser: Parser = {
  pattern: gatedPattern(/Q[1-4]/, ABBREVIATED_QUARTER_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    // "Q3" alone only where a period is named ("in Q3", "the Q3 results"), not a model ("an Audi Q3").
    const bare = !match[2] && !match[3] && !match[4];
    const before = context.text.slice(Math.max(0, (match.index ?? 0) - 10), match.index ?? 0);
    if (bare && !BARE_QUARTER_BEFORE_RE.test(before)) return null;
    const year = match[2] ?? match[4] ?? (match[3] ? `20${match[3]}` : referenceDayOf(context).year);
    const quarter = Number(match[1] ?? match[5]);
    return namedByNumber(quarterResult(context, match.index ?? 0, match[0], Number(year), quarter));
  },
};

export const quartersFamily: TimexFamily = {
  name: 'quarters',
  gateWords: ['quarter', 'quarters', 'qtr', 'period', 'year-earlier', 'year-ago'],
  lateParsers: [ordinalQuarterParser, namedQuarterParser, abbreviatedQuarterParser, finalQuarterParser],
  examples: [
    { sentence: 'Profit rose in the third quarter.', text: 'the third quarter' },
    { sentence: 'Sales beat the year-ago quarter.', text: 'the year-ago quarter' },
  ],
};
