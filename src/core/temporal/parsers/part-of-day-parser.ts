import type { Parser, ParsingContext } from 'chrono-node';
import { addDays } from '../calendar.ts';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag, PART_OF_DAY_TAG } from '../tags.ts';

const PART_OF_DAY_RE =
  /(?<![\w'])(?:(last|to)[- ]?night|(this|yesterday|tomorrow)\s+(morning|afternoon|evening|night))(?![\w'])/i;

// TIMEX3 part-of-day codes (TimeML 1.2.1 guidelines, table 2).
const PART_CODES: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' };
const DAY_OFFSETS: Record<string, number> = { last: -1, to: 0, this: 0, yesterday: -1, tomorrow: 1 };

/**
 * A part of a day named relative to the reference, as TIMEX3 `2018-11-07TNI`. chrono reads
 * these from the reference *hour* in the host's zone, so "last night" moved with the host TZ.
 * - "last night", "tonight" → the night before, the night of the reference day
 * - "this morning", "yesterday afternoon", "tomorrow evening" → that part of that day
 */
export const partOfDayParser: Parser = {
  pattern: gatedPattern(/night|morning|afternoon|evening/i, PART_OF_DAY_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const dayWord = (match[1] ?? match[2] ?? 'this').toLowerCase();
    const part = (match[3] ?? 'night').toLowerCase();
    const day = addDays(referenceDayOf(context), DAY_OFFSETS[dayWord] ?? 0);
    const result = context.createParsingResult(match.index ?? 0, match[0], day);
    result.addTags([granularityTag('time'), `${PART_OF_DAY_TAG}${PART_CODES[part] ?? 'NI'}`]);
    return result;
  },
};
