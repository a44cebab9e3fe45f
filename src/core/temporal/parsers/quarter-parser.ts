import type { Parser, ParsingContext } from 'chrono-node';
import { referenceDayOf } from '../chrono-reference.ts';
import { granularityTag } from '../tags.ts';

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
  /(?<![\w'-])(?:the\s+)?(?:(this|last|next|previous) year's\s+)?(?:(?:fiscal|calendar)\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?(?:quarter|qtr\.?)(?:\s+of\s+(?:(this|last|next) year|(?:fiscal\s+)?(\d{4})))?(?![\w'])/i;
const NAMED_QUARTER_RE =
  /(?<![\w'-])(?:the\s+)?(?:(latest|last|past|previous|recent|most recent|just-ended|current|same|comparable|year-earlier|year-ago|year earlier|year ago)\s+)?(?:(?:fiscal|calendar)\s+)?(quarter|period)(?![\w'-])|(?<![\w'-])(year-earlier|year-ago)(?![\w'-])/i;

function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

function quarterResult(context: ParsingContext, index: number, text: string, year: number, quarter: number) {
  const result = context.createParsingResult(index, text, { year, month: (quarter - 1) * 3 + 1 });
  result.start.imply('day', 1);
  result.addTag(granularityTag('quarter'));
  return result;
}

/**
 * Quarters as financial news names them (chrono reads none of them, #266, #238):
 * - "the third quarter", "third-quarter", "the fiscal first quarter" → the reference year's
 * - "the fourth quarter of 1989", "last year's third quarter" → that year's
 */
export const ordinalQuarterParser: Parser = {
  pattern: () => ORDINAL_QUARTER_RE,
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const reference = referenceDayOf(context);
    const relative = (match[1] ?? match[3] ?? 'this').toLowerCase();
    const offset = relative === 'last' || relative === 'previous' ? -1 : relative === 'next' ? 1 : 0;
    const year = match[4] ? Number(match[4]) : reference.year + offset;
    return quarterResult(
      context,
      match.index ?? 0,
      match[0],
      year,
      ORDINALS[(match[2] ?? '').toLowerCase()] ?? 1,
    );
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
export const namedQuarterParser: Parser = {
  pattern: () => NAMED_QUARTER_RE,
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const modifier = (match[1] ?? match[3] ?? '').toLowerCase();
    const noun = (match[2] ?? '').toLowerCase();
    if (noun === 'period' && modifier === '') return null;
    const reference = referenceDayOf(context);
    let index = reference.year * 4 + quarterOf(reference.month) - 1;
    if (modifier !== 'current') index -= 1;
    if (/year/.test(modifier)) index -= 4;
    return quarterResult(context, match.index ?? 0, match[0], Math.floor(index / 4), (index % 4) + 1);
  },
};
