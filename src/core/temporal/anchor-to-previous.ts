import { addUnits, type CivilDate, formatDate, lastDayOfMonth, parseIsoDate } from './calendar.ts';
import { COUNT_SOURCE, countValue } from './numbers.ts';
import type { Timex } from './timex.ts';

// "the day after his death": one unit from the day the text last named.
const UNIT_FROM_LAST_RE = /^(?:the\s+)?(day|week|month|year)\s+(after|before|later|earlier)$/i;
const YEAR_BEFORE_RE = /^(?:a|one) year (?:ago|earlier|before)$/i;
const LATER_RE = new RegExp(`^(${COUNT_SOURCE}) (day|week|month|year)s? later$`, 'i');
type Unit = 'day' | 'week' | 'month' | 'year';
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const ORDINAL_QUARTER_WORD_RE = /\b(?:first|second|third|fourth|1st|2nd|3rd|4th|Q[1-4])\b/i;

function quarterTimex(timex: Timex, year: number, quarter: number): Timex {
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    ...timex,
    value: `${year}-Q${quarter}`,
    granularity: 'quarter',
    range: {
      start: formatDate({ year, month: firstMonth, day: 1 }),
      end: formatDate({ year, month: firstMonth + 2, day: lastDayOfMonth(year, firstMonth + 2) }),
    },
  };
}

function dayTimex(timex: Timex, day: CivilDate, anchor: string): Timex {
  const value = formatDate(day);
  return { ...timex, type: 'DATE', value, granularity: 'day', range: { start: value, end: value }, anchor };
}

/**
 * Resolves the expressions that lean on a date mentioned before them in the document rather
 * than on the publication date (HeidelTime's narrative anchoring):
 * - "two days later" → two days after the last day mentioned ("June 12 … Two days later" → June 14);
 *   likewise "the day after", "the day before"
 * - "a year ago", "a year earlier" after a quarter → the same quarter a year before, as earnings
 *   reports mean it ("third-quarter profit … from $1.2 million a year earlier" → `1988-Q3`)
 * - "the quarter", "the year-ago period" → the quarter being discussed (the last one named), or
 *   that quarter a year before
 *
 * @example anchorToPreviousDates(tagDocument('The summit was held on June 12. Two days later, …'))
 */
export function anchorToPreviousDates(timexes: readonly Timex[]): Timex[] {
  let lastDay: CivilDate | undefined;
  let lastQuarter: { year: number; quarter: number } | undefined;
  return timexes.map((timex) => {
    let resolved = timex;
    const quarterBefore = YEAR_BEFORE_RE.test(timex.text) ? lastQuarter : undefined;
    const later = LATER_RE.exec(timex.text);
    if (quarterBefore) {
      resolved = quarterTimex(timex, quarterBefore.year - 1, quarterBefore.quarter);
    } else if (timex.quarterOffset !== undefined && lastQuarter) {
      const index = lastQuarter.year * 4 + lastQuarter.quarter - 1 + timex.quarterOffset;
      resolved = quarterTimex(timex, Math.floor(index / 4), (index % 4) + 1);
    } else if (UNIT_FROM_LAST_RE.test(timex.text) && lastDay && timex.type !== 'DURATION') {
      const [, unit = 'day', way = 'after'] = UNIT_FROM_LAST_RE.exec(timex.text) ?? [];
      const day = addUnits(lastDay, unit.toLowerCase() as Unit, /after|later/i.test(way) ? 1 : -1);
      resolved = dayTimex(timex, day, formatDate(lastDay));
    } else if (later && lastDay) {
      const count = countValue(later[1] ?? '');
      const unit = (later[2] ?? '').toLowerCase() as Unit;
      if (typeof count === 'number' && Number.isInteger(count)) {
        const day = addUnits(lastDay, unit, count);
        resolved = dayTimex(timex, day, formatDate(lastDay));
      }
    }
    const quarter = QUARTER_RE.exec(resolved.value);
    // The quarter under discussion is the one named by its number ("the third quarter", "Q3");
    // comparisons ("the year-ago quarter", "the 1988 period") do not change it.
    if (quarter && ORDINAL_QUARTER_WORD_RE.test(resolved.text))
      lastQuarter = { year: Number(quarter[1]), quarter: Number(quarter[2]) };
    const day = resolved.granularity === 'day' ? parseIsoDate(resolved.value) : undefined;
    if (day) lastDay = day;
    return resolved;
  });
}
