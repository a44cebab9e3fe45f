import type { Parser, ParsingContext } from 'chrono-node';
import { startOfIsoWeek } from '../calendar.ts';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag, typeTag, valueTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

// "the year", "the full year", "the fiscal year", "the week": not "the year before", "the year
// 2000", "the year-earlier", "the week of March 6" (another time), nor "the week's".
const THE_PERIOD_RE =
  /(?<![\w'-])the\s+(?:(full|fiscal)\s+)?(year|week)(?![\w'-])(?!\s+(?:before|after|earlier|ago|later|of|that|when|in\s+which|\d))/i;
const EXTENT_BEFORE_RE = /\b(?:for|during|over|through|throughout)\s+$/i;

/**
 * "the year" and "the week" in reports mean the reference's own ("earnings for the year", "fell
 * 3% in the week"); after "for", "during", "over" they are the length of one (`P1Y`, `P1W`), as
 * TimeBank annotates them.
 */
const thePeriodParser: Parser = {
  pattern: gatedPattern(/the\s+(?:full\s+|fiscal\s+)?(?:year|week)\b/i, THE_PERIOD_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const unit = (match[2] ?? '').toLowerCase();
    const index = match.index ?? 0;
    const before = context.text.slice(Math.max(0, index - 12), index);
    const result = context.createParsingResult(index, match[0], {});
    const qualifier = match[1]?.toLowerCase();
    // "for the full year" is the year itself (its results), not a length of time.
    if ((EXTENT_BEFORE_RE.test(before) && qualifier !== 'full') || qualifier === 'fiscal') {
      result.addTags([
        typeTag('DURATION'),
        valueTag(unit === 'year' ? 'P1Y' : 'P1W'),
        granularityTag('vague'),
      ]);
      return result;
    }
    const reference = referenceDayOf(context);
    const first = unit === 'year' ? { year: reference.year, month: 1, day: 1 } : startOfIsoWeek(reference);
    const dated = context.createParsingResult(
      index,
      match[0],
      unit === 'year' ? { year: first.year } : first,
    );
    dated.addTag(granularityTag(unit === 'year' ? 'year' : 'week'));
    return dated;
  },
};

export const reportingPeriodsFamily: TimexFamily = {
  name: 'the year and the week of a report',
  gateWords: ['year', 'week'],
  lateParsers: [thePeriodParser],
  examples: [{ sentence: 'Shares fell 3% in the week.', text: 'the week' }],
};
