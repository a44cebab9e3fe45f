import type { Parser, ParsingContext } from 'chrono-node';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { MONTH_NAME_SOURCE, monthNumberOf } from '../lexicon.ts';
import { granularityTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

const QUALIFIED_MONTH_RE = new RegExp(
  `(?<![\\w'-])(?:(last|this|next|past|coming)\\s+(${MONTH_NAME_SOURCE})\\.?|(${MONTH_NAME_SOURCE})\\.?\\s+(?:of\\s+)?(last|this|next) year)(?!\\.?\\s*\\d)(?![\\w'-])`,
  'i',
);

/**
 * A month named with "last", "this" or "next" (chrono reads the month and drops the word):
 * - "last February" → the latest February before the reference month; "July last year" → that July
 * - "this September" → the reference year's
 * - "next March" → the first March after the reference month
 */
const qualifiedMonthParser: Parser = {
  pattern: gatedPattern(/\b(?:last|this|next|past|coming)\s/i, QUALIFIED_MONTH_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    // News capitalises months: "this march" is a protest march.
    if (/^[a-z]/.test(match[2] ?? match[3] ?? '')) return null;
    const reference = referenceDayOf(context);
    let year = reference.year;
    if (match[3]) {
      // "July last year", "March of next year": that month of that year.
      const relativeYear = (match[4] ?? 'this').toLowerCase();
      year += relativeYear === 'last' ? -1 : relativeYear === 'next' ? 1 : 0;
    } else {
      const qualifier = (match[1] ?? '').toLowerCase();
      const month = monthNumberOf(match[2] ?? '');
      // "last February": the latest February before this month.
      if ((qualifier === 'last' || qualifier === 'past') && month >= reference.month) year -= 1;
      if ((qualifier === 'next' || qualifier === 'coming') && month <= reference.month) year += 1;
    }
    const month = monthNumberOf(match[2] ?? match[3] ?? '');
    const result = context.createParsingResult(match.index ?? 0, match[0], { year, month });
    result.start.imply('day', 1);
    result.addTag(granularityTag('month'));
    return result;
  },
};

export const qualifiedMonthsFamily: TimexFamily = {
  name: 'months named with last, this or next',
  gateWords: [],
  parsers: [qualifiedMonthParser],
  examples: [
    { sentence: 'The plant closed last February.', text: 'last February' },
    { sentence: 'Voting starts this September.', text: 'this September' },
  ],
};
