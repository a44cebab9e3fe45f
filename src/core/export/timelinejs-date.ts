import type { EventDate } from '../events.ts';
import { formatDate, lastDayOfMonth } from '../temporal/calendar.ts';
import { civilDayOf, dateInWords } from './date-in-words.ts';

/**
 * A TimelineJS date: only the fields given count, so `{ year: 2018, month: 6 }` is shown as "June
 * 2018" and `{ year: 2019 }` as "2019" (TimelineJS 3 JSON format).
 */
export interface TimelineJsDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
  readonly hour?: number;
  readonly minute?: number;
  readonly second?: number;
}

/** Where a slide sits on TimelineJS's axis, and what it says its date is. */
export interface TimelineJsDates {
  readonly start_date: TimelineJsDate;
  /** The last day, for a date covering more than one day (its marker spans them). */
  readonly end_date?: TimelineJsDate;
  /** The date in words, when TimelineJS's own rendering of the dates would say something else. */
  readonly display_date?: string;
}

const CLOCK_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const YEAR_RE = /^\d{4}$/;

/**
 * The values TimelineJS can say by itself, at their own precision: a clock time, a day, a month,
 * a year. With the days each covers: a month narrowed by a mod ("early November") is not one.
 */
function nativeDateOf(
  value: string,
): { readonly date: TimelineJsDate; readonly start: string; readonly end: string } | undefined {
  const clock = CLOCK_RE.exec(value);
  if (clock) {
    const day = civilDayOf(clock[1] ?? '');
    const second = clock[4] === undefined ? {} : { second: Number(clock[4]) };
    const date = { ...day, hour: Number(clock[2]), minute: Number(clock[3]), ...second };
    return { date, start: clock[1] ?? '', end: clock[1] ?? '' };
  }
  if (DAY_RE.test(value)) return { date: civilDayOf(value), start: value, end: value };
  const month = MONTH_RE.exec(value);
  if (month) {
    const date = { year: Number(month[1]), month: Number(month[2]) };
    const last = formatDate({ ...date, day: lastDayOfMonth(date.year, date.month) });
    return { date, start: `${value}-01`, end: last };
  }
  if (YEAR_RE.test(value))
    return { date: { year: Number(value) }, start: `${value}-01-01`, end: `${value}-12-31` };
  return undefined;
}

/**
 * An event's date as TimelineJS dates. A clock time, a day, a whole month or a whole year is one
 * date at its own precision, which TimelineJS shows itself. Anything else is the span of days the
 * date covers (`start`..`end`, already narrowed by its mod: "early 2019" is January to March), as
 * `start_date` and `end_date` by the day, with the date in words as `display_date`: TimelineJS has
 * no week, weekend, quarter, half, season, decade, century, part of day or "early", "about",
 * "before". A mod on a time, day, month or year keeps its native date and adds the words.
 *
 * @example timelineJsDateOf({ value: '2018-06', start: '2018-06-01', end: '2018-06-30', granularity: 'month' }) // { start_date: { year: 2018, month: 6 } }
 * @example timelineJsDateOf({ value: '2018-W44', start: '2018-10-29', end: '2018-11-04', granularity: 'week' }) // { start_date: { year: 2018, month: 10, day: 29 }, end_date: { year: 2018, month: 11, day: 4 }, display_date: 'week of October 29, 2018' }
 */
export function timelineJsDateOf(date: EventDate): TimelineJsDates {
  const native = nativeDateOf(date.value);
  if (native && native.start === date.start && native.end === date.end) {
    return date.mod
      ? { start_date: native.date, display_date: dateInWords(date) }
      : { start_date: native.date };
  }
  const start_date = civilDayOf(date.start);
  const end = date.end === date.start ? {} : { end_date: civilDayOf(date.end) };
  return { start_date, ...end, display_date: dateInWords(date) };
}
