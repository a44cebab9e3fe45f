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
import { anaphorOf } from './families/anaphora.ts';
import type { TimexFamily } from './families/family.ts';
import { TIMEX_FAMILIES } from './families/registry.ts';
import { runLate } from './late-parsers.ts';
import { HOLIDAY_NAME_SOURCE, MONTH_NAME_SOURCE } from './lexicon.ts';
import { periodRange } from './period-range.ts';
import { type ReferenceDate, referenceInstant, timezoneOffsetMinutes } from './reference.ts';
import { falsePositiveFilter } from './refiners/false-positive-filter.ts';
import { modifierPrefixRefiner } from './refiners/modifier-prefix-refiner.ts';
import { rangeSplitRefiner } from './refiners/range-split-refiner.ts';
import { tenseDirectionRefiner } from './refiners/tense-direction-refiner.ts';
import {
  GRANULARITY_TAG,
  IMPLIED_DATE_TAG,
  MOD_TAG,
  PART_OF_DAY_TAG,
  QUARTER_NAMED_TAG,
  QUARTER_OFFSET_TAG,
  readTag,
  SEASON_TAG,
  TYPE_TAG,
  VALUE_TAG,
} from './tags.ts';
import type { Granularity, Timex, TimexMod, TimexType } from './timex.ts';

/**
 * chrono's casual English configuration plus the families of {@link TIMEX_FAMILIES}, stage by
 * stage in the order {@link TimexFamily} states, each stage in the registry's order: the
 * families' parsers before chrono's; their early refiners before chrono's refiners; after those,
 * the shared clean-up (a merged range split in two, false positives out), the late parsers,
 * the families' rereadings, the shared tense direction, what needs the resolved day, and last
 * the shared modifier prefix ("earlier this year").
 */
export function createNewsChrono(families: readonly TimexFamily[] = TIMEX_FAMILIES): chrono.Chrono {
  const hooks = (stage: 'beforeChrono' | 'resolve' | 'afterDirection') =>
    families.flatMap((family) => family.refiners?.[stage] ?? []);
  const newsChrono = chrono.casual.clone();
  newsChrono.parsers.unshift(...families.flatMap((family) => family.parsers ?? []));
  newsChrono.refiners.unshift(...hooks('beforeChrono'));
  newsChrono.refiners.push(
    rangeSplitRefiner,
    falsePositiveFilter,
    runLate(...families.flatMap((family) => family.lateParsers ?? [])),
    ...hooks('resolve'),
    tenseDirectionRefiner,
    ...hooks('afterDirection'),
    modifierPrefixRefiner,
  );
  return newsChrono;
}

const newsChrono = createNewsChrono();

const escapeWord = (word: string): string =>
  word.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&').replace(/ /g, '\\s+');

/**
 * The test a text must pass to be tagged at all: a digit, or one of the families' gate words.
 * Most sentences of news hold none and skip the whole pipeline.
 *
 * @example temporalGateOf(TIMEX_FAMILIES).test('The minister spoke.') // false
 */
export function temporalGateOf(families: readonly TimexFamily[]): RegExp {
  const words = [...new Set(families.flatMap((family) => family.gateWords))].sort(
    (a, b) => b.length - a.length,
  );
  return new RegExp(`\\d|\\b(?:${words.map(escapeWord).join('|')})\\b`, 'i');
}

/** {@link temporalGateOf} the registry. */
export const TEMPORAL_GATE_RE = temporalGateOf(TIMEX_FAMILIES);
// A date written out: a digit, a month's or a holiday's name.
const WRITTEN_OUT_RE = new RegExp(`\\d|\\b(?:${MONTH_NAME_SOURCE})\\b|\\b(?:${HOLIDAY_NAME_SOURCE})\\b`, 'i');
// The period of "3 p.m." is the abbreviation's own.
const ABBREVIATION_END_RE = /\b[ap]\.m$/i;
const TRAILING_PUNCTUATION_RE = /[\s,.;:!?'’"”)]+$/;
const RELATIVE_UNIT_RE = /\b(second|minute|hour|day|week|month|year)s?\b/i;
const LEADING_PREPOSITION_RE = /^(?:on|in|at(?!\s+(?:least|most))|by|during|since|until|from|of)\s+(?=\S)/i;

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
      // "8:15 this morning": the clock time is finer than the part of the day it falls in.
      if (partOfDay && !result.start.isCertain('hour')) return `${formatDate(date)}T${partOfDay}`;
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
    case 'half':
      return `${String(date.year).padStart(4, '0')}-H${date.month <= 6 ? 1 : 2}`;
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

function toTimex(result: ParsedResult, anchor: string, sentence: string): Timex {
  let withoutTrailing = result.text.replace(TRAILING_PUNCTUATION_RE, '');
  // "3 p.m. and …": the abbreviation's period is its own, unless it also ends the sentence.
  const end = result.index + withoutTrailing.length;
  if (
    ABBREVIATION_END_RE.test(withoutTrailing) &&
    sentence[end] === '.' &&
    /\S/.test(sentence.slice(end + 1))
  )
    withoutTrailing += '.';
  // TimeML spans leave out the preposition: "on Thursday" is tagged "Thursday".
  const leading = LEADING_PREPOSITION_RE.exec(withoutTrailing)?.[0].length ?? 0;
  const text = withoutTrailing.slice(leading);
  const span = { text, start: result.index + leading, end: result.index + leading + text.length };
  const taggedType = readTag(result.tags(), TYPE_TAG) as TimexType | undefined;
  const anaphor = anaphorOf(text, taggedType ?? 'DATE');
  const reading = {
    explicit: WRITTEN_OUT_RE.test(text),
    ...(anaphor ? { anaphor } : {}),
    ...(result.tags().has(QUARTER_NAMED_TAG) ? { namesQuarter: true as const } : {}),
  };
  const explicitValue = readTag(result.tags(), VALUE_TAG);
  const mod = readTag(result.tags(), MOD_TAG) as TimexMod | undefined;
  if (explicitValue) {
    // Durations, sets and vague references name no span of the calendar.
    const type = taggedType ?? 'DATE';
    const implied = impliedDateOf(result);
    return {
      type,
      value: explicitValue,
      ...(mod ? { mod } : {}),
      granularity: 'vague',
      ...span,
      ...reading,
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
    ...reading,
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
  if (!TEMPORAL_GATE_RE.test(text)) return [];
  const results = newsChrono.parse(text, chronoReferenceOf(reference));
  const anchor = formatDate(reference.date);
  return results.map((result) => toTimex(result, anchor, text));
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
