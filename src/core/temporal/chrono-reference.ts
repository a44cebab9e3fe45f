import type { ParsingContext } from 'chrono-node';
import type { CivilDate } from './calendar.ts';

/**
 * The reference day of a chrono parsing context. We hand chrono the instant of noon on the
 * reference day together with that zone's offset, so shifting the instant by the offset and
 * reading UTC fields gives back the article's calendar day, whatever the host zone is.
 */
export function referenceDayOf(context: ParsingContext): CivilDate {
  const offset = context.reference.timezoneOffset ?? 0;
  const shifted = new Date(context.reference.instant.getTime() + offset * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}
