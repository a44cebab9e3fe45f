import type { Parser, ParsingContext, Refiner } from 'chrono-node';
import { addDays } from '../calendar.ts';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag, PART_OF_DAY_TAG } from '../tags.ts';
import type { TimexFamily } from './family.ts';

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
const partOfDayParser: Parser = {
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

const PART_OF_DAY_ALONE_RE = /^(?:the\s+)?(?:night|morning|evening|afternoon|noon|midnight)s?$/i;

/**
 * Drops a part of the day standing alone ("in the middle of the night", "in the morning"): chrono
 * reads it as a time on the reference day, but without "this", "last" or a date it names no day.
 * "tonight", "this morning" and "last night" are kept.
 */
const partOfDayAloneFilter: Refiner = {
  refine: (_context, results) => results.filter((result) => !PART_OF_DAY_ALONE_RE.test(result.text.trim())),
};

/**
 * Runs before chrono's merge refiners: "the night of Friday, Oct. 23" is Oct. 23, and chrono
 * would otherwise merge the lone "night" (the reference day) with the date that follows "of".
 * "Wednesday night" is left to merge.
 */
const partOfDayBeforeOfFilter: Refiner = {
  refine: (context, results) =>
    results.filter(
      (result) =>
        !PART_OF_DAY_ALONE_RE.test(result.text.trim()) ||
        !/^\s+of\s/i.test(context.text.slice(result.index + result.text.length)),
    ),
};

export const partsOfDayFamily: TimexFamily = {
  name: 'parts of days',
  gateWords: ['morning', 'afternoon', 'evening', 'night', 'nights', 'tonight'],
  parsers: [partOfDayParser],
  refiners: { beforeChrono: [partOfDayBeforeOfFilter], resolve: [partOfDayAloneFilter] },
  examples: [
    { sentence: 'Shots were fired last night.', text: 'last night' },
    { sentence: 'The minister spoke this morning.', text: 'this morning' },
  ],
};
