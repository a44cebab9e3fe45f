import {
  addUnits,
  type CivilDate,
  formatDate,
  formatIsoWeek,
  formatMonth,
  parseIsoDate,
} from './calendar.ts';
import { durationValue } from './families/durations.ts';
import { periodRange } from './period-range.ts';
import type { Granularity, Timex } from './timex.ts';

type Unit = 'day' | 'week' | 'month' | 'year';
// The granularities fine enough to say which day, week, month or year a story is at.
const FINER_THAN: Record<Unit, ReadonlySet<string>> = {
  day: new Set(['day', 'time']),
  week: new Set(['day', 'time', 'week', 'weekend']),
  month: new Set(['day', 'time', 'week', 'weekend', 'month']),
  year: new Set(['day', 'time', 'week', 'weekend', 'month', 'quarter', 'half', 'season', 'year']),
};
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

function rangeTimex(granularity: Granularity, date: CivilDate): Pick<Timex, 'granularity' | 'range'> {
  const { start, end } = periodRange(granularity, date, undefined);
  return { granularity, range: { start: formatDate(start), end: formatDate(end) } };
}

function quarterTimex(timex: Timex, year: number, quarter: number): Timex {
  const date = { year, month: (quarter - 1) * 3 + 1, day: 1 };
  return { ...timex, value: `${year}-Q${quarter}`, ...rangeTimex('quarter', date) };
}

const VALUE_OF: Record<Unit, (date: CivilDate) => string> = {
  day: formatDate,
  week: formatIsoWeek,
  month: formatMonth,
  year: (date) => String(date.year),
};

/** The period `unit` around `date`, as the tagger writes it. */
function periodTimex(timex: Timex, unit: Unit, date: CivilDate, anchor: string): Timex {
  return { ...timex, type: 'DATE', value: VALUE_OF[unit](date), ...rangeTimex(unit, date), anchor };
}

/**
 * `count` units from the story's date: a day when the story named a day ("June 12 … two weeks
 * later" → June 26), else the unit's own period ("in 2016 … two years later" → `2018`, "in March
 * 2015 … six months later" → `2015-09`).
 */
function laterTimex(
  timex: Timex,
  unit: Unit,
  count: number,
  antecedent: CivilDate,
  antecedentGranularity: Granularity | undefined,
): Timex {
  const byDay = antecedentGranularity === 'day' || antecedentGranularity === 'time';
  return periodTimex(timex, byDay ? 'day' : unit, addUnits(antecedent, unit, count), formatDate(antecedent));
}

// "two days later", "three years earlier": the length's own words, without the signal.
const SIGNAL_AFTER_RE = /\s+(?:later|earlier)$/i;

/**
 * "Three days later" as TimeML tags it: the length "Three days" (`P3D`), a DURATION, with "later"
 * left out as a signal; the date it leads to (`dated`) is its implied date, which the timeline uses.
 */
function lengthOf(dated: Timex, unit: Unit, count: number): Timex {
  // A whole count of a calendar unit always has a duration value (anaphorOf reads only those).
  const value = durationValue(Math.abs(count), unit);
  if (!value) return dated;
  const text = dated.text.replace(SIGNAL_AFTER_RE, '');
  const { range: _range, ...rest } = dated;
  return {
    ...rest,
    type: 'DURATION',
    value,
    granularity: 'vague',
    text,
    end: dated.start + text.length,
    ...(dated.range
      ? { impliedDate: { value: dated.value, granularity: dated.granularity, range: dated.range } }
      : {}),
  };
}

/**
 * Resolves the expressions that lean on a date mentioned before them in the document rather
 * than on the publication date (HeidelTime's narrative anchoring):
 * - "two days later" → the length "two days" (TimeML's DURATION, "later" a signal outside it)
 *   implying two days after the last day mentioned ("June 12 … Two days later" → June 14); "two
 *   years later", "three months earlier" after a year or a month → that year or month moved;
 *   likewise "the day after", "the day before"
 * - "a year ago", "a year earlier" after a quarter → the same quarter a year before, as earnings
 *   reports mean it ("third-quarter profit … from $1.2 million a year earlier" → `1988-Q3`)
 * - "the quarter", "the year-ago period" → the quarter being discussed (the last one named), or
 *   that quarter a year before
 * - "that day", "later that year", "the next morning", "the following week" → the period of the
 *   last date fine enough to name it, or the one after; "that day" with none before is dropped
 *
 * @example anchorToPreviousDates(tagDocument('The summit was held on June 12. Two days later, …'))
 */
export function anchorToPreviousDates(timexes: readonly Timex[]): Timex[] {
  const anchor = createAnchorer();
  const anchored: Timex[] = [];
  for (const timex of timexes) {
    const resolved = anchor(timex);
    if (resolved) anchored.push(resolved);
  }
  return anchored;
}

/**
 * {@link anchorToPreviousDates} one expression at a time, in document order, for a caller that
 * reads a document sentence by sentence and keeps none of it: the anchorer remembers only the
 * last dates. Gives the expression resolved, or undefined for one to drop ("that day" with no
 * date before it).
 *
 * @example const anchor = createAnchorer(); const resolved = timexes.map(anchor).filter(Boolean);
 */
export function createAnchorer(): (timex: Timex) => Timex | undefined {
  let lastDay: CivilDate | undefined;
  let lastQuarter: { year: number; quarter: number } | undefined;
  // The last calendar date mentioned at each granularity it can answer for, and how fine it was.
  const lastOf: Partial<Record<Unit, CivilDate>> = {};
  const lastGranularityOf: Partial<Record<Unit, Granularity>> = {};
  return (timex) => {
    let resolved = timex;
    // The date the story is at after this expression: the resolved one, or the date a length implies.
    let storyDate: Timex | undefined;
    const anaphor = timex.anaphor;
    if (anaphor?.kind === 'period') {
      const antecedent = lastOf[anaphor.unit];
      // "the next day" with no story date before it counts from the reference, as parsed.
      if (!antecedent && !anaphor.ahead) return undefined;
      if (antecedent)
        resolved = periodTimex(
          timex,
          anaphor.unit,
          addUnits(antecedent, anaphor.unit, anaphor.ahead),
          formatDate(antecedent),
        );
    } else if (anaphor?.kind === 'year-before' && lastQuarter) {
      resolved = quarterTimex(timex, lastQuarter.year - 1, lastQuarter.quarter);
    } else if (anaphor?.kind === 'year-before' && anaphor.fromStory && lastOf.year) {
      // "a year earlier" after a year or a date that is no quarter: the year before it.
      resolved = laterTimex(timex, 'year', -1, lastOf.year, lastGranularityOf.year);
    } else if (timex.quarterOffset !== undefined && lastQuarter) {
      const index = lastQuarter.year * 4 + lastQuarter.quarter - 1 + timex.quarterOffset;
      resolved = quarterTimex(timex, Math.floor(index / 4), (index % 4) + 1);
    } else if (anaphor?.kind === 'beside-day' && lastDay) {
      const day = addUnits(lastDay, anaphor.unit, anaphor.ahead);
      resolved = periodTimex(timex, 'day', day, formatDate(lastDay));
    } else if (anaphor?.kind === 'later') {
      const antecedent = lastOf[anaphor.unit];
      // With no story date before it, the date chrono gave from the reference stands.
      storyDate = antecedent
        ? laterTimex(timex, anaphor.unit, anaphor.count, antecedent, lastGranularityOf[anaphor.unit])
        : timex;
      resolved = lengthOf(storyDate, anaphor.unit, anaphor.count);
    }
    const dated = storyDate ?? resolved;
    const quarter = QUARTER_RE.exec(resolved.value);
    // The quarter under discussion is the one named by its number ("the third quarter", "Q3");
    // comparisons ("the year-ago quarter", "the 1988 period") do not change it.
    if (quarter && resolved.namesQuarter)
      lastQuarter = { year: Number(quarter[1]), quarter: Number(quarter[2]) };
    const day = dated.granularity === 'day' ? parseIsoDate(dated.value) : undefined;
    if (day) lastDay = day;
    const start = dated.range ? parseIsoDate(dated.range.start) : undefined;
    if (start)
      for (const unit of ['day', 'week', 'month', 'year'] as const)
        if (FINER_THAN[unit].has(dated.granularity)) {
          lastOf[unit] = start;
          lastGranularityOf[unit] = dated.granularity;
        }
    return resolved;
  };
}
