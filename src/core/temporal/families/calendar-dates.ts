import type { Refiner } from 'chrono-node';
import { MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES } from '../lexicon.ts';
import type { TimexFamily } from './family.ts';

// "the 2nd of November", "the third of May": an ordinal day of a month, whose "the" chrono leaves out.
const ORDINAL_DAY_OF_RE = /^(?:\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:st|nd|rd|th))\s+of\s/i;
const THE_BEFORE_RE = /\bthe\s+$/i;

/**
 * Keeps the determiner of "the 2nd of November" inside the expression, as TimeML spans do (the
 * families note: determiners inside); chrono starts the span at the ordinal.
 */
const ordinalDayDeterminerRefiner: Refiner = {
  refine: (context, results) =>
    results.map((result) => {
      if (!ORDINAL_DAY_OF_RE.test(result.text) || !result.start.isCertain('month')) return result;
      const the = THE_BEFORE_RE.exec(context.text.slice(Math.max(0, result.index - 5), result.index))?.[0];
      if (!the) return result;
      const extended = context.createParsingResult(result.index - the.length, `${the}${result.text}`);
      extended.start = result.start;
      if (result.end) extended.end = result.end;
      return extended;
    }),
};

/**
 * What chrono's casual English configuration reads itself: full and partial dates ("Nov. 2,
 * 2018", "November 2", "11/2/2018"), weekdays, "today", "yesterday", times ("3:30 a.m.") and
 * offsets ("two years ago", "next month"). Its parsers are the configuration's base; this family
 * holds their gate words and examples, so the gate is tested on them as on ours.
 */
export const calendarDatesFamily: TimexFamily = {
  name: 'dates, times and offsets chrono reads',
  gateWords: [
    ...MONTH_NAMES,
    ...MONTH_ABBREVIATIONS,
    ...WEEKDAY_NAMES,
    ...WEEKDAY_ABBREVIATIONS,
    'now',
    'today',
    'tonight',
    'tomorrow',
    'tmr',
    'yesterday',
    'noon',
    'midnight',
    'ago',
    'later',
    'earlier',
    'day',
    'days',
    'week',
    'weeks',
    'month',
    'months',
    'year',
    'years',
  ],
  refiners: { resolve: [ordinalDayDeterminerRefiner] },
  examples: [
    { sentence: 'KCNA said November 2 that talks were off.', text: 'November 2' },
    { sentence: 'The minister resigned on Tuesday.', text: 'Tuesday' },
    { sentence: 'The court ruled yesterday.', text: 'yesterday' },
    { sentence: 'The law passed two years ago.', text: 'two years ago' },
    { sentence: 'The results are due Nov. 20, 2018.', text: 'Nov. 20, 2018' },
    { sentence: 'The truce was signed on the 2nd of November.', text: 'the 2nd of November' },
  ],
};
