import type { Refiner } from 'chrono-node';

const PART_OF_DAY_ALONE_RE = /^(?:the\s+)?(?:night|morning|evening|afternoon|noon|midnight)s?$/i;

/**
 * Drops a part of the day standing alone ("in the middle of the night", "in the morning"): chrono
 * reads it as a time on the reference day, but without "this", "last" or a date it names no day.
 * "tonight", "this morning" and "last night" are kept.
 */
export const partOfDayAloneFilter: Refiner = {
  refine: (_context, results) => results.filter((result) => !PART_OF_DAY_ALONE_RE.test(result.text.trim())),
};

/**
 * Runs before chrono's merge refiners: "the night of Friday, Oct. 23" is Oct. 23, and chrono
 * would otherwise merge the lone "night" (the reference day) with the date that follows "of".
 * "Wednesday night" is left to merge.
 */
export const partOfDayBeforeOfFilter: Refiner = {
  refine: (context, results) =>
    results.filter(
      (result) =>
        !PART_OF_DAY_ALONE_RE.test(result.text.trim()) ||
        !/^\s+of\s/i.test(context.text.slice(result.index + result.text.length)),
    ),
};
