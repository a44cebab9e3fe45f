import type { Refiner } from 'chrono-node';
import { GRANULARITY_TAG, granularityTag, PART_OF_DAY_TAG, readTag } from '../tags.ts';

const PART_OF_DAY_END_RE = /\s(morning|afternoon|evening|night)$/i;
const PART_CODES: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' };

/**
 * "Wednesday night", "Friday morning", "Oct. 23 evening": a day and a part of it, TIMEX3
 * `2000-01-05TNI`, where chrono makes up an hour (20:00 for evening, 22:00 for night).
 */
export const weekdayPartOfDayRefiner: Refiner = {
  refine: (_context, results) => {
    for (const result of results) {
      const part = PART_OF_DAY_END_RE.exec(result.text)?.[1]?.toLowerCase();
      if (!part || readTag(result.tags(), GRANULARITY_TAG) || /\d/.test(result.text)) continue;
      result.addTag(granularityTag('time'));
      result.addTag(`${PART_OF_DAY_TAG}${PART_CODES[part] ?? 'NI'}`);
    }
    return results;
  },
};
