import type { Parser, ParsingContext } from 'chrono-node';
import { gatedPattern } from '../keyword-gate.ts';
import { MONTH_NAMES, WEEKDAY_NAMES } from '../lexicon.ts';
import { COUNT_SOURCE, countValue } from '../numbers.ts';
import { granularityTag, typeTag, valueTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

const WEEKDAYS: readonly string[] = WEEKDAY_NAMES;
const MONTHS: readonly string[] = MONTH_NAMES;
const ADVERBS: Record<string, string> = {
  daily: 'P1D',
  weekly: 'P1W',
  monthly: 'P1M',
  yearly: 'P1Y',
  annually: 'P1Y',
  hourly: 'PT1H',
  nightly: 'XXXX-XX-XXTNI',
};
const SEASON_CODES: Record<string, string> = {
  spring: 'SP',
  summer: 'SU',
  fall: 'FA',
  autumn: 'FA',
  winter: 'WI',
};
const PERIODS: Record<string, string> = {
  day: 'P1D',
  night: 'P1D',
  week: 'P1W',
  month: 'P1M',
  quarter: 'P1Q',
  year: 'P1Y',
  hour: 'PT1H',
  minute: 'PT1M',
};

const SET_RE = new RegExp(
  String.raw`(?<![\w'-])(?:(daily|weekly|monthly|yearly|annually|hourly|nightly)|(?:every|each)\s+(day|week|month|quarter|year|hour|${WEEKDAYS.join('|')}|${MONTHS.join('|')})|(${WEEKDAYS.join('|')})(?:s|\s+(night|morning|evening|afternoon)s)|(?:every|each)\s+(morning|afternoon|evening|night)|every\s+(other|${COUNT_SOURCE})\s+(days?|nights?|weeks?|months?|quarters?|years?|hours?|minutes?)|(once|twice|${COUNT_SOURCE}\s+times)\s+(?:a|an|per|each|every)\s+(day|night|week|month|quarter|year|hour)|(?:every|each)\s+(spring|summer|fall|autumn|winter|weekend)|(?<=\b(?:on|at|over)\s+)(weekends))(?![\w'-])`,
  'i',
);
const PART_CODES: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' };
// A quantity right before an adverb makes a rate of it: "rose 8.5% annually", "100 barrels daily".
const RATE_BEFORE_RE =
  /(?:\d[\d,.]*\s*(?:%|percent|million|billion)?|\b(?:million|billion|thousand|hundred))\s+(?:[a-z]+\s+)?$/i;

// A newspaper is no set: "China Daily", "People's Daily" (a name's word), "the Communist Party
// daily Granma" (a determiner before, a name after), "the daily said", "the daily." (the noun
// right after its determiner, a verb of saying or punctuation after it).
const NAME_WORD_BEFORE_RE = /[\p{Lu}][\p{L}'’-]*\s+$/u;
const DETERMINER_BEFORE_RE = /\b(?:the|a|an|its|their|this|that)\s+(?:[\p{L}-]+\s+){0,2}$/iu;
const DETERMINER_RIGHT_BEFORE_RE = /\b(?:the|a|an|its|their|this|that)\s+$/i;
const NAME_AFTER_RE = /^\s+\p{Lu}/u;
const SAYING_AFTER_RE =
  /^(?:\s+(?:said|says|reported|reports|wrote|writes|quoted|quotes|added|cited)\b|\s*[,;:.)])/;

function isNewspaper(text: string, index: number, word: string): boolean {
  if (!/^(?:daily|weekly|monthly)$/i.test(word)) return false;
  const before = text.slice(Math.max(0, index - 40), index);
  const after = text.slice(index + word.length);
  if (/^[A-Z]/.test(word) && NAME_WORD_BEFORE_RE.test(before)) return true;
  if (NAME_AFTER_RE.test(after) && DETERMINER_BEFORE_RE.test(before)) return true;
  return SAYING_AFTER_RE.test(after) && DETERMINER_RIGHT_BEFORE_RE.test(before);
}

/** `P<n><unit>` of a period word and a count: `every two years` → `P2Y`, an hour `PT2H`. */
function periodOf(unit: string, count: number): string | undefined {
  const one = PERIODS[unit.replace(/s$/, '')];
  if (!one) return undefined;
  if (one === 'P1Q') return `P${3 * count}M`;
  return one.replace('1', String(count));
}

/**
 * Recurrences (TIMEX3 type SET), which chrono reads as one date (its #—"every Monday" is one Monday):
 * - "daily", "weekly", "monthly", "annually", "hourly" → `P1D`, `P1W`, `P1M`, `P1Y`, `PT1H`; not
 *   after a quantity, a rate ("rise 8.5% annually", "100 barrels daily"), nor a newspaper ("the
 *   Party daily Granma", "China Daily"); "nightly" → `XXXX-XX-XXTNI`
 * - "every day", "each year" → `P1D`, `P1Y`; "every Monday" → `XXXX-WXX-1`; "each July" → `XXXX-07`
 * - "Mondays", "Tuesday nights" → `XXXX-WXX-1`, `XXXX-WXX-2TNI`
 * - "each morning", "every evening", "every night" → `XXXX-XX-XXTMO`, `XXXX-XX-XXTEV`, `…TNI`
 * - "every summer", "each spring" → `XXXX-SU`, `XXXX-SP`; "each weekend", "on weekends" →
 *   `XXXX-WXX-WE`; "every 15 minutes" → `PT15M`
 * - "every other week", "every two years" → `P2W`, `P2Y` (without the "every" they are durations)
 * - "twice a week", "three times a year", "once a month" → `P1W`, `P1Y`, `P1M`: the period, as
 *   the guidelines value them (the frequency itself is TIMEX3's `freq`, which we do not write)
 */
const setParser: Parser = {
  pattern: gatedPattern(
    /daily|weekly|monthly|yearly|annually|hourly|nightly|every|each|once|twice|times|(?:day|night|morning|evening|afternoon|weekend)s\b/i,
    SET_RE,
  ),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    let value: string | undefined;
    const adverb = match[1]?.toLowerCase();
    const unit = match[2]?.toLowerCase();
    const pluralWeekday = match[3]?.toLowerCase();
    // "rose 8.5% annually", "100 barrels daily": a rate, no set (the families note).
    if (adverb && RATE_BEFORE_RE.test(context.text.slice(Math.max(0, (match.index ?? 0) - 30), match.index)))
      return null;
    if (adverb && isNewspaper(context.text, match.index ?? 0, match[1] ?? '')) return null;
    if (adverb) value = ADVERBS[adverb];
    else if (unit) {
      const weekday = WEEKDAYS.indexOf(unit);
      const month = MONTHS.indexOf(unit);
      value =
        PERIODS[unit] ??
        (weekday >= 0
          ? `XXXX-WXX-${weekday === 0 ? 7 : weekday}`
          : `XXXX-${String(month + 1).padStart(2, '0')}`);
    } else if (pluralWeekday) {
      const weekday = WEEKDAYS.indexOf(pluralWeekday);
      const part = PART_CODES[match[4]?.toLowerCase() ?? ''];
      value = `XXXX-WXX-${weekday === 0 ? 7 : weekday}${part ? `T${part}` : ''}`;
    }
    const partOfDay = match[5]?.toLowerCase();
    if (partOfDay) value = `XXXX-XX-XXT${PART_CODES[partOfDay]}`;
    const every = match[6]?.toLowerCase();
    if (every && match[7]) {
      const count = every === 'other' ? 2 : countValue(every);
      if (typeof count === 'number' && Number.isInteger(count) && count > 0)
        value = periodOf(match[7].toLowerCase(), count);
    }
    if (match[8] && match[9]) value = periodOf(match[9].toLowerCase(), 1);
    const season = match[10]?.toLowerCase();
    if (season) value = season === 'weekend' ? 'XXXX-WXX-WE' : `XXXX-${SEASON_CODES[season]}`;
    if (match[11]) value = 'XXXX-WXX-WE';
    if (!value) return null;
    const result = context.createParsingResult(match.index ?? 0, match[0], {});
    result.addTags([typeTag('SET'), valueTag(value), granularityTag('vague')]);
    return result;
  },
};

export const setsFamily: TimexFamily = {
  name: 'sets',
  gateWords: [
    'daily',
    'weekly',
    'monthly',
    'annually',
    'yearly',
    'hourly',
    'nightly',
    'weekends',
    'mornings',
    'evenings',
    'afternoons',
    'nights',
    'every',
    'each',
    'mondays',
    'tuesdays',
    'wednesdays',
    'thursdays',
    'fridays',
    'saturdays',
    'sundays',
  ],
  lateParsers: [setParser],
  examples: [
    { sentence: 'The board meets every Monday.', text: 'every Monday' },
    { sentence: 'The paper is printed daily.', text: 'daily' },
  ],
};
