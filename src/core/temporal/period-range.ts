import { addDays, addMonths, type CivilDate, lastDayOfMonth, startOfIsoWeek } from './calendar.ts';
import type { Granularity, TimexMod } from './timex.ts';

/**
 * First and last day of a period, narrowed by `mod` (thirds of a month, a decade or a century,
 * quarters of a year).
 *
 * @example periodRange('week', { year: 2018, month: 11, day: 8 }, undefined) // Monday Nov 5 to Sunday Nov 11
 */
export function periodRange(
  granularity: Granularity,
  date: CivilDate,
  mod: TimexMod | undefined,
): { start: CivilDate; end: CivilDate } {
  switch (granularity) {
    case 'week': {
      const monday = startOfIsoWeek(date);
      return { start: monday, end: addDays(monday, 6) };
    }
    case 'weekend': {
      const saturday = addDays(startOfIsoWeek(date), 5);
      return { start: saturday, end: addDays(saturday, 1) };
    }
    case 'month': {
      const last = lastDayOfMonth(date.year, date.month);
      const [first, final] =
        mod === 'START' ? [1, 10] : mod === 'MID' ? [11, 20] : mod === 'END' ? [21, last] : [1, last];
      return { start: { ...date, day: first }, end: { ...date, day: final } };
    }
    case 'quarter': {
      const first = { year: date.year, month: Math.floor((date.month - 1) / 3) * 3 + 1, day: 1 };
      return { start: first, end: addDays(addMonths(first, 3), -1) };
    }
    case 'half': {
      const first = { year: date.year, month: date.month <= 6 ? 1 : 7, day: 1 };
      return { start: first, end: addDays(addMonths(first, 6), -1) };
    }
    case 'season': {
      const first = { year: date.year, month: date.month, day: 1 };
      return { start: first, end: addDays(addMonths(first, 3), -1) };
    }
    case 'decade':
    case 'century': {
      // Thirds of the span, as a year is cut in quarters: "the mid-1990s" is 1993–1996.
      const length = granularity === 'decade' ? 10 : 100;
      const [first, last] =
        mod === 'START'
          ? [0, length * 0.3 - 1]
          : mod === 'MID'
            ? [length * 0.3, length * 0.7 - 1]
            : mod === 'END'
              ? [length * 0.7, length - 1]
              : [0, length - 1];
      return {
        start: { year: date.year + first, month: 1, day: 1 },
        end: { year: date.year + last, month: 12, day: 31 },
      };
    }
    case 'year': {
      const [firstMonth, lastMonth] =
        mod === 'START' ? [1, 3] : mod === 'MID' ? [4, 9] : mod === 'END' ? [10, 12] : [1, 12];
      return {
        start: { year: date.year, month: firstMonth, day: 1 },
        end: { year: date.year, month: lastMonth, day: lastDayOfMonth(date.year, lastMonth) },
      };
    }
    default:
      return { start: date, end: date };
  }
}
