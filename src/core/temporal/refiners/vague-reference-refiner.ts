import type { Refiner } from 'chrono-node';
import { granularityTag, valueTag } from '../tags.ts';

const PRESENT_RE = /^now$/i;
const RIGHT_BEFORE_RE = /\bright\s+$/i;

/**
 * "now" and "right now" are the present as a whole (TIMEX3 `PRESENT_REF`), not a dated instant:
 * an article saying "the concerns right now" reports no event on its publication day.
 */
export const vagueReferenceRefiner: Refiner = {
  refine: (context, results) =>
    results.map((result) => {
      if (!result.tags().has('casualReference/now') && !PRESENT_RE.test(result.text.trim())) return result;
      // chrono leaves "right" out of "right now".
      const right = RIGHT_BEFORE_RE.exec(context.text.slice(Math.max(0, result.index - 10), result.index));
      const vague = right
        ? context.createParsingResult(result.index - right[0].length, `${right[0]}${result.text}`, {})
        : result;
      vague.addTag(valueTag('PRESENT_REF'));
      vague.addTag(granularityTag('vague'));
      return vague;
    }),
};
