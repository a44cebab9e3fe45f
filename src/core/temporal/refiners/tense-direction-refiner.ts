import type { ParsingContext, Refiner } from 'chrono-node';
import { addDays, type CivilDate, compareDates, daysBetween, weekdayOf } from '../calendar.ts';
import { referenceDayOf } from '../chrono-reference.ts';
import { holidayIn } from '../holidays.ts';
import { DIRECTION_TAG, GRANULARITY_TAG, HOLIDAY_TAG, readTag } from '../tags.ts';
import { type Direction, directionAround } from '../tense.ts';

const SATURDAY = 6;
const EXPLICIT_PAST_RE = /^(?:last|past|previous)\b/i;
const EXPLICIT_NEXT_RE = /^next\b/i;

/**
 * The latest `weekday` on or before `day` (past), the earliest on or after it (future), or,
 * with no direction, the latest one unless it is tomorrow (news reports the week gone by).
 */
function nearestWeekday(day: CivilDate, weekday: number, direction: Direction | undefined): CivilDate {
  const today = weekdayOf(day);
  const back = (today - weekday + 7) % 7;
  const forward = (weekday - today + 7) % 7;
  if (direction === 'past' || (direction === undefined && forward > 1)) return addDays(day, -back);
  return addDays(day, forward);
}

// A date after these words is a deadline or a target ("extended to Nov. 16", "record Dec. 15"):
// the tense of the verb says nothing about it.
const TARGET_BEFORE_RE =
  /\b(?:to|through|by|before|effective|due|payable|expiring|maturing|record|starting|beginning|from|for)\s+$/i;
// A date after these words is a deadline still ahead ("postponed until Tuesday morning", "ready to
// leave as soon as Tuesday").
const PAST_PERFECT_RE = /\bhad\s+(?:not\s+|never\s+|already\s+)?\w+(?:ed|en|wn|ne)\b/i;
const DEADLINE_BEFORE_RE = /\b(?:until|till|as soon as|as early as|no later than)\s+$/i;

/** The year that puts month/day nearest to the reference (chrono's own choice, host-independent). */
function nearestYear(reference: CivilDate, month: number, day: number): number {
  let best = reference.year;
  for (const year of [reference.year - 1, reference.year + 1]) {
    const distance = Math.abs(daysBetween(reference, { year, month, day }));
    if (distance < Math.abs(daysBetween(reference, { year: best, month, day }))) best = year;
  }
  return best;
}

function resolveWeekend(
  reference: CivilDate,
  qualifier: string | undefined,
  direction: Direction | undefined,
): CivilDate {
  const weekday = weekdayOf(reference);
  // On a Sunday the weekend under way began yesterday.
  const current = weekday === 0 ? addDays(reference, -1) : weekday === SATURDAY ? reference : undefined;
  if (qualifier === 'past')
    return addDays(current ?? nearestWeekday(reference, SATURDAY, 'past'), current ? -7 : 0);
  if (qualifier === 'future')
    return addDays(current ?? nearestWeekday(reference, SATURDAY, 'future'), current ? 7 : 0);
  // News speaks of the weekend just gone unless the sentence looks ahead.
  return current ?? nearestWeekday(reference, SATURDAY, direction ?? 'past');
}

/**
 * A holiday's date in the year the direction points to: the latest on or before the reference
 * (past), the earliest on or after it (future), or the nearest.
 */
function resolveHoliday(reference: CivilDate, key: string, direction: Direction | undefined): CivilDate {
  const [before, current, after] = [-1, 0, 1].map((offset) => holidayIn(key, reference.year + offset)) as [
    CivilDate,
    CivilDate,
    CivilDate,
  ];
  const latestPast = compareDates(current, reference) <= 0 ? current : before;
  const earliestFuture = compareDates(current, reference) >= 0 ? current : after;
  if (direction === 'past') return latestPast;
  if (direction === 'future') return earliestFuture;
  return Math.abs(daysBetween(latestPast, reference)) <= Math.abs(daysBetween(reference, earliestFuture))
    ? latestPast
    : earliestFuture;
}

/**
 * Points underspecified dates the way the sentence's tense does, as news readers do (HeidelTime's
 * news strategy; chrono picks the closest date whatever the tense, #19, #166, #599, #560):
 * - a bare weekday: "told reporters Wednesday" → the latest Wednesday on or before the reference;
 *   "will meet Thursday" → the next one on or after it; no tense at all → the latest, unless
 *   the weekday is tomorrow
 * - a date after "to", "until", "by", "record"… is a target: a past verb does not move it back
 * - a month and day without a year: "KCNA said November 2" → the latest such day (past tense)
 * - a month without a year: "held in March" → the latest March; "will vote in March" → the next
 * - a weekend: "over the weekend" → the weekend just gone (the current one on Sat/Sun)
 * - a holiday: "at Thanksgiving" → the latest one in a past-tense sentence, the next one ahead
 */
export const tenseDirectionRefiner: Refiner = {
  refine: (context: ParsingContext, results) => {
    const reference = referenceDayOf(context);
    // Once per sentence, not once per date after "until": a long sentence has many.
    let pastPerfect: boolean | undefined;
    const isPastPerfect = () => {
      pastPerfect ??= PAST_PERFECT_RE.test(context.text);
      return pastPerfect;
    };
    for (const result of results) {
      const tags = result.tags();
      const qualifier = readTag(tags, DIRECTION_TAG);
      // Reading the sentence's tense costs regex passes: only for the dates that need it.
      const before = context.text.slice(Math.max(0, result.index - 16), result.index);
      const directionOf = (): Direction | undefined => {
        if (qualifier === 'past' || qualifier === 'future') return qualifier;
        // "postponed until Tuesday" looks ahead; "until Thursday, they had not called him" is a
        // past perfect looking back.
        if (DEADLINE_BEFORE_RE.test(before)) return isPastPerfect() ? 'past' : 'future';
        const sentence = directionAround(context.text, result.index, result.index + result.text.length);
        return TARGET_BEFORE_RE.test(before) && sentence === 'past' ? undefined : sentence;
      };
      const start = result.start;
      let resolved: CivilDate | undefined;
      const holiday = readTag(tags, HOLIDAY_TAG);
      if (holiday) {
        resolved = resolveHoliday(reference, holiday, directionOf());
      } else if (readTag(tags, GRANULARITY_TAG) === 'weekend') {
        resolved = resolveWeekend(reference, qualifier, directionOf());
      } else if (start.isOnlyWeekdayComponent()) {
        const weekday = start.get('weekday') ?? 0;
        if (EXPLICIT_NEXT_RE.test(result.text)) continue; // chrono's own "next Monday" stands
        resolved = EXPLICIT_PAST_RE.test(result.text)
          ? nearestWeekday(addDays(reference, -1), weekday, 'past')
          : nearestWeekday(reference, weekday, directionOf());
      } else if (start.isCertain('month') && !start.isCertain('year')) {
        const direction = directionOf();
        const month = start.get('month') ?? 1;
        const hasDay = start.isCertain('day');
        const day = hasDay ? (start.get('day') ?? 1) : 1;
        const pivot: CivilDate = hasDay ? reference : { ...reference, day: 1 };
        let candidate: CivilDate = { year: reference.year, month, day };
        if (direction === undefined) candidate = { ...candidate, year: nearestYear(pivot, month, day) };
        if (direction === 'past' && compareDates(candidate, pivot) > 0)
          candidate = { ...candidate, year: reference.year - 1 };
        if (direction === 'future' && compareDates(candidate, pivot) < 0)
          candidate = { ...candidate, year: reference.year + 1 };
        // "Monday, Oct. 26": the year in which Oct. 26 is a Monday settles it.
        const weekday = start.isCertain('weekday') ? start.get('weekday') : null;
        if (hasDay && weekday !== null) {
          const matching = [candidate.year, reference.year, reference.year - 1, reference.year + 1].find(
            (year) => weekdayOf({ year, month, day }) === weekday,
          );
          if (matching !== undefined) candidate = { ...candidate, year: matching };
        }
        resolved = candidate;
      }
      if (!resolved) continue;
      start.imply('year', resolved.year);
      start.imply('month', resolved.month);
      start.imply('day', resolved.day);
    }
    return results;
  },
};
