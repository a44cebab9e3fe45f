import type { EventDate } from '../events.ts';
import type { Granularity, Timex } from '../temporal/timex.ts';

const GRANULARITY_CONFIDENCE: Record<Granularity, number> = {
  time: 0.9,
  day: 0.9,
  weekend: 0.75,
  week: 0.75,
  month: 0.7,
  quarter: 0.6,
  half: 0.58,
  season: 0.6,
  year: 0.55,
  decade: 0.4,
  century: 0.3,
  vague: 0.2,
};

/**
 * How sure the date of an event is, 0–1, to two places: finer granularity is surer; a relative
 * date (resolved by tense) or one implied by an offset ("five months after the summit") or an
 * earlier date ("that day") less so, and a date only approximated or bounded ("around", "before")
 * less again. `published` is the article's reference day, ISO.
 *
 * @example confidenceOf(timex, eventDateOf(timex), '2018-11-08') // 0.9 for "November 2", 0.77 for "Wednesday"
 */
export function confidenceOf(timex: Timex, date: EventDate, published: string): number {
  let confidence = GRANULARITY_CONFIDENCE[date.granularity];
  // A date written out ("November 2", "2019") is surer than one relative to the reference.
  if (!timex.explicit) confidence *= 0.85;
  if (timex.impliedDate || timex.anchor !== published) confidence *= 0.8;
  if (date.mod === 'APPROX' || date.mod === 'BEFORE' || date.mod === 'AFTER') confidence *= 0.85;
  return Math.round(confidence * 100) / 100;
}
