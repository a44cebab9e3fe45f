import type { ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { MOD_TAG, modTag, readTag, TYPE_TAG } from '../tags.ts';

const PREFIX_RE = /(?:^|\s)((?:earlier|later|late|early)\s+)$/i;
const EXTENDABLE_RE = /^(?:this|last|next|today|tonight|yesterday|tomorrow)\b/i;
// Hedges on a point in time: "around Nov. 1", "about two years ago" (chrono reads the latter
// whole). The hedges of a length ("nearly two months", "at least 72 hours") are the durations'.
const HEDGE_BEFORE_RE = /(?:^|[\s("“])((?:about|around|approximately|roughly)\s+)$/i;
const HEDGED_RE = /^(?:about|around|approximately|roughly)\s/i;

function extendedBy(context: ParsingContext, result: ParsingResult, prefix: string): ParsingResult {
  const extended = context.createParsingResult(result.index - prefix.length, `${prefix}${result.text}`);
  extended.start = result.start;
  if (result.end) extended.end = result.end;
  for (const tag of result.tags()) extended.addTag(tag);
  return extended;
}

/**
 * Keeps the words that qualify a point in time inside its expression, as TimeML spans do (the
 * families note: "determiners, premodifiers and fuzzy words are inside"); chrono starts the span
 * after them:
 * - "earlier", "later", "late", "early" before "this", "last", "next", "today": "earlier this
 *   year", "late yesterday" (not before a weekday: "earlier Sunday" is split in the corpora, and
 *   the guidelines say nothing of it)
 * - a hedge before any date or time, with its `mod`: "around Nov. 1", "about two years ago"
 *   (APPROX); not "sometime", which says no more than the date ("sometime early next year" is
 *   "early next year"), nor "only" or "just"
 */
export const modifierPrefixRefiner: Refiner = {
  refine: (context, results) =>
    results.map((result) => {
      const before = context.text.slice(Math.max(0, result.index - 16), result.index);
      const hedge = HEDGE_BEFORE_RE.exec(before)?.[1];
      const type = readTag(result.tags(), TYPE_TAG);
      if ((hedge || HEDGED_RE.test(result.text)) && type !== 'DURATION' && type !== 'SET') {
        const hedged = hedge ? extendedBy(context, result, hedge) : result;
        if (!readTag(result.tags(), MOD_TAG)) hedged.addTag(modTag('APPROX'));
        return hedged;
      }
      if (!EXTENDABLE_RE.test(result.text)) return result;
      const prefix = PREFIX_RE.exec(before.slice(-12))?.[1];
      return prefix ? extendedBy(context, result, prefix) : result;
    }),
};
