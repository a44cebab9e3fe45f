import type { ParsingContext, Refiner } from 'chrono-node';
import { addDays, addMonths, type CivilDate } from '../calendar.ts';
import { referenceDayOf } from '../chrono-reference.ts';
import { granularityTag } from '../tags.ts';
import type { Granularity } from '../timex.ts';

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const OFFSET_AFTER_EVENT_RE = /^(\d+|[a-z]+)\s+(day|week|month|year)s?\s+after$/i;

/**
 * "five months after Trump's historic summit": the sentence speaks from the reference date about a
 * past event, so the event lies that long *before* the reference (chrono counts forward, #471).
 * - "N days/weeks/months/years after <event>" → reference minus N units, at that unit's granularity
 * An offset followed by a date ("two days after June 12") is chrono's own merge and stays as it is.
 */
export const eventAnchoredOffsetRefiner: Refiner = {
  refine: (context: ParsingContext, results) =>
    results.map((result) => {
      const match = OFFSET_AFTER_EVENT_RE.exec(result.text.trim());
      if (!match) return result;
      const amount = /^\d+$/.test(match[1] ?? '')
        ? Number(match[1])
        : NUMBER_WORDS[(match[1] ?? '').toLowerCase()];
      if (amount === undefined) return result;
      const unit = (match[2] ?? '').toLowerCase() as 'day' | 'week' | 'month' | 'year';
      const reference: CivilDate = referenceDayOf(context);
      const date =
        unit === 'day'
          ? addDays(reference, -amount)
          : unit === 'week'
            ? addDays(reference, -7 * amount)
            : addMonths(reference, unit === 'month' ? -amount : -12 * amount);
      const granularity: Granularity = unit;
      const known =
        unit === 'year'
          ? { year: date.year }
          : unit === 'month'
            ? { year: date.year, month: date.month }
            : { year: date.year, month: date.month, day: date.day };
      const anchored = context.createParsingResult(result.index, result.text, known);
      anchored.addTag(granularityTag(granularity));
      anchored.addTag('news/anchor:event');
      return anchored;
    }),
};
