import type { Parser, ParsingContext } from 'chrono-node';
import { addUnits } from '../calendar.ts';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { COUNT_SOURCE, countValue } from '../numbers.ts';
import { granularityTag } from '../tags.ts';
import type { TimexType } from '../timex.ts';
import type { TimexFamily } from './family.ts';

type Unit = 'day' | 'week' | 'month' | 'year';

/**
 * How an expression leans on the date the story last named rather than on the reference date
 * (HeidelTime's narrative anchoring), read once when it is tagged; the document tagger's anchorer
 * resolves it against the story's dates:
 * - `period`: "that day", "later that year", "the next morning", "the following week", "the
 *   previous day": the period of the story's date, or `ahead` periods after (before) it
 * - `beside-day`: "the day after", "the week before": a unit from the story's last day
 * - `later`: "two days later", "three years earlier": `count` units after (before) the story's
 *   last date fine enough for the unit
 * - `year-before`: "a year ago", "a year earlier": after a quarter, that quarter a year before;
 *   "a year earlier", "a year before" (`fromStory`) also after a year or a day, the year before it
 */
export type Anaphor =
  | { readonly kind: 'period'; readonly unit: Unit; readonly ahead: -1 | 0 | 1 }
  | { readonly kind: 'beside-day'; readonly unit: Unit; readonly ahead: 1 | -1 }
  | { readonly kind: 'later'; readonly unit: Unit; readonly count: number }
  | { readonly kind: 'year-before'; readonly fromStory: boolean };

const ANAPHORIC_DATE_SOURCE =
  '(?:(?:earlier|later)\\s+)?(that(?:\\s+same)?|the\\s+same|the\\s+next|the\\s+following|the\\s+previous|the\\s+preceding)\\s+(day|morning|afternoon|evening|night|week|month|year)';
const WHOLE_ANAPHORIC_DATE_RE = new RegExp(`^${ANAPHORIC_DATE_SOURCE}$`, 'i');
const BESIDE_DAY_RE = /^(?:the\s+)?(day|week|month|year)\s+(after|before|later|earlier)$/i;
const YEAR_BEFORE_RE = /^(?:a|one) year (ago|earlier|before)$/i;
const LATER_RE = new RegExp(`^(${COUNT_SOURCE}) (day|week|month|year)s? (later|earlier)$`, 'i');

/**
 * The period an anaphoric date names and how many after the story's date: "the following week" →
 * a week, 1; "the previous day" → a day, -1.
 */
function readPeriod(match: RegExpMatchArray): { unit: Unit; ahead: -1 | 0 | 1 } {
  const noun = (match[2] ?? '').toLowerCase();
  const unit = noun === 'week' || noun === 'month' || noun === 'year' ? noun : 'day';
  const which = match[1] ?? '';
  return { unit, ahead: /next|following/i.test(which) ? 1 : /previous|preceding/i.test(which) ? -1 : 0 };
}

/**
 * The {@link Anaphor} of an expression's words, if it leans on the story's date.
 *
 * @example anaphorOf('two days later', 'DATE') // { kind: 'later', unit: 'day', count: 2 }
 */
export function anaphorOf(text: string, type: TimexType): Anaphor | undefined {
  const period = WHOLE_ANAPHORIC_DATE_RE.exec(text);
  if (period) return { kind: 'period', ...readPeriod(period) };
  const yearBefore = YEAR_BEFORE_RE.exec(text);
  if (yearBefore) return { kind: 'year-before', fromStory: (yearBefore[1] ?? '').toLowerCase() !== 'ago' };
  const beside = BESIDE_DAY_RE.exec(text);
  // "the year before" as a length ("in the year before the war") leans on nothing.
  if (beside && type !== 'DURATION')
    return {
      kind: 'beside-day',
      unit: (beside[1] ?? 'day').toLowerCase() as Unit,
      ahead: /after|later/i.test(beside[2] ?? '') ? 1 : -1,
    };
  const later = LATER_RE.exec(text);
  const count = later ? countValue(later[1] ?? '') : undefined;
  if (later && typeof count === 'number' && Number.isInteger(count))
    return {
      kind: 'later',
      unit: (later[2] ?? '').toLowerCase() as Unit,
      count: /earlier/i.test(later[3] ?? '') ? -count : count,
    };
  return undefined;
}

const ANAPHORIC_DATE_RE = new RegExp(`(?<![\\w'])${ANAPHORIC_DATE_SOURCE}(?![\\w'-])`, 'i');

/**
 * Finds anaphoric dates and dates them, for now, from the reference day: "the next day" is the
 * day after it, "that week" its week. The document tagger re-dates them from the story's own
 * last date, and drops "that day" when the story names none.
 */
const anaphoricDateParser: Parser = {
  pattern: gatedPattern(/\b(?:that|same|next|following|previous|preceding)\s/i, ANAPHORIC_DATE_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const { unit, ahead } = readPeriod(match);
    const day = addUnits(referenceDayOf(context), unit, ahead);
    const result = context.createParsingResult(match.index ?? 0, match[0], day);
    result.addTag(granularityTag(unit));
    return result;
  },
};

export const anaphoraFamily: TimexFamily = {
  name: "dates pointing back at the story's own",
  gateWords: ['day', 'morning', 'afternoon', 'evening', 'night', 'week', 'month', 'year'],
  parsers: [anaphoricDateParser],
  examples: [
    { sentence: 'Rebels took the town on June 2 and left the next day.', text: 'the next day' },
    { sentence: 'Police came that morning.', text: 'that morning' },
  ],
};
