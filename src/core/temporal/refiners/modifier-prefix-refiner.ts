import type { Refiner } from 'chrono-node';

const PREFIX_RE = /(?:^|\s)((?:earlier|later|late|early)\s+)$/i;
const EXTENDABLE_RE = /^(?:this|last|next|today|tonight|yesterday|tomorrow)\b/i;

/**
 * Keeps a leading "earlier", "later", "late" or "early" inside the expression, as TimeML spans
 * do ("earlier this year", "late yesterday"); chrono starts the span after it.
 */
export const modifierPrefixRefiner: Refiner = {
  refine: (context, results) =>
    results.map((result) => {
      if (!EXTENDABLE_RE.test(result.text)) return result;
      const prefix = PREFIX_RE.exec(context.text.slice(Math.max(0, result.index - 12), result.index))?.[1];
      if (!prefix) return result;
      const extended = context.createParsingResult(result.index - prefix.length, `${prefix}${result.text}`);
      extended.start = result.start;
      if (result.end) extended.end = result.end;
      return extended;
    }),
};
