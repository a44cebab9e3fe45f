import type { Refiner } from 'chrono-node';
import type { TimexFamily } from './family.ts';

// Between a clock time and the day it belongs to: a parenthesis ("(0735 GMT)"), a comma, "on".
const JOINER_RE = /^\s*(?:\([^)]{0,30}\)\s*)?,?\s*(?:on\s+)?$/i;

/**
 * "at about 10:35 a.m. (0735 GMT) Friday": chrono puts the time on the reference day because the
 * parenthesis keeps it from merging with "Friday"; the day named right after it is its day.
 * Runs after the tense refiner, so the day is already resolved.
 */
const timeWithLaterDateRefiner: Refiner = {
  refine: (context, results) => {
    for (let i = 0; i + 1 < results.length; i += 1) {
      const time = results[i];
      const day = results[i + 1];
      if (
        !time ||
        !day ||
        !time.start.isCertain('hour') ||
        time.start.isCertain('day') ||
        time.start.isCertain('weekday')
      )
        continue;
      if (!(day.start.isCertain('day') || day.start.isCertain('weekday'))) continue;
      if (!JOINER_RE.test(context.text.slice(time.index + time.text.length, day.index))) continue;
      time.start.imply('year', day.start.get('year') ?? 0);
      time.start.imply('month', day.start.get('month') ?? 1);
      time.start.imply('day', day.start.get('day') ?? 1);
    }
    return results;
  },
};

export const timesFamily: TimexFamily = {
  name: 'times of day',
  gateWords: ['noon', 'midnight'],
  refiners: { afterDirection: [timeWithLaterDateRefiner] },
  examples: [
    { sentence: 'It ended at 3:30 p.m. EST.', text: '3:30 p.m. EST' },
    { sentence: 'Polls close at 8 p.m. Friday.', text: '8 p.m. Friday' },
  ],
};
