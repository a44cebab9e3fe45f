import type { Parser, ParsingContext, Refiner } from 'chrono-node';
import { addUnits, formatDate } from '../calendar.ts';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { COUNT_SOURCE, countValue } from '../numbers.ts';
import { granularityTag, IMPLIED_DATE_TAG, modTag, readTag, TYPE_TAG, typeTag, valueTag } from '../tags.ts';
import type { TimexMod } from '../timex.ts';
import type { TimexFamily } from './family.ts';

const UNIT_SOURCE = `(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))`;
const MOD_SOURCE = `(?:about|almost|nearly|approximately|roughly|around|more than|less than|no more than|no less than|over|under|at least|at most|up to|some|only|just)`;
// "six straight days", "a full week", "two more weeks", "eight trading days": still a count of the unit.
const COUNTED_ADJECTIVE_SOURCE = String.raw`(?:(?:straight|consecutive|full|whole|more|additional|extra|trading|business|working)\s+)?`;
const DETERMINER_SOURCE = String.raw`(?:the\s+)?(?:(?:past|last|next|first|coming|previous|final|latest|following|preceding|initial)\s+)?`;

/**
 * "the past two months", "nearly 2 1/2 years", "16-hour", "a week" (not "a week ago": chrono's),
 * "three and a half years", "a year and a half", "half an hour", "six straight days".
 */
const DURATION_RE = new RegExp(
  String.raw`(?<![\w'$:-])(${DETERMINER_SOURCE})(${MOD_SOURCE}\s+)?(${COUNT_SOURCE}|half\s+an?)(\s+and\s+a\s+half)?[\s-]+${COUNTED_ADJECTIVE_SOURCE}(${UNIT_SOURCE})s?(\s+and\s+a\s+half)?(?![\w'-])` +
    // Not an offset from a date (chrono's), not an age ("52 years old").
    String.raw`(?!\s+(?:ago|earlier|later|before|after|from now|hence|since|back)\b)(?![\s-]+old\b)`,
  'i',
);
// A quantity right before "a week" makes it a rate: "358,000 a month", "700 seats a week".
const RATE_BEFORE_RE =
  /(?:\d[\d,.]*\s*(?:%|percent)?|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|dozen|hundred|thousand|million|billion))\s+(?:[a-z]+\s+)?$/i;
/** "for years", "within minutes", "lasted months": a bare plural unit after a word of extent. */
const BARE_PLURAL_RE =
  /(?<=\b(?:for|over|within|in|lasted|took|spent)\s+)(years|months|weeks|days|decades|hours|minutes)(?![\w'-])/i;
/** "the past decade", "the next century": a decade or century counted back or ahead. */
const PAST_DECADE_RE =
  /(?<![\w'-])(?:the\s+)?(?:past|last|next|coming|previous)\s+(decade|century)(?![\w'-])/i;

const DATE_UNITS: Record<string, string> = {
  day: 'D',
  week: 'W',
  fortnight: 'W',
  month: 'M',
  quarter: 'Q',
  year: 'Y',
  decade: 'DE',
  centur: 'CE',
};
// TimeML writes decades and centuries in years: "two decades" is P20Y.
const YEARS_PER_UNIT: Record<string, number> = { decade: 10, centur: 100 };
const TIME_UNITS: Record<string, string> = { second: 'S', minute: 'M', hour: 'H' };
/** TIMEX3 mod of a duration's hedge word ("about", "at least"). */
export function durationModOf(words: string): TimexMod | undefined {
  return MODS[words.trim().toLowerCase()];
}

const MODS: Record<string, TimexMod> = {
  about: 'APPROX',
  approximately: 'APPROX',
  roughly: 'APPROX',
  around: 'APPROX',
  some: 'APPROX',
  almost: 'LESS_THAN',
  nearly: 'LESS_THAN',
  'less than': 'LESS_THAN',
  under: 'LESS_THAN',
  'up to': 'LESS_THAN',
  'no more than': 'EQUAL_OR_LESS',
  'more than': 'MORE_THAN',
  'no less than': 'EQUAL_OR_MORE',
  over: 'MORE_THAN',
  // TimeML 1.2.1 (section 2.2): "at least" includes the amount, "more than" does not.
  'at least': 'EQUAL_OR_MORE',
  'at most': 'EQUAL_OR_LESS',
};

/**
 * TIMEX3 duration value of a count of units: `P2M`, `PT16H`, `P2Y6M` (2 1/2 years), `PXY`.
 *
 * @example durationValue(2, 'month') // 'P2M'
 * @example durationValue('X', 'year') // 'PXY'
 */
export function durationValue(count: number | 'X', unitWord: string): string | undefined {
  const key = /^centur/i.test(unitWord) ? 'centur' : unitWord.toLowerCase().replace(/s$/, '');
  const timeLetter = TIME_UNITS[key];
  const dateLetter = DATE_UNITS[key];
  const yearsPerUnit = YEARS_PER_UNIT[key];
  if (yearsPerUnit && count !== 'X')
    return Number.isInteger(count * yearsPerUnit) ? `P${count * yearsPerUnit}Y` : undefined;
  const scaled = key === 'fortnight' && count !== 'X' ? count * 2 : count;
  if (scaled === 'X') return timeLetter ? `PTX${timeLetter}` : dateLetter ? `PX${dateLetter}` : undefined;
  const whole = Math.floor(scaled);
  const half = scaled - whole === 0.5;
  if (timeLetter) {
    if (!half) return `PT${scaled}${timeLetter}`;
    // "half an hour" is PT30M, "an hour and a half" PT1H30M.
    if (key === 'hour') return whole === 0 ? 'PT30M' : `PT${whole}H30M`;
    if (key === 'minute') return whole === 0 ? 'PT30S' : `PT${whole}M30S`;
    return `PT${scaled}S`;
  }
  if (!dateLetter) return undefined;
  if (!half) return Number.isInteger(scaled) ? `P${scaled}${dateLetter}` : undefined;
  // Under two years in months, as one says "18 months" (the families note: "a year and a half" P18M).
  if (key === 'year') return whole < 2 ? `P${whole * 12 + 6}M` : `P${whole}Y6M`;
  if (key === 'month') return whole === 0 ? 'P15D' : `P${whole}M15D`;
  if (key === 'day') return whole === 0 ? 'PT12H' : `P${whole}DT12H`;
  return undefined;
}

/**
 * Durations (TIMEX3 type DURATION), which chrono does not return:
 * - "two weeks", "the past two months", "the first nine months", "the next four years"
 * - "a 16-hour flight", "five-year plan", "2 1/2 years", "nearly two months" (mod LESS_THAN)
 * - "several years", "a few days" → `PXY`, `PXD`; "for years" → `PXY`
 * Offsets from a date ("two weeks ago", "five months after the summit") are left to chrono.
 */
const durationParser: Parser = {
  pattern: gatedPattern(
    /second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur/i,
    DURATION_RE,
  ),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const [, determiner = '', modWords = '', countWords = '', halfBefore, unit = '', halfAfter] = match;
    const counted = /^half\s/i.test(countWords) ? 0.5 : countValue(countWords);
    // "the 1988 second quarter": a year, not a count.
    if (counted === undefined || (typeof counted === 'number' && counted >= 1000)) return null;
    // "a year and a half" (after the unit only after one of it), "three and a half years".
    if (halfAfter && !/^(?:an?|one)$/i.test(countWords)) return null;
    const count = typeof counted === 'number' && (halfBefore || halfAfter) ? counted + 0.5 : counted;
    const article = /^an?$/i.test(countWords);
    // "four flights a week", "$1.76 a year": a rate, not a length of time.
    const before = context.text.slice(Math.max(0, (match.index ?? 0) - 30), match.index ?? 0);
    if (article && !determiner && RATE_BEFORE_RE.test(before)) return null;
    // "a second summit" is an ordinal, not one second; "three-quarters of", "a quarter of" are
    // fractions, not three months.
    if (article && /^second$/i.test(unit)) return null;
    if (
      /^quarter$/i.test(unit) &&
      (/-quarters?$/i.test(match[0]) ||
        /^\s+of\b/i.test(context.text.slice((match.index ?? 0) + match[0].length)))
    ) {
      return null;
    }
    const value = durationValue(count, unit);
    if (!value) return null;
    const mod = durationModOf(modWords);
    // "the 10-day trip": a premodifier, whose determiner belongs to the noun ("a two-year deal").
    const premodifier =
      /^the\s+$/i.test(determiner) && !modWords && /^\S+-\S+$/.test(match[0].slice(determiner.length));
    // "will last two weeks": the verb, not "the last two weeks".
    const verbLast =
      /^last\s+$/i.test(determiner) &&
      /\b(?:will|would|can|could|may|might|must|should|to|did|does|do|not|n't)\s+$/i.test(before);
    const skip = premodifier || verbLast ? determiner.length : 0;
    const result = context.createParsingResult((match.index ?? 0) + skip, match[0].slice(skip), {});
    result.addTags([typeTag('DURATION'), valueTag(value), granularityTag('vague')]);
    if (mod) result.addTag(modTag(mod));
    return result;
  },
};

/** "for years", "within minutes", "took years" → `PXY`, `PTXM`, `PXY`. */
const barePluralDurationParser: Parser = {
  pattern: gatedPattern(/\b(?:for|over|within|in|lasted|took|spent)\s/i, BARE_PLURAL_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const value = durationValue('X', match[1] ?? '');
    if (!value) return null;
    const result = context.createParsingResult(match.index ?? 0, match[0], {});
    result.addTags([typeTag('DURATION'), valueTag(value), granularityTag('vague')]);
    return result;
  },
};

/** "the past decade" → `P10Y`; "the next century" → `P100Y`. */
const pastDecadeParser: Parser = {
  pattern: gatedPattern(/decade|century/i, PAST_DECADE_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const value = durationValue(1, match[1] ?? '');
    if (!value) return null;
    const result = context.createParsingResult(match.index ?? 0, match[0], {});
    result.addTags([typeTag('DURATION'), valueTag(value), granularityTag('vague')]);
    return result;
  },
};

const WITHIN_RE = new RegExp(
  String.raw`^(?:within|in|for|after|over)\s+((about|around|at least|at most|more than|less than|nearly|almost|up to)?\s*(${COUNT_SOURCE})\s+(second|minute|hour|day|week|month|quarter|year|decade)s?)$`,
  'i',
);

/**
 * "within a week", "in two months", "after ten years": chrono dates them from the reference; TimeML annotates the
 * length itself as a DURATION ("a week", `P1W`) and leaves the preposition out.
 */
const withinDurationRefiner: Refiner = {
  refine: (context, results) =>
    results.map((result) => {
      // Only chrono's own readings; our duration parser already spans "over an hour" right.
      if (readTag(result.tags(), TYPE_TAG)) return result;
      const match = WITHIN_RE.exec(result.text.trim());
      if (!match) return result;
      const count = countValue(match[3] ?? '');
      const value = count === undefined ? undefined : durationValue(count, match[4] ?? '');
      const mod = durationModOf(match[2] ?? '');
      if (!value) return result;
      const offset = result.text.indexOf(match[1] ?? '');
      const duration = context.createParsingResult(result.index + offset, match[1] ?? '', {});
      duration.addTags([typeTag('DURATION'), valueTag(value), granularityTag('vague')]);
      if (mod) duration.addTag(modTag(mod));
      return duration;
    }),
};

const OFFSET_FROM_EVENT_RE = new RegExp(
  String.raw`^(${COUNT_SOURCE})\s+(hour|day|week|month|year)s?(?=\s+(after|before)$)`,
  'i',
);

/**
 * "five months after Trump's historic summit", "two days before the vote": TimeML tags the
 * length, "five months" (`P5M`), and leaves "after" or "before" out (a signal). The sentence
 * speaks from the reference date about another event, so that event lies five months *before*
 * the reference ("after") or two days after it ("before"; chrono counts the other way, #471).
 * The duration carries that implied date (`2018-06`, at the unit's granularity) for the timeline;
 * a count of hours implies no day.
 * An offset followed by a date ("two days after June 12") is chrono's own merge and stays as it is.
 */
const eventAnchoredOffsetRefiner: Refiner = {
  refine: (context: ParsingContext, results) =>
    results.map((result) => {
      const match = OFFSET_FROM_EVENT_RE.exec(result.text.trim());
      const count = match ? countValue(match[1] ?? '') : undefined;
      if (!match || typeof count !== 'number' || !Number.isInteger(count)) return result;
      const unit = (match[2] ?? '').toLowerCase() as 'hour' | 'day' | 'week' | 'month' | 'year';
      const value = durationValue(count, unit);
      if (!value) return result;
      const offset = result.text.indexOf(match[0]);
      const duration = context.createParsingResult(result.index + offset, match[0], {});
      duration.addTags([typeTag('DURATION'), valueTag(value), granularityTag('vague')]);
      if (unit !== 'hour') {
        const date = addUnits(referenceDayOf(context), unit, /after/i.test(match[3] ?? '') ? -count : count);
        duration.addTag(`${IMPLIED_DATE_TAG}${formatDate(date)}|${unit}`);
      }
      return duration;
    }),
};

export const durationsFamily: TimexFamily = {
  name: 'durations',
  gateWords: [
    'second',
    'seconds',
    'minute',
    'minutes',
    'hour',
    'hours',
    'day',
    'days',
    'week',
    'weeks',
    'fortnight',
    'fortnights',
    'month',
    'months',
    'quarter',
    'quarters',
    'year',
    'years',
    'decade',
    'decades',
  ],
  lateParsers: [durationParser, barePluralDurationParser, pastDecadeParser],
  refiners: { resolve: [withinDurationRefiner, eventAnchoredOffsetRefiner] },
  examples: [
    { sentence: 'The strike lasted two weeks.', text: 'two weeks' },
    { sentence: 'He signed a two-year deal.', text: 'two-year' },
    { sentence: 'Talks must end within a week.', text: 'a week' },
    { sentence: 'The strike lasted a year and a half.', text: 'a year and a half' },
    { sentence: 'The strike lasted half an hour.', text: 'half an hour' },
  ],
};
