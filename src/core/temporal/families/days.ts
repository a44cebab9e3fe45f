import type { Parser, ParsingContext } from 'chrono-node';
import { addMonths, daysBetween, lastDayOfMonth } from '../calendar.ts';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

// "closed the day", "for the day": the day of the report. Not "the day before", "the day of the
// attack", "the day when…", which name another day.
const THE_DAY_RE =
  /(?<=\b(?:closed|ended|finished|started|began|opened|close|end|start|for|on)\s+)the day(?!\s+(?:before|after|of|that|when|earlier|later|in|he|she|they|it)\b)(?![\w'-])/i;

/**
 * "the day" as market reports use it ("the Dow closed the day up 2%") → the reference day.
 */
const theDayParser: Parser = {
  pattern: gatedPattern(/the day/i, THE_DAY_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const result = context.createParsingResult(match.index ?? 0, match[0], referenceDayOf(context));
    result.addTag(granularityTag('day'));
    return result;
  },
};

// "on the 15th" (not "the 15th century", "the 15th of the month" is chrono's).
const DAY_OF_MONTH_RE =
  /(?<=\b(?:on|by|until|since|before|after)\s+)the\s+([1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?!\s+(?:of|century|anniversary|floor|time|round|place|amendment|birthday|day|annual|straight|consecutive)\b)(?![\w'-])/i;

/**
 * A day of the month alone, "on the 15th": the nearest such day to the reference, this month,
 * the one before or the one after (chrono reads nothing here).
 */
const dayOfMonthParser: Parser = {
  pattern: gatedPattern(/\d(?:st|nd|rd|th)\b/, DAY_OF_MONTH_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const day = Number(match[1]);
    const reference = referenceDayOf(context);
    const candidates = [-1, 0, 1]
      .map((offset) => addMonths({ ...reference, day: 1 }, offset))
      .filter((month) => day <= lastDayOfMonth(month.year, month.month))
      .map((month) => ({ ...month, day }));
    const nearest = candidates.sort(
      (a, b) => Math.abs(daysBetween(reference, a)) - Math.abs(daysBetween(reference, b)),
    )[0];
    if (!nearest) return null;
    const result = context.createParsingResult(match.index ?? 0, match[0], nearest);
    result.addTag(granularityTag('day'));
    return result;
  },
};

export const daysFamily: TimexFamily = {
  name: 'days of the month and the day',
  gateWords: ['day'],
  parsers: [theDayParser, dayOfMonthParser],
  examples: [
    { sentence: 'Payment is due on the 15th.', text: 'the 15th' },
    { sentence: 'The Dow closed the day up 2%.', text: 'the day' },
  ],
};
