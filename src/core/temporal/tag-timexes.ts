import type { ParsedResult } from 'chrono-node';
import * as chrono from 'chrono-node/en';
import {
  addDays,
  type CivilDate,
  formatDate,
  formatIsoWeek,
  formatMonth,
  parseIsoDate,
  startOfIsoWeek,
} from './calendar.ts';
import { runLate } from './late-parsers.ts';
import { anaphoricDateParser } from './parsers/anaphoric-date-parser.ts';
import { dayOfMonthParser } from './parsers/day-of-month-parser.ts';
import { barePluralDurationParser, durationParser, pastDecadeParser } from './parsers/duration-parser.ts';
import { holidayParser } from './parsers/holiday-parser.ts';
import { partOfDayParser } from './parsers/part-of-day-parser.ts';
import { periodPartParser } from './parsers/period-part-parser.ts';
import { qualifiedMonthParser } from './parsers/qualified-month-parser.ts';
import {
  abbreviatedQuarterParser,
  namedQuarterParser,
  ordinalQuarterParser,
} from './parsers/quarter-parser.ts';
import { relativePeriodParser } from './parsers/relative-period-parser.ts';
import { seasonParser } from './parsers/season-parser.ts';
import { setParser } from './parsers/set-parser.ts';
import { theDayParser } from './parsers/the-day-parser.ts';
import { thePeriodParser } from './parsers/the-period-parser.ts';
import { vagueReferenceParser } from './parsers/vague-reference-parser.ts';
import { weekendParser } from './parsers/weekend-parser.ts';
import { bareYearRefiner, centuryParser, decadeParser } from './parsers/year-parser.ts';
import { periodRange } from './period-range.ts';
import { type ReferenceDate, referenceInstant, timezoneOffsetMinutes } from './reference.ts';
import { eventAnchoredOffsetRefiner } from './refiners/event-anchored-offset-refiner.ts';
import { falsePositiveFilter } from './refiners/false-positive-filter.ts';
import { modifierPrefixRefiner, weekOfRefiner } from './refiners/modifier-prefix-refiner.ts';
import { partOfDayAloneFilter, partOfDayBeforeOfFilter } from './refiners/part-of-day-alone-filter.ts';
import { rangeSplitRefiner } from './refiners/range-split-refiner.ts';
import { tenseDirectionRefiner } from './refiners/tense-direction-refiner.ts';
import { timeWithLaterDateRefiner } from './refiners/time-with-later-date-refiner.ts';
import { vagueReferenceRefiner } from './refiners/vague-reference-refiner.ts';
import { withinDurationRefiner } from './refiners/within-duration-refiner.ts';
import {
  GRANULARITY_TAG,
  IMPLIED_DATE_TAG,
  MOD_TAG,
  PART_OF_DAY_TAG,
  QUARTER_OFFSET_TAG,
  readTag,
  SEASON_TAG,
  TYPE_TAG,
  VALUE_TAG,
} from './tags.ts';
import type { Granularity, Timex, TimexMod, TimexType } from './timex.ts';

/**
 * chrono's casual English configuration plus our news rules. Our date parsers go first so that,
 * on an equal span, chrono's overlap removal keeps ours. After chrono's own refiners come, in
 * order: false positives out; the parsers whose results have no calendar parts (quarters,
 * durations, seasons, sets, vague references), run late so chrono cannot merge them; bare years;
 * then the news refiners (vague "now", durations after "within", offsets from events, tense
 * direction, "earlier this year" spans).
 */
function createNewsChrono(): chrono.Chrono {
  const newsChrono = chrono.casual.clone();
  newsChrono.parsers.unshift(
    centuryParser,
    decadeParser,
    qualifiedMonthParser,
    periodPartParser,
    relativePeriodParser,
    weekendParser,
    partOfDayParser,
    theDayParser,
    dayOfMonthParser,
    holidayParser,
    anaphoricDateParser,
  );
  newsChrono.refiners.unshift(partOfDayBeforeOfFilter);
  newsChrono.refiners.push(
    rangeSplitRefiner,
    falsePositiveFilter,
    runLate(
      ordinalQuarterParser,
      namedQuarterParser,
      abbreviatedQuarterParser,
      durationParser,
      barePluralDurationParser,
      pastDecadeParser,
      seasonParser,
      setParser,
      vagueReferenceParser,
      thePeriodParser,
    ),
    bareYearRefiner,
    partOfDayAloneFilter,
    vagueReferenceRefiner,
    withinDurationRefiner,
    eventAnchoredOffsetRefiner,
    tenseDirectionRefiner,
    timeWithLaterDateRefiner,
    modifierPrefixRefiner,
    weekOfRefiner,
  );
  return newsChrono;
}

const newsChrono = createNewsChrono();

// Every expression any of our parsers or chrono's reads holds a digit or one of these words; a
// sentence without any (most of them) skips the whole pipeline. On TimeBank, AQUAINT and MEANTIME
// it loses no true expression (and one false positive).
const TEMPORAL_HINT_RE =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekends?|weekdays?|now|today|tonight|tomorrow|tmr|yesterday|noon|midnight|morning|afternoon|evening|night|nights|seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|qtr|years?|decades?|century|centuries|period|year-earlier|year-ago|spring|summer|fall|autumn|winter|recently|lately|recent|currently|nowadays|future|near term|time being|daily|weekly|monthly|annually|yearly|hourly|every|each|ago|later|earlier|christmas|easter|thanksgiving|halloween|pentecost|couple|few|several|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|ninety|hundred|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b/i;
const TRAILING_PUNCTUATION_RE = /[\s,.;:!?'’"”)]+$/;
const RELATIVE_UNIT_RE = /\b(second|minute|hour|day|week|month|year)s?\b/i;
const LEADING_PREPOSITION_RE = /^(?:on|in|at(?!\s+least)|by|during|since|until|from|of)\s+(?=\S)/i;

function granularityOf(result: ParsedResult): Granularity {
  const tagged = readTag(result.tags(), GRANULARITY_TAG) as Granularity | undefined;
  if (tagged) return tagged;
  // A relative date ("two days ago", "three weeks ago") is as fine as its unit: chrono marks
  // every component of the computed day as certain.
  if (result.tags().has('result/relativeDate')) {
    const unit = RELATIVE_UNIT_RE.exec(result.text)?.[1]?.toLowerCase();
    if (unit === 'week' || unit === 'month' || unit === 'year' || unit === 'day') return unit;
    if (unit) return 'time';
  }
  const start = result.start;
  if (start.isCertain('hour')) return 'time';
  if (start.isCertain('day') || start.isCertain('weekday')) return 'day';
  if (start.isCertain('month')) return 'month';
  if (start.isCertain('year')) return 'year';
  return 'day';
}

function timexValueOf(granularity: Granularity, date: CivilDate, result: ParsedResult): string {
  switch (granularity) {
    case 'time': {
      const partOfDay = readTag(result.tags(), PART_OF_DAY_TAG);
      if (partOfDay) return `${formatDate(date)}T${partOfDay}`;
      const hour = String(result.start.get('hour') ?? 0).padStart(2, '0');
      const minute = String(result.start.get('minute') ?? 0).padStart(2, '0');
      // "16:15 UTC": the time is in UTC whatever the article's zone (TIMEX3 `T16:15Z`).
      const utc = /\b(?:UTC|GMT)\b|\d(?:Z)\b/.test(result.text) ? 'Z' : '';
      return `${formatDate(date)}T${hour}:${minute}${utc}`;
    }
    case 'week':
      return formatIsoWeek(date);
    case 'weekend':
      return `${formatIsoWeek(addDays(startOfIsoWeek(date), 5))}-WE`;
    case 'month':
      return formatMonth(date);
    case 'quarter':
      return `${String(date.year).padStart(4, '0')}-Q${Math.floor((date.month - 1) / 3) + 1}`;
    case 'year':
      return String(date.year).padStart(4, '0');
    case 'season':
      return `${String(date.year).padStart(4, '0')}-${readTag(result.tags(), SEASON_TAG) ?? 'SU'}`;
    case 'decade':
      return String(Math.floor(date.year / 10)).padStart(3, '0');
    case 'century':
      return String(Math.floor(date.year / 100)).padStart(2, '0');
    default:
      return formatDate(date);
  }
}

function impliedDateOf(result: ParsedResult): Timex['impliedDate'] {
  const [day, granularity] = (readTag(result.tags(), IMPLIED_DATE_TAG) ?? '').split('|') as [
    string,
    Granularity | undefined,
  ];
  const date = parseIsoDate(day);
  if (!date || !granularity) return undefined;
  const range = periodRange(granularity, date, undefined);
  return {
    value: timexValueOf(granularity, date, result),
    granularity,
    range: { start: formatDate(range.start), end: formatDate(range.end) },
  };
}

function toTimex(result: ParsedResult, anchor: string): Timex {
  const withoutTrailing = result.text.replace(TRAILING_PUNCTUATION_RE, '');
  // TimeML spans leave out the preposition: "on Thursday" is tagged "Thursday".
  const leading = LEADING_PREPOSITION_RE.exec(withoutTrailing)?.[0].length ?? 0;
  const text = withoutTrailing.slice(leading);
  const span = { text, start: result.index + leading, end: result.index + leading + text.length };
  const explicitValue = readTag(result.tags(), VALUE_TAG);
  const mod = readTag(result.tags(), MOD_TAG) as TimexMod | undefined;
  if (explicitValue) {
    // Durations, sets and vague references name no span of the calendar.
    const type = (readTag(result.tags(), TYPE_TAG) as TimexType | undefined) ?? 'DATE';
    const implied = impliedDateOf(result);
    return {
      type,
      value: explicitValue,
      ...(mod ? { mod } : {}),
      granularity: 'vague',
      ...span,
      anchor,
      ...(implied ? { impliedDate: implied } : {}),
    };
  }
  const granularity = granularityOf(result);
  const date: CivilDate = {
    year: result.start.get('year') ?? 0,
    month: result.start.get('month') ?? 1,
    day: result.start.get('day') ?? 1,
  };
  const range = periodRange(granularity, date, mod);
  const quarterOffset = readTag(result.tags(), QUARTER_OFFSET_TAG);
  return {
    ...(quarterOffset !== undefined ? { quarterOffset: Number(quarterOffset) } : {}),
    type: granularity === 'time' ? 'TIME' : 'DATE',
    value: timexValueOf(granularity, date, result),
    ...(mod ? { mod } : {}),
    granularity,
    ...span,
    range: { start: formatDate(range.start), end: formatDate(range.end) },
    anchor,
  };
}

/**
 * Finds and normalises the temporal expressions of one text (a sentence, ideally: the tense of
 * the words around an expression decides which way it points) against a reference date.
 *
 * @example
 * tagTimexes('KCNA said November 2.', { date: { year: 2018, month: 11, day: 8 }, timezone: 'America/New_York' })
 * // [{ type: 'DATE', value: '2018-11-02', text: 'November 2', start: 10, end: 20, … }]
 */
export function tagTimexes(text: string, reference: ReferenceDate): Timex[] {
  if (!TEMPORAL_HINT_RE.test(text)) return [];
  const results = newsChrono.parse(text, chronoReferenceOf(reference));
  const anchor = formatDate(reference.date);
  return results.map((result) => toTimex(result, anchor));
}

let lastReference: { key: string; value: { instant: Date; timezone: number } } | undefined;

/**
 * chrono's reference for ours, remembered for the last reference date: a document is tagged
 * sentence by sentence against one date, and the zone arithmetic (Intl) is not free.
 */
function chronoReferenceOf(reference: ReferenceDate): { instant: Date; timezone: number } {
  const key = `${formatDate(reference.date)}|${reference.timezone}`;
  if (lastReference?.key !== key) {
    const instant = referenceInstant(reference);
    lastReference = { key, value: { instant, timezone: timezoneOffsetMinutes(instant, reference.timezone) } };
  }
  return lastReference.value;
}
