import type { ParsedResult, ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { GRANULARITY_TAG, readTag } from '../tags.ts';

// "Sun" (Sun Microsystems), "Wed" (the verb), "Sat" … : an abbreviated weekday needs its period.
const BARE_WEEKDAY_ABBREVIATION_RE = /^(?:sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)$/i;
// Stock prices and fractions read as times or dates: "2.50 a share", "1/4", "12 3/4", "625 a".
const PRICE_AS_TIME_RE = /^\d+(?:[.:]\d+)?\s+a$/i;
const FRACTION_RE = /^(?:\d+\s+)?\d{1,2}\/(?:2|4|8|16|32|64)$/;
// A number alone, or a range of numbers, is no time: "at 20", "8 to 112".
const BARE_NUMBER_RE =
  /^(?:(?:at|to|by|from|until|till|before|after|around|about)\s+)?\d+(?:[.,]\d+)?(?:\s*(?:to|-)\s*\d+(?:[.,]\d+)?)?(?:\s+\d+\/\d+)?$/i;
// "may" and "march" as verbs (chrono #518, #242): a lower-case month name with nothing dated near.
// "half" read as half past ("half and half").
const HALF_RE = /^half(?:\s+and)?$/i;
const VERB_MONTH_RE = /^(?:may|march)$/;
// News capitalises months: a lower-case "march" or "may" inside a span is the noun or the verb
// ("this march", "may, in a year"); "the March for Life" is a name.
const LOWER_CASE_MONTH_RE = /\b(?:march|may)\b/;
const MONTH_AS_NAME_AFTER_RE = /^\s+(?:for|of)\s+(?:the\s+)?[A-Z]/;
// "The ban lasts until spring": chrono reads "lasts" as "last s(econd)".
const LAST_AS_VERB_RE = /^lasts?$/i;
// "in the quarter": chrono counts "the" as one (in one quarter's time); news means the quarter itself.
const THE_AS_ONE_RE = /^(?:in|within|for)\s+the\s+(?:quarter|year|month|week|day)s?$/i;

// A title, not a date: a title-case expression that is all a quotation holds (ABC's "This
// Week"), or "Today", "Tonight" capitalised after a name's word (USA Today, VOA Today).
const TITLE_CASE_RE = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*$/u;
const QUOTE_OPEN_RE = /["“]$/;
const QUOTE_CLOSE_RE = /^["”]/;
const NAME_TODAY_RE = /^(?:Today|Tonight)$/;
const NAME_WORD_BEFORE_RE = /\p{Lu}[\p{L}'’-]*\s+$/u;

function isTitle(span: string, before: string, after: string): boolean {
  if (TITLE_CASE_RE.test(span) && QUOTE_OPEN_RE.test(before) && QUOTE_CLOSE_RE.test(after)) return true;
  return NAME_TODAY_RE.test(span) && NAME_WORD_BEFORE_RE.test(before) && !/[.!?]\s+\S+\s+$/.test(before);
}

function isFalsePositive(result: ParsedResult, text: string): boolean {
  // Before the test below: a title is none, whoever read it.
  const end = result.index + result.text.trimEnd().length;
  if (isTitle(result.text.trim(), text.slice(Math.max(0, result.index - 30), result.index), text.slice(end)))
    return true;
  // Our own parsers' results (bare years, durations) were checked where they were read.
  if (readTag(result.tags(), GRANULARITY_TAG)) return false;
  // chrono keeps a trailing comma in its span ("may," "Sun,"); a period can belong to "Sun."
  const span = result.text.trim().replace(/[,;:]+$/, '');
  if (BARE_WEEKDAY_ABBREVIATION_RE.test(span)) return true;
  if (PRICE_AS_TIME_RE.test(span) || FRACTION_RE.test(span) || BARE_NUMBER_RE.test(span)) return true;
  if (
    /\d\/\d/.test(span) &&
    /^\s*(?:of|share|point|percent|%)/i.test(text.slice(result.index + result.text.length))
  )
    return true;
  if (
    VERB_MONTH_RE.test(span) ||
    LOWER_CASE_MONTH_RE.test(span) ||
    (/\bMarch$/.test(span) && MONTH_AS_NAME_AFTER_RE.test(text.slice(result.index + result.text.length))) ||
    LAST_AS_VERB_RE.test(span) ||
    THE_AS_ONE_RE.test(span) ||
    HALF_RE.test(span)
  )
    return true;
  return false;
}

// A clock time written as a bare number ("at 1", "6.43"): no "a.m.", "p.m.", "o'clock", colon or zone.
const NUMBER_AS_TIME_RE = /(?:^|[\s,]+)(?:at\s+)?(\d{1,2}(?:\.\d{2})?)(?=$|[\s,]+on\b)/i;
const CLOCK_MARK_RE = /\d:\d|[ap]\.?m\b|o'clock|\b(?:gmt|utc|[ecmp][sd]t)\b/i;

/**
 * A price or an index level chrono read as a clock time beside a date ("Jan. 1, 1990 at 1,015
 * francs", "6.43, on Friday", "ended the day at 7,114.3"): a number going on past its digits, or
 * a decimal with no "a.m." or zone, is no time. The date beside it stands alone; a number alone
 * is dropped.
 */
function withoutNumberAsTime(context: ParsingContext, result: ParsingResult): ParsingResult | undefined {
  if (
    !result.start.isCertain('hour') ||
    result.start.isCertain('meridiem') ||
    CLOCK_MARK_RE.test(result.text)
  )
    return result;
  const time = NUMBER_AS_TIME_RE.exec(result.text);
  const digits = time?.[1];
  if (!time || !digits) return result;
  const after = context.text.slice(result.index + result.text.length);
  const goesOn = time.index + time[0].length === result.text.length && /^[,.]\d/.test(after);
  if (!goesOn && !digits.includes('.')) return result;
  const before = result.text.slice(0, time.index).replace(/[\s,]+$/, '');
  const rest = result.text.slice(time.index + time[0].length).replace(/^[\s,]+(?:on\s+)?/i, '');
  const [text, offset] = before ? [before, 0] : [rest, result.text.length - rest.length];
  if (!text || !(result.start.isCertain('day') || result.start.isCertain('weekday'))) return undefined;
  const date = context.createParsingResult(result.index + offset, text);
  date.start = result.start.clone();
  date.start.delete(['hour', 'minute', 'second', 'millisecond', 'meridiem']);
  for (const tag of result.tags()) date.addTag(tag);
  return date;
}

/**
 * Drops what chrono reads as a date but news text means otherwise:
 * - "Sun" (the company), "Sat" without a period; titles: ABC's "This Week", USA Today
 * - prices and fractions: "2.50 a share" (a.m.?), "1/4", "12 3/4", "2/3 of members"
 * - bare numbers read as times: "at 20"; beside a date, "at 1,015 francs" (the date stays)
 * - "may" and "march" in lower case: the verbs ("The troops will march on the capital.")
 * - "lasts": the verb, not "last s(econd)" ("The ban lasts until spring.")
 * - "in the quarter": not one quarter from now but the quarter itself (read by our own parser)
 */
export const falsePositiveFilter: Refiner = {
  refine: (context, results) =>
    results
      .filter((result) => !isFalsePositive(result, context.text))
      .flatMap((result) => withoutNumberAsTime(context, result) ?? []),
};
