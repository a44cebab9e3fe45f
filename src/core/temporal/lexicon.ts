/**
 * The calendar's names in one place: months, weekdays and holidays, for the tagger's parsers and
 * its gate, the dateline reader and the event layer (a holiday is no actor).
 */

/** Month names, January first (index + 1 is the month number). */
export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** Weekday names, Sunday first (index is chrono's and `Date#getDay`'s weekday number). */
export const WEEKDAY_NAMES = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;

/** Month abbreviations as news writes them ("Sept.", "Nov"), without the period. */
export const MONTH_ABBREVIATIONS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sept',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

/** Regex source for a month name, full or abbreviated ("Sept", "Nov"), without the period. */
export const MONTH_NAME_SOURCE = `${MONTH_NAMES.join('|')}|${MONTH_ABBREVIATIONS.join('|')}`;

/**
 * The number of a month from its name or abbreviation (by its first three letters), 0 if none.
 *
 * @example monthNumberOf('Sept') // 9
 */
export function monthNumberOf(name: string): number {
  const prefix = name.toLowerCase().slice(0, 3);
  return MONTH_NAMES.findIndex((month) => month.startsWith(prefix)) + 1;
}

/** Weekday abbreviations as news writes them ("Tues.", "Thurs"), without the period. */
export const WEEKDAY_ABBREVIATIONS = [
  'sun',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
] as const;

/** Holiday names as written in news, apostrophes and "Jr." optional (the keys of `holidays.ts`'s rules, spelt out). */
export const HOLIDAY_NAME_SOURCE =
  "new\\s+year['’]?s\\s+(?:day|eve)|valentine['’]?s\\s+day|st\\.?\\s+patrick['’]?s\\s+day|may\\s+day|" +
  "bastille\\s+day|independence\\s+day|(?:the\\s+)?fourth\\s+of\\s+july|black\\s+friday|halloween|veterans['’]?\\s+day|armistice\\s+day|christmas(?:\\s+(?:day|eve))?|boxing\\s+day|" +
  "martin\\s+luther\\s+king(?:,?\\s+jr\\.?)?\\s+day|presidents?['’]?s?\\s+day|mother['’]?s\\s+day|memorial\\s+day|" +
  "father['’]?s\\s+day|labor\\s+day|columbus\\s+day|thanksgiving(?:\\s+day)?|election\\s+day|ash\\s+wednesday|" +
  'palm\\s+sunday|good\\s+friday|easter(?:\\s+(?:sunday|monday))?|pentecost';

// A whole name of the calendar, as capitalised in running text: "Labor Day", "Christmas Eve",
// "Sept", "Thursday". The event layer keeps these out of the actors.
const CALENDAR_NAME_RE = new RegExp(
  `^(?:${MONTH_NAME_SOURCE}|${WEEKDAY_NAMES.join('|')}|${WEEKDAY_ABBREVIATIONS.join('|')}|${HOLIDAY_NAME_SOURCE})\\.?$`,
  'i',
);

/**
 * Whether a text is one name of the calendar: a month, a weekday or a holiday.
 *
 * @example isCalendarName('Labor Day') // true
 * @example isCalendarName('Labor Party') // false
 */
export function isCalendarName(text: string): boolean {
  return CALENDAR_NAME_RE.test(text);
}
