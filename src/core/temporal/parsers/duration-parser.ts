import type { Parser, ParsingContext } from 'chrono-node';
import { gatedPattern } from '../keyword-gate.ts';
import { COUNT_SOURCE, countValue } from '../numbers.ts';
import { granularityTag, modTag, typeTag, valueTag } from '../tags.ts';
import type { TimexMod } from '../timex.ts';

const UNIT_SOURCE = `(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))`;
const MOD_SOURCE = `(?:about|almost|nearly|approximately|roughly|around|more than|less than|over|under|at least|up to|some|only|just)`;
const DETERMINER_SOURCE = String.raw`(?:the\s+)?(?:(?:past|last|next|first|coming|previous|final|latest|following|preceding|initial)\s+)?`;

/** "the past two months", "nearly 2 1/2 years", "16-hour", "a week" (not "a week ago": chrono's). */
const DURATION_RE = new RegExp(
  String.raw`(?<![\w'$-])(${DETERMINER_SOURCE})(${MOD_SOURCE}\s+)?(${COUNT_SOURCE})[\s-]+(${UNIT_SOURCE})s?(?![\w'-])` +
    // Not an offset from a date (chrono's), not an age ("52 years old").
    String.raw`(?!\s+(?:ago|earlier|later|before|after|from now|hence|since|back)\b)(?![\s-]+old\b)`,
  'i',
);
// A quantity right before "a week" makes it a rate: "358,000 a month", "700 seats a week".
const RATE_BEFORE_RE =
  /(?:\d[\d,.]*\s*(?:%|percent)?|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|dozen|hundred|thousand|million|billion))\s+(?:[a-z]+\s+)?$/i;
/** "for years", "within minutes": a bare plural unit after a preposition of extent. */
const BARE_PLURAL_RE =
  /(?<=\b(?:for|over|within|in)\s+)(years|months|weeks|days|decades|hours|minutes)(?![\w'-])/i;
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
  'more than': 'MORE_THAN',
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
    return key === 'hour' ? `PT${whole}H30M` : key === 'minute' ? `PT${whole}M30S` : `PT${scaled}S`;
  }
  if (!dateLetter) return undefined;
  if (!half) return Number.isInteger(scaled) ? `P${scaled}${dateLetter}` : undefined;
  if (key === 'year') return `P${whole}Y6M`;
  if (key === 'month') return `P${whole}M15D`;
  if (key === 'day') return `P${whole}DT12H`;
  return undefined;
}

/**
 * Durations (TIMEX3 type DURATION), which chrono does not return:
 * - "two weeks", "the past two months", "the first nine months", "the next four years"
 * - "a 16-hour flight", "five-year plan", "2 1/2 years", "nearly two months" (mod LESS_THAN)
 * - "several years", "a few days" → `PXY`, `PXD`; "for years" → `PXY`
 * Offsets from a date ("two weeks ago", "five months after the summit") are left to chrono.
 */
export const durationParser: Parser = {
  pattern: gatedPattern(
    /second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur/i,
    DURATION_RE,
  ),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const count = countValue(match[3] ?? '');
    // "the 1988 second quarter": a year, not a count.
    if (count === undefined || (typeof count === 'number' && count >= 1000)) return null;
    // "four flights a week", "$1.76 a year": a rate, not a length of time.
    const before = context.text.slice(Math.max(0, (match.index ?? 0) - 30), match.index ?? 0);
    if (/^an?$/i.test(match[3] ?? '') && !match[1] && RATE_BEFORE_RE.test(before)) return null;
    // "a second summit" is an ordinal, not one second; "three-quarters of", "a quarter of" are
    // fractions, not three months.
    if (/^an?$/i.test(match[3] ?? '') && /^second$/i.test(match[4] ?? '')) return null;
    if (
      /^quarter$/i.test(match[4] ?? '') &&
      (/-quarters?$/i.test(match[0]) ||
        /^\s+of\b/i.test(context.text.slice((match.index ?? 0) + match[0].length)))
    ) {
      return null;
    }
    const value = durationValue(count, match[4] ?? '');
    if (!value) return null;
    const mod = durationModOf(match[2] ?? '');
    const result = context.createParsingResult(match.index ?? 0, match[0], {});
    result.addTags([typeTag('DURATION'), valueTag(value), granularityTag('vague')]);
    if (mod) result.addTag(modTag(mod));
    return result;
  },
};

/** "for years", "within minutes" → `PXY`, `PTXM`. */
export const barePluralDurationParser: Parser = {
  pattern: gatedPattern(/\b(?:for|over|within|in)\s/i, BARE_PLURAL_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const value = durationValue('X', match[1] ?? '');
    if (!value) return null;
    const result = context.createParsingResult(match.index ?? 0, match[0], {});
    result.addTags([typeTag('DURATION'), valueTag(value), granularityTag('vague')]);
    return result;
  },
};

/** "the past decade" → `P10Y`; "the next century" → `P100Y`. */
export const pastDecadeParser: Parser = {
  pattern: gatedPattern(/decade|century/i, PAST_DECADE_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const value = durationValue(1, match[1] ?? '');
    if (!value) return null;
    const result = context.createParsingResult(match.index ?? 0, match[0], {});
    result.addTags([typeTag('DURATION'), valueTag(value), granularityTag('vague')]);
    return result;
  },
};
