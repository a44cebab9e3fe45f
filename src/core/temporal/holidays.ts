import { addDays, type CivilDate, lastDayOfMonth, weekdayOf } from './calendar.ts';

/**
 * Holidays whose date follows from the year alone: fixed days, "the nth weekday of a month" and
 * days counted from Easter. Lunar holidays (Ramadan, Passover, Lunar New Year) need tables we do
 * not carry and are left out.
 */
type HolidayRule =
  | { readonly kind: 'fixed'; readonly month: number; readonly day: number }
  // `nth` counts from the start of the month; -1 is the last such weekday.
  | { readonly kind: 'nth-weekday'; readonly month: number; readonly weekday: number; readonly nth: number }
  | { readonly kind: 'easter'; readonly offset: number }
  // US Election Day: the Tuesday after the first Monday of November.
  | { readonly kind: 'election-day' }
  // Black Friday: the day after Thanksgiving.
  | { readonly kind: 'after-thanksgiving' };

const MONDAY = 1;
const THURSDAY = 4;
const SUNDAY = 0;

/** Holiday names as `holidayKeyOf` writes them, and their rules. */
const HOLIDAY_RULES: ReadonlyMap<string, HolidayRule> = new Map<string, HolidayRule>([
  ['new years day', { kind: 'fixed', month: 1, day: 1 }],
  ['new years eve', { kind: 'fixed', month: 12, day: 31 }],
  ['valentines day', { kind: 'fixed', month: 2, day: 14 }],
  ['st patricks day', { kind: 'fixed', month: 3, day: 17 }],
  ['may day', { kind: 'fixed', month: 5, day: 1 }],
  ['bastille day', { kind: 'fixed', month: 7, day: 14 }],
  ['independence day', { kind: 'fixed', month: 7, day: 4 }],
  ['fourth of july', { kind: 'fixed', month: 7, day: 4 }],
  ['halloween', { kind: 'fixed', month: 10, day: 31 }],
  ['veterans day', { kind: 'fixed', month: 11, day: 11 }],
  ['armistice day', { kind: 'fixed', month: 11, day: 11 }],
  ['christmas eve', { kind: 'fixed', month: 12, day: 24 }],
  ['christmas', { kind: 'fixed', month: 12, day: 25 }],
  ['christmas day', { kind: 'fixed', month: 12, day: 25 }],
  ['boxing day', { kind: 'fixed', month: 12, day: 26 }],
  ['martin luther king day', { kind: 'nth-weekday', month: 1, weekday: MONDAY, nth: 3 }],
  ['presidents day', { kind: 'nth-weekday', month: 2, weekday: MONDAY, nth: 3 }],
  ['mothers day', { kind: 'nth-weekday', month: 5, weekday: SUNDAY, nth: 2 }],
  ['memorial day', { kind: 'nth-weekday', month: 5, weekday: MONDAY, nth: -1 }],
  ['fathers day', { kind: 'nth-weekday', month: 6, weekday: SUNDAY, nth: 3 }],
  ['labor day', { kind: 'nth-weekday', month: 9, weekday: MONDAY, nth: 1 }],
  ['columbus day', { kind: 'nth-weekday', month: 10, weekday: MONDAY, nth: 2 }],
  ['thanksgiving', { kind: 'nth-weekday', month: 11, weekday: THURSDAY, nth: 4 }],
  ['thanksgiving day', { kind: 'nth-weekday', month: 11, weekday: THURSDAY, nth: 4 }],
  ['election day', { kind: 'election-day' }],
  ['black friday', { kind: 'after-thanksgiving' }],
  ['ash wednesday', { kind: 'easter', offset: -46 }],
  ['palm sunday', { kind: 'easter', offset: -7 }],
  ['good friday', { kind: 'easter', offset: -2 }],
  ['easter', { kind: 'easter', offset: 0 }],
  ['easter sunday', { kind: 'easter', offset: 0 }],
  ['easter monday', { kind: 'easter', offset: 1 }],
  ['pentecost', { kind: 'easter', offset: 49 }],
]);

/**
 * The rule's key for a holiday name matched by the lexicon's `HOLIDAY_NAME_SOURCE`.
 *
 * @example holidayKeyOf("New Year's  Day") // 'new years day'
 */
export function holidayKeyOf(name: string): string | undefined {
  const key = name
    .toLowerCase()
    .replace(/['’.,]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/ jr /, ' ')
    .replace(/^the /, '')
    .replace(/^president day$/, 'presidents day');
  return HOLIDAY_RULES.has(key) ? key : undefined;
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian computus). */
export function easterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

function nthWeekday(year: number, month: number, weekday: number, nth: number): CivilDate {
  if (nth > 0) {
    const first = { year, month, day: 1 };
    return addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + 7 * (nth - 1));
  }
  const last = { year, month, day: lastDayOfMonth(year, month) };
  return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
}

/**
 * The date of a holiday (a key from `holidayKeyOf`) in a year.
 *
 * @example holidayIn('thanksgiving', 1999) // { year: 1999, month: 11, day: 25 }
 */
export function holidayIn(key: string, year: number): CivilDate {
  const rule = HOLIDAY_RULES.get(key);
  if (!rule) throw new Error(`unknown holiday: ${key}`);
  switch (rule.kind) {
    case 'fixed':
      return { year, month: rule.month, day: rule.day };
    case 'nth-weekday':
      return nthWeekday(year, rule.month, rule.weekday, rule.nth);
    case 'easter':
      return addDays(easterSunday(year), rule.offset);
    case 'election-day':
      return addDays(nthWeekday(year, 11, MONDAY, 1), 1);
    case 'after-thanksgiving':
      return addDays(nthWeekday(year, 11, THURSDAY, 4), 1);
  }
}
