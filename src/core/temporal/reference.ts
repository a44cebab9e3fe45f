import type { CivilDate } from './calendar.ts';
import { parseIsoDate } from './calendar.ts';

/**
 * The moment an article speaks from: its publication day in its own timezone. Relative dates
 * ("Wednesday", "five months after …") resolve against it; it never comes from the host clock.
 *
 * @example { date: { year: 2018, month: 11, day: 8 }, timezone: 'America/New_York' }
 */
export interface ReferenceDate {
  readonly date: CivilDate;
  /** IANA zone name, e.g. `America/New_York`, or `UTC`. */
  readonly timezone: string;
}

/** True when `timezone` is an IANA zone this runtime knows. */
export function isKnownTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timezone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timezone, formatter);
  }
  return formatter;
}

/** Wall-clock fields of `instant` in `timezone`. */
export function wallClockIn(
  instant: Date,
  timezone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const fields: Record<string, number> = {};
  for (const part of zoneFormatter(timezone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 0,
    day: fields.day ?? 0,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

/** Offset of `timezone` from UTC at `instant`, in minutes (New York in November: -300). */
export function timezoneOffsetMinutes(instant: Date, timezone: string): number {
  // UTC needs no zone database (and is the common case for wire copy without a zone).
  if (timezone === 'UTC' || timezone === 'Etc/UTC') return 0;
  const wall = wallClockIn(instant, timezone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The calendar day `instant` falls on in `timezone`. */
export function civilDateIn(instant: Date, timezone: string): CivilDate {
  const { year, month, day } = wallClockIn(instant, timezone);
  return { year, month, day };
}

/**
 * The instant of noon on the reference day in its zone: the anchor handed to chrono, so that
 * chrono's own arithmetic lands on the same calendar day whatever the host zone is.
 */
export function referenceInstant(reference: ReferenceDate): Date {
  const { year, month, day } = reference.date;
  const noonUtc = new Date(Date.UTC(year, month - 1, day, 12));
  return new Date(noonUtc.getTime() - timezoneOffsetMinutes(noonUtc, reference.timezone) * 60_000);
}

const DATE_PREFIX_RE = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;

/**
 * Reads a publication date as people write it in metadata: `2018-11-08`, or an ISO instant with
 * an offset (`2018-11-08T14:05:00-05:00`), which is turned into the calendar day in `timezone`.
 * Returns undefined when the text is not such a date.
 */
export function parsePublicationDate(text: string, timezone: string): CivilDate | undefined {
  const trimmed = text.trim();
  const dayOnly = parseIsoDate(trimmed);
  if (dayOnly) return dayOnly;
  if (!DATE_PREFIX_RE.test(trimmed)) return undefined;
  const instant = new Date(trimmed);
  if (Number.isNaN(instant.getTime())) return undefined;
  // An ISO instant without offset is a wall-clock time in the article's own zone.
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) return parseIsoDate(trimmed.slice(0, 10));
  return civilDateIn(instant, timezone);
}
