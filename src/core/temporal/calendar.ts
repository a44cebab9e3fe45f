/**
 * Civil-calendar arithmetic on plain dates (year, month, day), done in UTC so that no result ever
 * depends on the host's timezone or clock.
 *
 * @example addDays({ year: 2018, month: 11, day: 8 }, -1) // { year: 2018, month: 11, day: 7 }
 */
export interface CivilDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;

function toEpochDay(date: CivilDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY);
}

function fromEpochDay(epochDay: number): CivilDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** @example addDays({ year: 2018, month: 11, day: 30 }, 1) // { year: 2018, month: 12, day: 1 } */
export function addDays(date: CivilDate, days: number): CivilDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `a` to `b`. @example daysBetween(nov1, nov8) // 7 */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** @example lastDayOfMonth(2018, 2) // 28 */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds months, clamping the day (Jan 31 + 1 month = Feb 28). */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, lastDayOfMonth(year, month)) };
}

/**
 * Moves a date by a count of calendar units (negative: back).
 *
 * @example addUnits({ year: 2018, month: 11, day: 8 }, 'month', -5) // { year: 2018, month: 6, day: 8 }
 */
export function addUnits(date: CivilDate, unit: 'day' | 'week' | 'month' | 'year', count: number): CivilDate {
  if (unit === 'day') return addDays(date, count);
  if (unit === 'week') return addDays(date, 7 * count);
  return addMonths(date, unit === 'month' ? count : 12 * count);
}

/** 0 = Sunday … 6 = Saturday, as in `Date#getDay` and chrono's `Weekday`. */
export function weekdayOf(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** ISO 8601 week: the week's year (which may differ at year ends) and number. */
export function isoWeekOf(date: CivilDate): { year: number; week: number } {
  const isoWeekday = weekdayOf(date) || 7;
  const thursday = addDays(date, 4 - isoWeekday);
  const firstOfYear = { year: thursday.year, month: 1, day: 1 };
  return { year: thursday.year, week: Math.floor(daysBetween(firstOfYear, thursday) / 7) + 1 };
}

/** Monday of the ISO week that holds `date`. */
export function startOfIsoWeek(date: CivilDate): CivilDate {
  return addDays(date, 1 - (weekdayOf(date) || 7));
}

/** @example compareDates(a, b) < 0 when a is earlier */
export function compareDates(a: CivilDate, b: CivilDate): number {
  return toEpochDay(a) - toEpochDay(b);
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** @example formatDate({ year: 2018, month: 6, day: 1 }) // '2018-06-01' */
export function formatDate(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** @example formatMonth({ year: 2018, month: 6, day: 1 }) // '2018-06' */
export function formatMonth(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}`;
}

/** @example formatIsoWeek({ year: 2018, month: 11, day: 3 }) // '2018-W44' */
export function formatIsoWeek(date: CivilDate): string {
  const { year, week } = isoWeekOf(date);
  return `${pad(year, 4)}-W${pad(week)}`;
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict `YYYY-MM-DD` parser; returns undefined for anything else, including impossible days. */
export function parseIsoDate(text: string): CivilDate | undefined {
  const match = ISO_DATE_RE.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > lastDayOfMonth(date.year, date.month)) {
    return undefined;
  }
  return date;
}
