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

/** Regex source for a month name, full or abbreviated ("Sept", "Nov"), without the period. */
export const MONTH_NAME_SOURCE = `${MONTH_NAMES.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec`;

/**
 * The number of a month from its name or abbreviation (by its first three letters), 0 if none.
 *
 * @example monthNumberOf('Sept') // 9
 */
export function monthNumberOf(name: string): number {
  const prefix = name.toLowerCase().slice(0, 3);
  return MONTH_NAMES.findIndex((month) => month.startsWith(prefix)) + 1;
}
