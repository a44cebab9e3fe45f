import type { Granularity, TimexMod } from './timex.ts';

/**
 * Tags our parsers and refiners put on chrono results, read back when a result becomes a Timex.
 * chrono keeps tags on its results, so they are the natural channel through its pipeline.
 */
export const GRANULARITY_TAG = 'news/granularity:';
export const MOD_TAG = 'news/mod:';
export const VALUE_TAG = 'news/value:';
export const DIRECTION_TAG = 'news/direction:';
export const PART_OF_DAY_TAG = 'news/part-of-day:';
export const TYPE_TAG = 'news/type:';
export const SEASON_TAG = 'news/season:';
/** The key of a named holiday (`thanksgiving`), resolved to a year by the tense-direction refiner. */
export const HOLIDAY_TAG = 'news/holiday:';
/** `2018-06-08|month`: the date a duration measures back to ("five months after the summit"). */
export const IMPLIED_DATE_TAG = 'news/implied-date:';
/** On a quarter named by its number ("the third quarter", "Q3"), not by a comparison ("the year-ago quarter"). */
export const QUARTER_NAMED_TAG = 'news/quarter-named';
/** Quarters from the quarter under discussion ("the year-ago quarter": -4). */
export const QUARTER_OFFSET_TAG = 'news/quarter-offset:';

export const granularityTag = (granularity: Granularity): string => `${GRANULARITY_TAG}${granularity}`;
export const modTag = (mod: TimexMod): string => `${MOD_TAG}${mod}`;
/** An explicit TIMEX3 value: `PRESENT_REF`, a duration `P2M`, a set `XXXX-WXX-1`. */
export const valueTag = (value: string): string => `${VALUE_TAG}${value}`;
export const typeTag = (type: 'DATE' | 'TIME' | 'DURATION' | 'SET'): string => `${TYPE_TAG}${type}`;
export const directionTag = (direction: 'past' | 'future' | 'tense'): string =>
  `${DIRECTION_TAG}${direction}`;

/** The value of the first tag with `prefix`, if any. */
export function readTag(tags: ReadonlySet<string>, prefix: string): string | undefined {
  for (const tag of tags) if (tag.startsWith(prefix)) return tag.slice(prefix.length);
  return undefined;
}
