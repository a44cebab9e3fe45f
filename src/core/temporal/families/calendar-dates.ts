import { MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES } from '../lexicon.ts';
import type { TimexFamily } from './family.ts';

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
    'first',
    'second',
    'third',
    'fourth',
    'fifth',
    'sixth',
    'seventh',
    'eighth',
    'ninth',
    'tenth',
  ],
  examples: [
    { sentence: 'KCNA said November 2 that talks were off.', text: 'November 2' },
    { sentence: 'The minister resigned on Tuesday.', text: 'Tuesday' },
    { sentence: 'The court ruled yesterday.', text: 'yesterday' },
    { sentence: 'The law passed two years ago.', text: 'two years ago' },
    { sentence: 'The results are due Nov. 20, 2018.', text: 'Nov. 20, 2018' },
  ],
};
