import type { Refiner } from 'chrono-node';
import { COUNT_SOURCE, countValue } from '../numbers.ts';
import { durationModOf, durationValue } from '../parsers/duration-parser.ts';
import { granularityTag, modTag, readTag, TYPE_TAG, typeTag, valueTag } from '../tags.ts';

const WITHIN_RE = new RegExp(
  String.raw`^(?:within|in|for|after|over)\s+((about|around|at least|at most|more than|less than|nearly|almost|up to)?\s*(${COUNT_SOURCE})\s+(second|minute|hour|day|week|month|quarter|year|decade)s?)$`,
  'i',
);

/**
 * "within a week", "in two months", "after ten years": chrono dates them from the reference; TimeML annotates the
 * length itself as a DURATION ("a week", `P1W`) and leaves the preposition out.
 */
export const withinDurationRefiner: Refiner = {
  refine: (context, results) =>
    results.map((result) => {
      // Only chrono's own readings; our duration parser already spans "over an hour" right.
      if (readTag(result.tags(), TYPE_TAG)) return result;
      const match = WITHIN_RE.exec(result.text.trim());
      if (!match) return result;
      const count = countValue(match[3] ?? '');
      const value = count === undefined ? undefined : durationValue(count, match[4] ?? '');
      const mod = durationModOf(match[2] ?? '');
      if (!value) return result;
      const offset = result.text.indexOf(match[1] ?? '');
      const duration = context.createParsingResult(result.index + offset, match[1] ?? '', {});
      duration.addTags([typeTag('DURATION'), valueTag(value), granularityTag('vague')]);
      if (mod) duration.addTag(modTag(mod));
      return duration;
    }),
};
