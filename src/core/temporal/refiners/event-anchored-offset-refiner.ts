import type { ParsingContext, Refiner } from 'chrono-node';
import { addUnits, formatDate } from '../calendar.ts';
import { referenceDayOf } from '../chrono-reference.ts';
import { COUNT_SOURCE, countValue } from '../numbers.ts';
import { durationValue } from '../parsers/duration-parser.ts';
import { granularityTag, IMPLIED_DATE_TAG, typeTag, valueTag } from '../tags.ts';

const OFFSET_AFTER_EVENT_RE = new RegExp(
  String.raw`^(${COUNT_SOURCE})\s+(day|week|month|year)s?(?=\s+after$)`,
  'i',
);

/**
 * "five months after Trump's historic summit": TimeML tags the length, "five months" (`P5M`); the
 * sentence speaks from the reference date about a past event, so that event lies five months
 * *before* the reference (chrono counts forward, #471). The duration carries that implied date
 * (`2018-06`, at the unit's granularity) for the timeline.
 * An offset followed by a date ("two days after June 12") is chrono's own merge and stays as it is.
 */
export const eventAnchoredOffsetRefiner: Refiner = {
  refine: (context: ParsingContext, results) =>
    results.map((result) => {
      const match = OFFSET_AFTER_EVENT_RE.exec(result.text.trim());
      const count = match ? countValue(match[1] ?? '') : undefined;
      if (!match || typeof count !== 'number' || !Number.isInteger(count)) return result;
      const unit = (match[2] ?? '').toLowerCase() as 'day' | 'week' | 'month' | 'year';
      const value = durationValue(count, unit);
      if (!value) return result;
      const date = addUnits(referenceDayOf(context), unit, -count);
      const offset = result.text.indexOf(match[0]);
      const duration = context.createParsingResult(result.index + offset, match[0], {});
      duration.addTags([typeTag('DURATION'), valueTag(value), granularityTag('vague')]);
      duration.addTag(`${IMPLIED_DATE_TAG}${formatDate(date)}|${unit}`);
      return duration;
    }),
};
