import type { Parser, ParsingContext } from 'chrono-node';
import { addDays, addMonths, startOfIsoWeek } from '../calendar.ts';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

const RELATIVE_PERIOD_RE =
  /(?<![\w'])(?:(?:the\s+(?=past|last|previous|next|coming|current))?(this|last|past|previous|next|coming|current)\s+(week|month|quarter|year)|the\s+(week|month|quarter|year)\s+(before\s+last|after\s+next))(?=$|[^\w']|'s\b)/i;

const OFFSET_OF: Record<string, number> = {
  this: 0,
  current: 0,
  last: -1,
  past: -1,
  previous: -1,
  next: 1,
  coming: 1,
};

/**
 * A whole calendar period named relative to the reference, at its own granularity (chrono
 * turns "last week" into one certain day, #13, #243).
 * - "this week", "last week", "next week" → `2018-W45`, `2018-W44`, `2018-W46`
 * - "last month", "next month" → `2018-10`, `2018-12`
 * - "last quarter", "this quarter" → `2018-Q3`, `2018-Q4`
 * - "last year", "next year", "this year" → `2017`, `2019`, `2018`
 * - "the week before last", "the year after next" → `2018-W43`, `2020`
 */
const relativePeriodParser: Parser = {
  pattern: gatedPattern(/week|month|quarter|year/i, RELATIVE_PERIOD_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const twoAway = match[4]?.toLowerCase();
    const offset = twoAway
      ? twoAway.startsWith('before')
        ? -2
        : 2
      : (OFFSET_OF[(match[1] ?? '').toLowerCase()] ?? 0);
    const unit = (match[2] ?? match[3] ?? '').toLowerCase() as 'week' | 'month' | 'quarter' | 'year';
    const reference = referenceDayOf(context);
    let first = reference;
    if (unit === 'week') first = addDays(startOfIsoWeek(reference), 7 * offset);
    if (unit === 'month') first = addMonths({ ...reference, day: 1 }, offset);
    if (unit === 'quarter') {
      first = addMonths(
        { year: reference.year, month: Math.floor((reference.month - 1) / 3) * 3 + 1, day: 1 },
        3 * offset,
      );
    }
    if (unit === 'year') first = { year: reference.year + offset, month: 1, day: 1 };
    const known =
      unit === 'year'
        ? { year: first.year }
        : unit === 'week'
          ? { year: first.year, month: first.month, day: first.day }
          : { year: first.year, month: first.month };
    const result = context.createParsingResult(match.index ?? 0, match[0], known);
    if (unit === 'week' || unit === 'quarter') {
      result.start.imply('day', first.day);
      result.start.imply('month', first.month);
    }
    result.addTag(granularityTag(unit));
    return result;
  },
};

export const relativePeriodsFamily: TimexFamily = {
  name: 'periods relative to the reference',
  gateWords: ['week', 'weeks', 'month', 'months', 'year', 'years'],
  parsers: [relativePeriodParser],
  examples: [
    { sentence: 'Prices rose last week.', text: 'last week' },
    { sentence: 'The plant reopens next month.', text: 'next month' },
    { sentence: 'The plant closed the week before last.', text: 'the week before last' },
  ],
};
