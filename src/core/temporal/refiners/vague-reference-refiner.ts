import type { Refiner } from 'chrono-node';
import { granularityTag, valueTag } from '../tags.ts';

const PRESENT_RE = /^(?:right\s+)?now$/i;

/**
 * "now" and "right now" are the present as a whole (TIMEX3 `PRESENT_REF`), not a dated instant:
 * an article saying "the concerns right now" reports no event on its publication day.
 */
export const vagueReferenceRefiner: Refiner = {
  refine: (_context, results) => {
    for (const result of results) {
      if (result.tags().has('casualReference/now') || PRESENT_RE.test(result.text.trim())) {
        result.addTag(valueTag('PRESENT_REF'));
        result.addTag(granularityTag('vague'));
      }
    }
    return results;
  },
};
