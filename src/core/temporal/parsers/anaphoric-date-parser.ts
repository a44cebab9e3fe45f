import type { Parser, ParsingContext } from 'chrono-node';
import { addUnits } from '../calendar.ts';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag } from '../tags.ts';

/**
 * "that day", "later that year", "the next morning", "the following week": a period named by
 * pointing back at the date the story is telling (`ANAPHORIC_DATE_RE` in the document tagger
 * resolves it against the last one mentioned).
 */
export const ANAPHORIC_DATE_SOURCE =
  '(?:(?:earlier|later)\\s+)?(that(?:\\s+same)?|the\\s+same|the\\s+next|the\\s+following)\\s+(day|morning|afternoon|evening|night|week|month|year)';

/**
 * The period an anaphoric date names and how many of them after the story's date it lies:
 * "that morning" → a day, 0; "the following week" → a week, 1.
 */
export function readAnaphor(match: RegExpMatchArray): {
  unit: 'day' | 'week' | 'month' | 'year';
  ahead: number;
} {
  const noun = (match[2] ?? '').toLowerCase();
  const unit = noun === 'week' || noun === 'month' || noun === 'year' ? noun : 'day';
  return { unit, ahead: /next|following/i.test(match[1] ?? '') ? 1 : 0 };
}

const ANAPHORIC_DATE_RE = new RegExp(`(?<![\\w'])${ANAPHORIC_DATE_SOURCE}(?![\\w'-])`, 'i');

/**
 * Finds anaphoric dates and dates them, for now, from the reference day: "the next day" is the
 * day after it, "that week" its week. The document tagger re-dates them from the story's own
 * last date, and drops "that day" when the story names none.
 */
export const anaphoricDateParser: Parser = {
  pattern: gatedPattern(/\b(?:that|same|next|following)\s/i, ANAPHORIC_DATE_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const { unit, ahead } = readAnaphor(match);
    const day = addUnits(referenceDayOf(context), unit, ahead);
    const result = context.createParsingResult(match.index ?? 0, match[0], day);
    result.addTag(granularityTag(unit));
    return result;
  },
};
