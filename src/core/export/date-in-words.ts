import { TimelineError } from '../errors.ts';
import type { EventDate } from '../events.ts';
import { type CivilDate, parseIsoDate } from '../temporal/calendar.ts';
import { MONTH_NAMES } from '../temporal/lexicon.ts';
import type { TimexMod } from '../temporal/timex.ts';

// The lexicon's month names, capitalised: fixed English, so a host's locale (Intl,
// toLocaleString) cannot change an export.
const MONTHS = MONTH_NAMES.map((name) => name.charAt(0).toUpperCase() + name.slice(1));
const ORDINALS = ['first', 'second', 'third', 'fourth'] as const;
const SEASONS: Readonly<Record<string, string>> = { SP: 'spring', SU: 'summer', FA: 'fall', WI: 'winter' };
// TIMEX3 parts of day (TimeML 1.2.1, section 2.2.1): MO morning, MI mid-day, AF afternoon,
// EV evening, NI night, DT daytime.
const PARTS_OF_DAY: Readonly<Record<string, string>> = {
  MO: 'morning',
  MI: 'midday',
  AF: 'afternoon',
  EV: 'evening',
  NI: 'night',
  DT: 'daytime',
};

const TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const PART_OF_DAY_RE = /^(\d{4}-\d{2}-\d{2})T(MO|MI|AF|EV|NI|DT)$/;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const WEEKEND_RE = /^\d{4}-W\d{2}-WE$/;
const WEEK_RE = /^\d{4}-W\d{2}$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const HALF_RE = /^(\d{4})-H([12])$/;
const SEASON_RE = /^(\d{4})-(SP|SU|FA|WI)$/;
const YEAR_RE = /^\d{4}$/;
const DECADE_RE = /^\d{3}$/;
const CENTURY_RE = /^\d{2}$/;

/**
 * A calendar day of our own data; a malformed one is an error, never guessed at.
 *
 * @example civilDayOf('2018-11-02') // { year: 2018, month: 11, day: 2 }
 */
export function civilDayOf(iso: string): CivilDate {
  const day = parseIsoDate(iso);
  if (!day) throw new TimelineError(`${JSON.stringify(iso)} is not a calendar day (YYYY-MM-DD)`);
  return day;
}

/**
 * A day in words.
 *
 * @example dayInWords('2018-11-02') // 'November 2, 2018'
 */
export function dayInWords(iso: string): string {
  const { year, month, day } = civilDayOf(iso);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

/** A span of days in words: `November 3–4, 2018`, `March 31 – April 1, 2018`. */
function spanInWords(startIso: string, endIso: string): string {
  const start = civilDayOf(startIso);
  const end = civilDayOf(endIso);
  if (startIso === endIso) return dayInWords(startIso);
  if (start.year !== end.year) return `${dayInWords(startIso)} – ${dayInWords(endIso)}`;
  if (start.month !== end.month)
    return `${MONTHS[start.month - 1]} ${start.day} – ${MONTHS[end.month - 1]} ${end.day}, ${end.year}`;
  return `${MONTHS[start.month - 1]} ${start.day}–${end.day}, ${end.year}`;
}

/** A clock time, news style: `2:30 p.m.`, `12:05 a.m.`, `7:15:30 p.m.`. */
function clockInWords(hour: number, minute: string, second: string | undefined): string {
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return `${twelve}:${minute}${second === undefined ? '' : `:${second}`} ${hour < 12 ? 'a.m.' : 'p.m.'}`;
}

/** `1` → `1st`, `20` → `20th`, `21` → `21st`, `12` → `12th`. */
function ordinalOf(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * What a date's value names, in words: `words` as it stands alone, whether it takes "the" inside a
 * phrase ("before the 1990s"), and whether it takes early/mid/late in front ("mid-2019"; a week
 * takes "start of the week of …" instead).
 */
interface Phrase {
  readonly words: string;
  readonly the: boolean;
  readonly prefixable: boolean;
}

const plain = (words: string, prefixable = false): Phrase => ({ words, the: false, prefixable });
const withThe = (words: string, prefixable = false): Phrase => ({ words, the: true, prefixable });

/** Each form of TIMEX3 value a timeline's date can have (schema/timeline.schema.json), and its words. */
const PHRASES: ReadonlyArray<readonly [RegExp, (match: RegExpExecArray, date: EventDate) => Phrase]> = [
  [
    TIME_RE,
    ([, day, hour, minute, second]) =>
      plain(`${clockInWords(Number(hour), minute ?? '00', second)}, ${dayInWords(day ?? '')}`),
  ],
  [PART_OF_DAY_RE, ([, day, part]) => withThe(`${PARTS_OF_DAY[part ?? '']} of ${dayInWords(day ?? '')}`)],
  [DAY_RE, ([day]) => plain(dayInWords(day))],
  // A week and a weekend are said by their days (an ISO week number means little to a reader).
  [WEEKEND_RE, (_, date) => withThe(`weekend of ${spanInWords(date.start, date.end)}`)],
  [WEEK_RE, (_, date) => withThe(`week of ${dayInWords(date.start)}`)],
  [MONTH_RE, ([, year, month]) => plain(`${MONTHS[Number(month) - 1]} ${Number(year)}`, true)],
  [QUARTER_RE, ([, year, quarter]) => withThe(`${ORDINALS[Number(quarter) - 1]} quarter of ${Number(year)}`)],
  [HALF_RE, ([, year, half]) => withThe(`${ORDINALS[Number(half) - 1]} half of ${Number(year)}`)],
  [
    SEASON_RE,
    ([, year, season]) => {
      // A winter runs into the next year (December to February: families/seasons.ts).
      const years =
        season === 'WI' ? `${Number(year)}–${String(Number(year) + 1).slice(-2)}` : String(Number(year));
      return plain(`${SEASONS[season ?? '']} ${years}`, true);
    },
  ],
  [YEAR_RE, ([year]) => plain(String(Number(year)), true)],
  [DECADE_RE, ([decade]) => withThe(`${Number(decade)}0s`, true)],
  // TIMEX3 `19` is the years 1900–1999, which news calls the 20th century.
  [CENTURY_RE, ([century]) => withThe(`${ordinalOf(Number(century) + 1)} century`, true)],
];

function phraseOf(date: EventDate): Phrase {
  for (const [pattern, phrase] of PHRASES) {
    const match = pattern.exec(date.value);
    if (match) return phrase(match, date);
  }
  // Any other value with a span of days (one a later tagger adds) is said by its days.
  return plain(spanInWords(date.start, date.end));
}

/**
 * How each TIMEX3 `mod` reads in front of its date. LESS_THAN … EQUAL_OR_MORE are the guidelines'
 * mods for durations (TimeML 1.2.1, section 2.2); on a date they compare points in time.
 */
function withMod(phrase: Phrase, mod: TimexMod | undefined): string {
  const inPhrase = phrase.the ? `the ${phrase.words}` : phrase.words;
  switch (mod) {
    case undefined:
      return phrase.words;
    case 'START':
      return phrase.prefixable ? `early ${phrase.words}` : `start of ${inPhrase}`;
    case 'MID':
      return phrase.prefixable ? `mid-${phrase.words}` : `middle of ${inPhrase}`;
    case 'END':
      return phrase.prefixable ? `late ${phrase.words}` : `end of ${inPhrase}`;
    case 'APPROX':
      return `about ${inPhrase}`;
    case 'BEFORE':
      return `before ${inPhrase}`;
    case 'AFTER':
      return `after ${inPhrase}`;
    case 'LESS_THAN':
      return `earlier than ${inPhrase}`;
    case 'MORE_THAN':
      return `later than ${inPhrase}`;
    case 'EQUAL_OR_LESS':
      return `no later than ${inPhrase}`;
    case 'EQUAL_OR_MORE':
      return `no earlier than ${inPhrase}`;
  }
}

/**
 * An event's date in English words, its `mod` included, from its TIMEX3 value (and its days, for
 * weeks and weekends). The same words whatever the host's locale and zone.
 *
 * @example dateInWords({ value: '2019', start: '2019-01-01', end: '2019-03-31', granularity: 'year', mod: 'START' }) // 'early 2019'
 * @example dateInWords({ value: '2018-W44', start: '2018-10-29', end: '2018-11-04', granularity: 'week' }) // 'week of October 29, 2018'
 */
export function dateInWords(date: EventDate): string {
  return withMod(phraseOf(date), date.mod);
}
