import type { ParsingResult, Refiner } from 'chrono-node';

const RANGE_CONNECTOR_RE = /^(.+?)(,?\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b)\s*)(.+)$/i;

/**
 * A range chrono merged ("Sept. 14 to Thursday", "from Monday to Friday") is two TIMEX3
 * expressions in TimeML, one for each end; each keeps its own words and date, and each then
 * goes through the filters on its own ("You may, in a year or two": "may" is the verb).
 */
export const rangeSplitRefiner: Refiner = {
  refine: (context, results) =>
    results.flatMap((result): ParsingResult[] => {
      const end = result.end;
      const parts = end ? RANGE_CONNECTOR_RE.exec(result.text) : null;
      if (!end || !parts) return [result];
      const startText = parts[1] ?? '';
      const first = context.createParsingResult(result.index, startText);
      first.start = result.start;
      const second = context.createParsingResult(
        result.index + startText.length + (parts[2] ?? '').length,
        parts[3] ?? '',
      );
      second.start = end;
      return [first, second];
    }),
};
